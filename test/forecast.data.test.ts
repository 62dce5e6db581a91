import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLabour, defaultSharedDir } from '../src/pipeline/build-labour.js';
import { openDatabase } from '../src/db/client.js';
import { loadReferenceSeries, loadReferenceSeriesInBackground } from '../src/forecast/series-loader.js';
import { LABOUR_DATA_DIR, readManifest, readSeriesFile } from '../src/forecast/reference-data.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-forecast-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('labour pipeline', () => {
  it.skipIf(!existsSync(defaultSharedDir()))('rebuilds the committed compact files byte for byte from the shared data', () => {
    const { manifest } = buildLabour(defaultSharedDir(), join(dir, 'labour'));
    const committed = readManifest();
    expect(manifest.version).toBe(committed.version);
    for (const f of manifest.files) expect(f.bytes).toBeLessThan(15 * 1024 * 1024);
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
