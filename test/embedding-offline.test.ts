import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, createInProcessUseLite, TransformersModel } from '../src/embedding/index.js';
import { writeTinyBertModel } from '../src/embedding/tiny-bert.js';

// The offline guarantee: any attempt to reach the network during model load or inference fails this test.
describe('offline guarantee', () => {
  const attempts: string[] = [];
  const saved: Array<[object, string, unknown]> = [];
  let modelsDir: string;

  const stub = (obj: object, key: string, label: string): void => {
    saved.push([obj, key, (obj as Record<string, unknown>)[key]]);
    (obj as Record<string, unknown>)[key] = (...args: unknown[]) => {
      attempts.push(`${label} ${String(args[0]).slice(0, 80)}`);
      throw new Error(`network access attempted: ${label}`);
    };
  };

  beforeAll(() => {
    modelsDir = mkdtempSync(join(tmpdir(), 'passerelle-offline-'));
    writeTinyBertModel(modelsDir);
    stub(globalThis, 'fetch', 'fetch');
    for (const [mod, name] of [
      [http, 'http'],
      [https, 'https'],
    ] as const) {
      stub(mod, 'request', `${name}.request`);
      stub(mod, 'get', `${name}.get`);
    }
    stub(net, 'connect', 'net.connect');
    stub(net, 'createConnection', 'net.createConnection');
    stub(tls, 'connect', 'tls.connect');
    syncBuiltinESMExports();
  });
  afterAll(() => {
    for (const [obj, key, value] of saved) (obj as Record<string, unknown>)[key] = value;
    syncBuiltinESMExports();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('the stubs do catch network use', () => {
    expect(() => http.request('http://example.org')).toThrow(/network access attempted/);
    attempts.length = 0;
  });

  it('USE-lite loads and embeds with the network stubbed', async () => {
    const e = await createInProcessUseLite();
    const [a, b] = await e.embed(['registered nurse', 'nursing care for patients']);
    expect(cosine(a!, b!)).toBeGreaterThan(0.3);
    await e.close();
    expect(attempts).toEqual([]);
  });

  it('transformers.js loads a local model and embeds with the network stubbed', async () => {
    const m = await TransformersModel.load({ modelsDir, model: 'tiny-bert', allowDownload: false });
    const [v] = await m.embedBatch(['welder']);
    expect(v!.length).toBe(32);
    await m.dispose();
    expect(attempts).toEqual([]);
  });

  it('transformers.js does not fall back to the hub for a model that is not on disk', async () => {
    await expect(TransformersModel.load({ modelsDir, model: 'Xenova/all-MiniLM-L6-v2', allowDownload: false })).rejects.toThrow(
      /missing config\.json/,
    );
    expect(attempts).toEqual([]);
  });
});
