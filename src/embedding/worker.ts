// Piscina worker: loads one model per thread (its own tfjs instance) and embeds one batch per task.
// (The transformers provider runs in the main thread instead: see pool.ts for why.)
import { workerData } from 'node:worker_threads';
import { move } from 'piscina';
import type { WorkerModelConfig } from './pool.js';
// Static imports: piscina may load this file through require(), where tsx does not map dynamic './x.js' imports.
import { installNetworkGuard } from './network-guard.js';
import { UseLiteModel } from './use-lite.js';

interface BatchModel {
  embedBatch(texts: string[]): Promise<Float32Array[]>;
}

let model: Promise<BatchModel> | undefined;

const config = workerData as WorkerModelConfig;
installNetworkGuard();

function loadModel(config: WorkerModelConfig): Promise<BatchModel> {
  return UseLiteModel.load({ maxTokens: config.maxTokens });
}

export interface EmbedTask {
  texts: string[];
}

/** Returns all vectors of the batch in one flat Float32Array (row-major), transferred, not copied. */
export default async function embedTask(task: EmbedTask): Promise<Float32Array> {
  model ??= loadModel(config);
  let loaded: BatchModel;
  try {
    loaded = await model;
  } catch (err) {
    model = undefined; // let the next task retry the load
    throw err;
  }
  const vectors = await loaded.embedBatch(task.texts);
  const dims = vectors[0]?.length ?? 0;
  const flat = new Float32Array(vectors.length * dims);
  vectors.forEach((v, i) => flat.set(v, i * dims));
  return move(flat) as unknown as Float32Array;
}
