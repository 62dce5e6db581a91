import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLabour, defaultSharedDir } from '../src/pipeline/build-labour.js';
import { openDatabase } from '../src/db/client.js';
import { loadReferenceSeries, loadReferenceSeriesInBackground } from '../src/forecast/series-loader.js';
import { LABOUR_DATA_DIR, readManifest, readSeriesFile } from '../src/forecast/reference-data.js';
import { readModelStore } from '../src/forecast/model-store.js';
import { volumeBand } from '../src/forecast/intervals.js';
import { ENGINE_VERSION } from '../src/forecast/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-forecast-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('labour pipeline', () => {
  it.skipIf(!existsSync(defaultSharedDir()))('rebuilds the committed compact files byte for byte from the shared data', () => {
    const { manifest } = buildLabour(defaultSharedDir(), join(dir, 'labour'));
    const committed = readManifest();
    expect(manifest.version).toBe(committed.version);
    for (const f of manifest.files) expect(f.bytes).toBeLessThan(15 * 1024 * 1024);
  });

  it('serves each committed IVI series with the interval quantiles of its volume band, built by this engine', () => {
    const store = readModelStore()!;
    expect(store.engineVersion).toBe(ENGINE_VERSION);
    const ivi = store.sources.ivi!;
    expect(ivi.bandCalibration).toHaveLength(3);
    for (const band of ivi.bandCalibration!) expect(band).toHaveLength(12);
    // Small series are noisier on the log scale than their model sd says, relative to large ones: wider quantiles.
    expect(ivi.bandCalibration![0]![5]!.q90).not.toBe(ivi.bandCalibration![2]![5]!.q90);
    const byKey = new Map(readSeriesFile('ivi').series.map((s) => [`ivi|${s.code}|${s.region}`, s]));
    let checked = 0;
    for (const served of ivi.served) {
      const s = byKey.get(served.key);
      if (!s || served.mean.length === 0) continue;
      const tail = s.values.slice(-12).map((v) => v ?? 0);
      expect(served.band).toBe(volumeBand(tail.reduce((a, b) => a + b, 0) / tail.length));
      checked++;
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('holds the IVI as 352 ANZSCO-4 (incl. the total) × 9 regions, monthly Mar 2006 – Dec 2021', () => {
    const ivi = readSeriesFile('ivi').series;
    expect(ivi).toHaveLength(3168);
    expect(new Set(ivi.map((s) => s.region)).size).toBe(9);
    const s = ivi.find((x) => x.code === '2613' && x.region === 'NSW')!;
    expect(s.start).toBe('2006-03');
    expect(s.values).toHaveLength(190);
    expect(readFileSync(join(LABOUR_DATA_DIR, 'ATTRIBUTION.md'), 'utf8')).toContain('CC BY 4.0');
  });
});

describe('reference series loader', () => {
  it('fills an empty database once per data version, in one transaction', () => {
    const db = openDatabase(join(dir, 'a.db'));
    const first = loadReferenceSeries(db.sqlite);
    expect(first.loaded).toBe(true);
    expect(first.series).toBe(3642);
    const n = db.sqlite.prepare('SELECT count(*) AS n FROM series_observations').get() as { n: number };
    expect(n.n).toBe(first.observations);
    const again = loadReferenceSeries(db.sqlite);
    expect(again.loaded).toBe(false);
    // A new data version replaces the old rows rather than adding to them.
    db.sqlite.prepare("UPDATE reference_data_versions SET version = 'old'").run();
    const reload = loadReferenceSeries(db.sqlite);
    expect(reload.loaded).toBe(true);
    const n2 = db.sqlite.prepare('SELECT count(*) AS n FROM series_observations').get() as { n: number };
    expect(n2.n).toBe(first.observations);
    const row = db.sqlite
      .prepare("SELECT value FROM series_observations WHERE source = 'ivi' AND code = '2613' AND region = 'NSW' AND period = '2021-12'")
      .get() as { value: number };
    expect(row.value).toBe(readSeriesFile('ivi').series.find((x) => x.code === '2613' && x.region === 'NSW')!.values[189]);
    db.close();
  });

  it('stops a background load when cancelled and leaves no version mark', async () => {
    const db = openDatabase(join(dir, 'b.db'));
    let calls = 0;
    const res = await loadReferenceSeriesInBackground(db.sqlite, { chunk: 50, cancelled: () => ++calls > 2 });
    expect(res).toBeNull();
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM reference_data_versions').get()).toEqual({ n: 0 });
    db.close();
  });
});
