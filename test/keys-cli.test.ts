import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import * as schema from '../src/db/schema/index.js';
import { findPrincipal } from '../src/services/api-keys.js';
import { ROOT } from './server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'passerelle-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/keys-create.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: join(dir, 'cli.db') },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('npm run keys:create', () => {
  it('prints {"id","key","role"} as the last line with --json, and the key authenticates', async () => {
    const out = run(['--role', 'ministry', '--json']).trim().split('\n');
    const parsed = JSON.parse(out[out.length - 1]!);
    expect(parsed.role).toBe('ministry');
    expect(parsed.id).toMatch(/^key_/);
    const db = openDatabase(join(dir, 'cli.db'));
    try {
      expect((await findPrincipal({ dialect: 'sqlite', db: db.db, t: schema }, parsed.key))?.role).toBe('ministry');
    } finally {
      db.close();
    }
  });

  it('refuses an employer key without an existing employer', () => {
    expect(() => run(['--role', 'employer'])).toThrow();
    expect(() => run(['--role', 'employer', '--employer', 'emp_01jdx0y8a7m2c9t4v6w8z0b1c3'])).toThrow();
    expect(() => run(['--role', 'superuser'])).toThrow();
  });
});
