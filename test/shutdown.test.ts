import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';

/**
 * A close that begins while start-up work is still running in the background (a SIGTERM seconds after start, as in a
 * rolling deploy) stops that work at its next step instead of waiting for it. Before, the taxonomy warm-up and the
 * reference series load went on to the end, every await of the close waited behind one of their steps, and on a
 * loaded host the close outlasted SHUTDOWN_GRACE_MS and the process exited 1. Asserted on what was left undone, not on
 * time.
 */
describe('closing during start-up work', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops the taxonomy warm-up and the reference series load, and leaves the load to be redone', async () => {
    const path = join(dir, 'p.db');
    const app = await buildApp({
      logger: false,
      config: { DATABASE_PATH: path, INDEX_DIR: join(dir, 'index'), PASSERELLE_DEMO: false, TAXONOMY_WARMUP: true, REFERENCE_SERIES_LOAD: true, FORECAST_REFERENCE_REFIT: [] },
    });
    await app.ready();
    expect(app.closing.aborted).toBe(false);
    await app.close();
    expect(app.closing.aborted).toBe(true);
    await app.referenceSeriesLoaded;

    const warm = app.taxonomy.warmUpStatus();
    expect(warm?.warm).toBe(false);
    expect(warm!.done.length).toBeLessThan(warm!.total);

    const db = new Database(path, { readonly: true });
    try {
      // The load marks its version in its last transaction only: an interrupted load is redone at the next start.
      const marked = db.prepare("SELECT count(*) AS n FROM reference_data_versions").get() as { n: number };
      expect(marked.n).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);
});
