import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './server-process.js';

// Issue 15: the services run one code path on both back ends (src/storage/sql.ts). A SQLite-only executor or a direct use
// of the SQLite connection in these files would work on SQLite and fail only on PostgreSQL: this guard finds it first.
const PORTABLE = ['src/services', 'src/routes', 'src/web', 'src/screening/service.ts', 'src/plugins/auth.ts', 'src/plugins/audit.ts', 'src/plugins/idempotency.ts', 'src/plugins/fairness.ts', 'src/plugins/writers.ts'];
// Not on the storage port yet (answer 501 on PostgreSQL), or SQLite-only by nature (health's SQLite ping, the WAL truncation).
const EXEMPT = new Set(['src/routes/series.ts', 'src/routes/forecasts.ts', 'src/routes/health.ts', 'src/services/erasure.ts']);
const FORBIDDEN: [RegExp, string][] = [
  [/\.(get|all|run)\(\)/, 'a SQLite-only executor: await the query instead'],
  [/\bapp\.(db|sqlite)\b/, 'the SQLite connection: use app.storage'],
  [/\bdb\.transaction\(/, 'a synchronous SQLite transaction: use storage.transaction'],
];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return [path];
  return readdirSync(full).flatMap((f) => files(join(path, f)));
}

describe('portable service code', () => {
  it('uses no SQLite-only executor or connection outside the exempt files', () => {
    const problems: string[] = [];
    for (const file of PORTABLE.flatMap(files).filter((f) => f.endsWith('.ts') && !EXEMPT.has(relative(ROOT, join(ROOT, f))))) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line) || line.includes('storage.dialect')) return; // comments; explicit per-dialect branches
          for (const [re, why] of FORBIDDEN) if (re.test(line)) problems.push(`${file}:${i + 1}: ${why}: ${line.trim()}`);
        });
    }
    expect(problems).toEqual([]);
  });
});
