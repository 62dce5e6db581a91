import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDatabase } from '../src/db/client.js';
import { VectorCollection, type CollectionOptions } from '../src/vector-index/collection.js';

export interface TempEnv {
  dir: string;
  dbPath: string;
  indexDir: string;
  db: OpenedDatabase;
  open(opts?: Partial<CollectionOptions>): Promise<VectorCollection>;
  reopenDb(): void;
  cleanup(): void;
}

export function tempEnv(): TempEnv {
  const dir = mkdtempSync(join(tmpdir(), 'vidx-'));
  const dbPath = join(dir, 'db.sqlite');
  const indexDir = join(dir, 'index');
  const env: TempEnv = {
    dir,
    dbPath,
    indexDir,
    db: openDatabase(dbPath),
    open: (opts = {}) =>
      VectorCollection.open({
        name: 'vacancies',
        modelId: 'test-model',
        dims: 32,
        sqlite: env.db.sqlite,
        dbPath,
        indexDir,
        m: 16,
        efConstruction: 100,
        efSearch: 64,
        ...opts,
      }),
    reopenDb() {
      env.db.close();
      env.db = openDatabase(dbPath);
    },
    cleanup() {
      env.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return env;
}
