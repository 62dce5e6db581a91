// npm run model:fetch -- <hf-id> [--revision main]: for operators WITH internet. Downloads the files a
// transformers-provider model folder needs into MODELS_DIR/<hf-id>/. Offline it fails fast with a clear message.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { REQUIRED_MODEL_FILES } from '../embedding/transformers.js';

const OPTIONAL_FILES = ['special_tokens_map.json', 'vocab.txt'];
const HUB = process.env.HF_ENDPOINT ?? 'https://huggingface.co';

export class ModelFetchError extends Error {}

async function get(url: string, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new ModelFetchError(
      `cannot reach ${new URL(url).host} (${why}). model:fetch needs internet access; on an offline host, fetch the ` +
        'model on a connected machine and copy its folder under MODELS_DIR (see models/README.md).',
    );
  }
}

export async function fetchModel(hfId: string, modelsDir: string, revision = 'main'): Promise<string> {
  if (!/^[\w.-]+\/[\w.-]+$/.test(hfId) || hfId.includes('..')) throw new ModelFetchError(`not a Hugging Face model id: ${hfId}`);
  const dir = resolve(modelsDir, hfId);
  // Probe first with a short timeout, so an offline host fails in about a second, not after a long download attempt.
  const probe = await get(`${HUB}/${hfId}/resolve/${revision}/config.json`, 10_000);
  if (!probe.ok) throw new ModelFetchError(`${hfId}: config.json answered HTTP ${probe.status}`);
  const files = new Map<string, Uint8Array>([['config.json', new Uint8Array(await probe.arrayBuffer())]]);
  for (const file of [...REQUIRED_MODEL_FILES.filter((f) => f !== 'config.json'), ...OPTIONAL_FILES]) {
    const res = await get(`${HUB}/${hfId}/resolve/${revision}/${file}`, 30 * 60_000);
    if (!res.ok) {
      if (OPTIONAL_FILES.includes(file)) continue;
      throw new ModelFetchError(`${hfId}: ${file} answered HTTP ${res.status} (the repository needs an ONNX export)`);
    }
    files.set(file, new Uint8Array(await res.arrayBuffer()));
    console.log(`fetched ${file}`);
  }
  for (const [file, data] of files) {
    const target = join(dir, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(`${target}.tmp`, data);
    renameSync(`${target}.tmp`, target);
  }
  return dir;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = process.argv.slice(2);
  const id = args.find((a) => !a.startsWith('--'));
  const revIdx = args.indexOf('--revision');
  if (!id) {
    console.error('usage: npm run model:fetch -- <hf-id> [--revision <rev>]   e.g. Xenova/all-MiniLM-L6-v2');
    process.exit(2);
  }
  fetchModel(id, loadConfig().MODELS_DIR, revIdx >= 0 ? args[revIdx + 1] : 'main').then(
    (dir) => console.log(`model saved in ${dir}; use EMBEDDER=transformers EMBEDDER_MODEL=${id}, then npm run reindex`),
    (err: Error) => {
      console.error(`model:fetch failed: ${err.message}`);
      process.exit(1);
    },
  );
}
