import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { VectorCollection } from '../src/vector-index/collection.js';
import { decodeVector } from '../src/vector-index/store.js';
import { mulberry32 } from '../src/vector-index/synthetic.js';

const DIMS = 64;
const dir = mkdtempSync(join(tmpdir(), 'vidx-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runAndKill(seed: number, killAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/vector-index-crash-child.ts', dir, String(seed), String(DIMS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`child exited ${code}: ${stderr}`));
    });
  });
}

describe('crash consistency (SIGKILL during ingest and snapshot writes)', () => {
  const outcomes: string[] = [];
  afterAll(() => {
    console.log(`crash rounds: ${outcomes.join(' | ')}`);
  });

  it('after every kill, the reopened index holds exactly the live SQLite ids with their vectors', async () => {
    const rand = mulberry32(77);
    for (let round = 0; round < 10; round++) {
      await runAndKill(round + 1, 150 + Math.floor(rand() * 1200));
      // A leftover temp file means the kill landed inside a snapshot write.
      const torn = readdirSync(join(dir, 'index')).filter((f) => f.endsWith('.tmp')).length;
      const db = openDatabase(join(dir, 'db.sqlite'));
      try {
        const c = await VectorCollection.open({
          name: 'vacancies',
          modelId: 'crash-model',
          dims: DIMS,
          sqlite: db.sqlite,
          dbPath: join(dir, 'db.sqlite'),
          indexDir: join(dir, 'index'),
          efConstruction: 64,
          workerMinItems: 1_000_000,
        });
        const problem = c.status().lastSnapshotProblem;
        await c.whenReady();
        const rows = db.sqlite
          .prepare("SELECT item_id AS id, vector FROM vector_items WHERE collection = 'vacancies' AND deleted = 0")
          .all() as { id: string; vector: Buffer }[];
        const deleted = new Set(
          db.sqlite.prepare("SELECT item_id FROM vector_items WHERE collection = 'vacancies' AND deleted = 1").pluck().all() as string[],
        );
        expect(new Set(c.ids())).toEqual(new Set(rows.map((r) => r.id)));
        // The graph itself (not only the id maps) agrees: each sampled item finds itself, no deleted id comes back.
        c.drain();
        for (const r of rows.filter((_, i) => i % 7 === 0)) {
          const res = c.search(decodeVector(r.vector, DIMS), { k: 10 });
          expect(res.source).toBe('hnsw');
          expect(res.items[0]!.id).toBe(r.id);
          for (const h of res.items) expect(deleted.has(h.id)).toBe(false);
        }
        outcomes.push(`${rows.length} live/${deleted.size} deleted, snapshot ${problem ?? 'used'}, rows from ${c.rowsSource}${torn ? ', killed mid-snapshot' : ''}`);
        await c.close({ snapshot: round % 2 === 0 }); // alternate: leave a fresh or an old snapshot behind
      } finally {
        db.close();
      }
    }
  }, 120_000);
});
