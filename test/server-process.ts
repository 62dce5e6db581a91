import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Background work a crash test does not need (reference series, taxonomy warm-up, periodic fairness and audit-head jobs), one embedding worker. */
export const QUIET_SERVER_ENV = { REFERENCE_SERIES_LOAD: '0', TAXONOMY_WARMUP: '0', FAIRNESS_ALERT_INTERVAL_S: '0', AUDIT_HEAD_INTERVAL_S: '0', EMBED_WORKERS: '1' } as const;

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  stdout(): string;
}

/** Start the real server (`node --import tsx src/server.ts`) and wait until /readyz answers 200. */
export async function startServer(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    // The reference forecast refit is minutes of background CPU per fresh database: not what these tests measure.
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), MAX_EVENT_LOOP_DELAY_MS: '0', FORECAST_REFERENCE_REFIT: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.status === 200) return { child, baseUrl, stdout: () => out };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready in ${timeoutMs} ms:\n${out}`);
}

export async function killHard(p: ServerProcess): Promise<void> {
  await new Promise<void>((res) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return res();
    p.child.once('exit', () => res());
    p.child.kill('SIGKILL');
  });
}
