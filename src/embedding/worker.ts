// Piscina worker: loads one model per thread (its own tfjs or onnxruntime instance) and embeds one batch per task.
import { workerData } from 'node:worker_threads';
import { move } from 'piscina';
import type { WorkerModelConfig } from './pool.js';
// Static imports: piscina may load this file through require(), where tsx does not map dynamic './x.js' imports.
import { TransformersModel } from './transformers.js';
import { UseLiteModel } from './use-lite.js';

interface BatchModel {
  embedBatch(texts: string[]): Promise<Float32Array[]>;
}

let model: Promise<BatchModel> | undefined;

function loadModel(config: WorkerModelConfig): Promise<BatchModel> {
  if (config.provider === 'use-lite') return UseLiteModel.load({ maxTokens: config.maxTokens });
  return TransformersModel.load({ modelsDir: config.modelsDir, model: config.model, allowDownload: config.allowDownload });
}

export interface EmbedTask {
  texts: string[];
}

/** Returns all vectors of the batch in one flat Float32Array (row-major), transferred, not copied. */
export default async function embedTask(task: EmbedTask): Promise<Float32Array> {
  model ??= loadModel(workerData as WorkerModelConfig);
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
