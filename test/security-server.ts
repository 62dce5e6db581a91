// A real server process in a temp directory for the security tests (issue 12): HTTP over loopback, raw files on disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killHard, startServer, type ServerProcess } from './server-process.js';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface SecurityServer {
  dir: string;
  env: Record<string, string>;
  server: ServerProcess;
  adminKey: string;
  call(method: string, path: string, opts?: { key?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  /** Start again on the same files (after a stop or a kill). */
  restart(): Promise<void>;
  /** SIGTERM and wait for the exit (snapshots written, database closed). */
  stop(): Promise<number | null>;
  cleanup(): Promise<void>;
}

export async function startSecurityServer(prefix: string, extraEnv: Record<string, string> = {}): Promise<SecurityServer> {
  const dir = mkdtempSync(join(tmpdir(), `passerelle-${prefix}-`));
  const env = {
    DATABASE_PATH: join(dir, 'p.db'),
    INDEX_DIR: join(dir, 'index'),
    PASSERELLE_DEMO: '0',
    REFERENCE_SERIES_LOAD: '0',
    EMBED_WORKERS: '1',
    ...extraEnv,
  };
  let server = await startServer(env);
  const adminKey = /admin\s+(psk_\S+)/.exec(server.stdout())?.[1];
  if (!adminKey) throw new Error(`no admin key printed:\n${server.stdout()}`);
  const self: SecurityServer = {
    dir,
    env,
    get server() {
      return server;
    },
    adminKey,
    async call(method, path, opts = {}) {
      const key = opts.key === undefined ? adminKey : opts.key;
      const res = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(opts.headers ?? {}),
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      return { status: res.status, headers: res.headers, text, body };
    },
    async restart() {
      server = await startServer(env);
    },
    async stop() {
      const s = server;
      if (s.child.exitCode !== null || s.child.signalCode !== null) return s.child.exitCode;
      const exited = new Promise<number | null>((res) => s.child.once('exit', (code) => res(code)));
      s.child.kill('SIGTERM');
      return exited;
    },
    async cleanup() {
      await killHard(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return self;
}
