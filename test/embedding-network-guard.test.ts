import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

// The guard the embedding workers install: inside such a thread every way to the network throws.
describe('network guard in a worker thread', () => {
  it('blocks fetch, http, https, net and tls, and leaves the parent thread alone', async () => {
    const guardPath = new URL('../src/embedding/network-guard.ts', import.meta.url).pathname;
    const code = `
      import { createRequire } from 'node:module';
      import { parentPort } from 'node:worker_threads';
      const require = createRequire(import.meta.url);
      // Like piscina, load the TypeScript module through require(): tsx's CommonJS hooks are active in workers.
      Promise.resolve(require(${JSON.stringify(guardPath)})).then(async ({ installNetworkGuard }) => {
        installNetworkGuard();
        const out = [];
        const tryIt = async (name, fn) => { try { await fn(); out.push(name + ': allowed'); } catch (e) { out.push(name + ': ' + e.name); } };
        await tryIt('fetch', () => fetch('http://127.0.0.1:9'));
        await tryIt('http', () => require('node:http').request('http://127.0.0.1:9'));
        await tryIt('https', () => require('node:https').get('https://127.0.0.1:9'));
        await tryIt('net', () => require('node:net').connect(9, '127.0.0.1'));
        await tryIt('tls', () => require('node:tls').connect(9, '127.0.0.1'));
        parentPort.postMessage(out);
      });`;
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-guard-'));
    const file = join(dir, 'probe.mjs');
    writeFileSync(file, code);
    const worker = new Worker(file, { execArgv: ['--import', tsx] });
    const out = await new Promise<string[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
    expect(out).toEqual(['fetch', 'http', 'https', 'net', 'tls'].map((n) => `${n}: NetworkBlockedError`));
    expect(typeof globalThis.fetch).toBe('function');
  });
});
