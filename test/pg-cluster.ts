import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './server-process.js';

/**
 * A throw-away PostgreSQL 15 cluster of one test file's own (initdb + pg_ctl under /tmp on a free port), so a test
 * may stop and start PostgreSQL without touching the shared cluster every other test uses (issue 15's
 * multi-replica test). Uses Debian's binaries; as root, runs them as the `postgres` user (initdb refuses root).
 */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export const pgBinariesPresent = (): boolean => existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));

export interface ThrowawayCluster {
  url: string;
  port: number;
  dataDir: string;
  start(): void;
  /** `fast`: sessions are terminated (as a restart or failover does); `immediate`: as a crash. */
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

function asPostgres(cmd: string, args: string[]): { status: number | null; out: string } {
  const root = process.getuid?.() === 0;
  const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function must(cmd: string, args: string[]): string {
  const r = asPostgres(cmd, args);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.out}`);
  return r.out;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  if (!pgBinariesPresent()) throw new Error(`PostgreSQL 15 binaries not found in ${PG_BIN} (apt-get install postgresql-15, as .ci/pg-up does)`);
  const root = mkdtempSync(join(tmpdir(), 'passerelle-pgc-'));
  const dataDir = join(root, 'data');
  const sock = root;
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  must(join(PG_BIN, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    `-k ${sock}`,
    `-c listen_addresses=127.0.0.1`,
    '-c max_connections=200',
    '-c shared_buffers=64MB',
    '-c fsync=on',
  ].join(' ');
  const logFile = join(root, 'server.log');
  const start = () => must(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', opts, '-w', '-t', '30', 'start']);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/passerelle`;
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE passerelle');
  await admin.end();
  let running = true;
  return {
    url,
    port,
    dataDir,
    start() {
      if (running) return;
      start();
      running = true;
    },
    stop(mode = 'fast') {
      if (!running) return;
      must(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
      running = false;
    },
    destroy() {
      if (running) asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      running = false;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
