// USE-lite (Universal Sentence Encoder lite, 512-d) on tfjs-core + tfjs-converter + the wasm backend, fully offline:
// the graph, its weight shards and the SentencePiece vocabulary are read from the installed npm package's files.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { UnigramTokenizer, type Vocabulary } from './sentencepiece.js';
import { USE_LITE_DIMENSIONS, USE_LITE_ID, USE_LITE_MAX_TOKENS, useLiteModelDir } from './use-lite-meta.js';
import type { Embedder } from './types.js';

export { USE_LITE_DIMENSIONS, USE_LITE_ID, USE_LITE_MAX_TOKENS, USE_LITE_PACKAGE, USE_LITE_VERSION, useLiteModelDir } from './use-lite-meta.js';
import { normalizeInPlace } from './vector-math.js';

const require = createRequire(import.meta.url);

const wasmDir = (): string => join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

let backendReady: Promise<void> | undefined;

/** Select the wasm backend once per thread, with its .wasm binaries read from node_modules (no fetch). */
export function ensureWasmBackend(): Promise<void> {
  backendReady ??= (async () => {
    setWasmPaths(`${wasmDir()}/`);
    const events = ['uncaughtException', 'unhandledRejection'] as const;
    const before = events.map((e) => new Set<unknown>(process.listeners(e as 'uncaughtException')));
    // The wasm backend registers itself on import; setBackend initialises it.
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('tfjs wasm backend failed to initialise');
    await tf.ready();
    // Emscripten's Node glue adds handlers that rethrow any unhandled rejection, killing the process: remove them.
    events.forEach((e, i) => {
      for (const l of process.listeners(e as 'uncaughtException')) if (!before[i]!.has(l)) process.removeListener(e as 'uncaughtException', l);
    });
  })();
  return backendReady;
}

interface WeightsManifestGroup {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
}

async function loadArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: WeightsManifestGroup[];
  };
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Buffer[] = [];
  for (const group of modelJson.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) buffers.push(await readFile(join(dir, p)));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  return { modelTopology: modelJson.modelTopology, weightSpecs, weightData, format: 'graph-model' };
}

export interface UseLiteOptions {
  maxTokens?: number;
  /** Default true. Only the case-sensitivity benchmark turns it off. */
  lowercase?: boolean;
}

/** Prepare text the way the model works best: it is case-sensitive and measurably worse on mixed case. */
export const prepareUseLiteText = (text: string): string => text.toLowerCase();

export class UseLiteModel {
  private constructor(
    private readonly model: GraphModel,
    readonly tokenizer: UnigramTokenizer,
    private readonly maxTokens: number,
    private readonly lowercase = true,
  ) {}

  static async load(options: UseLiteOptions = {}): Promise<UseLiteModel> {
    await ensureWasmBackend();
    const dir = useLiteModelDir();
    const [artifacts, vocabulary] = await Promise.all([
      loadArtifacts(dir),
      readFile(join(dir, 'vocab.json'), 'utf8').then((s) => JSON.parse(s) as Vocabulary),
    ]);
    const model = await loadGraphModel({ load: async () => artifacts });
    return new UseLiteModel(model, new UnigramTokenizer(vocabulary), options.maxTokens ?? USE_LITE_MAX_TOKENS, options.lowercase ?? true);
  }

  /** Token ids the model will see for `text` (lowercased, truncated). */
  tokenize(text: string): number[] {
    return this.tokenizer.encode(this.lowercase ? prepareUseLiteText(text) : text).slice(0, this.maxTokens);
  }

  /** Raw batch call: one unit vector per text; empty texts give zero vectors without running the model. */
  async embedBatch(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = texts.map(() => new Float32Array(USE_LITE_DIMENSIONS));
    const encoded: number[][] = [];
    const slots: number[] = [];
    texts.forEach((t, i) => {
      const ids = this.tokenize(t);
      if (ids.length > 0) {
        encoded.push(ids);
        slots.push(i);
      }
    });
    if (encoded.length === 0) return out;
    let total = 0;
    for (const ids of encoded) total += ids.length;
    const indices = new Int32Array(total * 2);
    const values = new Int32Array(total);
    let k = 0;
    encoded.forEach((ids, row) => {
      ids.forEach((id, pos) => {
        indices[2 * k] = row;
        indices[2 * k + 1] = pos;
        values[k] = id;
        k++;
      });
    });
    const indicesT = tf.tensor2d(indices, [total, 2], 'int32');
    const valuesT = tf.tensor1d(values, 'int32');
    try {
      const result = (await this.model.executeAsync({ indices: indicesT, values: valuesT })) as tf.Tensor;
      const data = (await result.data()) as Float32Array;
      result.dispose();
      slots.forEach((slot, row) => {
        const v = data.slice(row * USE_LITE_DIMENSIONS, (row + 1) * USE_LITE_DIMENSIONS);
        normalizeInPlace(v);
        out[slot] = v;
      });
      return out;
    } finally {
      indicesT.dispose();
      valuesT.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** An in-process USE-lite embedder for scripts (pipelines, reindex, benchmarks); the service uses the worker pool. */
export async function createInProcessUseLite(options: UseLiteOptions & { batchSize?: number } = {}): Promise<Embedder> {
  const model = await UseLiteModel.load(options);
  const batchSize = options.batchSize ?? 32;
  return {
    id: USE_LITE_ID,
    dimensions: USE_LITE_DIMENSIONS,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) out.push(...(await model.embedBatch(texts.slice(i, i + batchSize))));
      return out;
    },
    async close() {
      model.dispose();
    },
  };
}
