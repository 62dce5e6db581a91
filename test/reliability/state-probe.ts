import type { Database } from 'better-sqlite3';

/**
 * Counts every row written to the domain tables on this connection, with temporary triggers (they live only in the
 * test's connection and change nothing in the database file). `writes()` before and after a request that answered
 * 4xx must be equal: a refused request leaves no trace. Tables whose writes are not domain state are left out:
 * idempotency records (a replayable reply), the embedding cache, migrations.
 */
export function installWriteCounter(sqlite: Database, exclude = /^(__drizzle|sqlite_|idempotency|embedding_cache)/): { writes(): number; tables: string[] } {
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS reliability_writes (n INTEGER NOT NULL); DELETE FROM reliability_writes; INSERT INTO reliability_writes VALUES (0);');
  const tables = (sqlite.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table'").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !exclude.test(n));
  for (const t of tables) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      const name = `reliability_${op.toLowerCase()}_${t.replace(/\W/g, '_')}`;
      sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS "${name}" AFTER ${op} ON main."${t}" BEGIN UPDATE reliability_writes SET n = n + 1; END;`);
    }
  }
  const read = sqlite.prepare('SELECT n FROM reliability_writes');
  return { writes: () => (read.get() as { n: number }).n, tables };
}
