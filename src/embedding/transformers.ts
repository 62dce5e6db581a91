// The `transformers` provider: any feature-extraction ONNX model the operator places under MODELS_DIR/<name>/,
// run by transformers.js (onnxruntime-node) with mean pooling and L2 normalisation.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isBlank, normalizeInPlace } from './vector-math.js';

/** What a model folder must hold; a missing one is named in the start-up error. */
export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'] as const;

export class EmbedderStartupError extends Error {
  override name = 'EmbedderStartupError';
}

export interface TransformersOptions {
  modelsDir: string;
  model: string;
  allowDownload: boolean;
}

/** Check the folder before anything loads, so the operator reads which file is missing or unreadable. */
export function checkModelFolder(modelsDir: string, model: string, allowDownload = false): string {
  if (!model) throw new EmbedderStartupError('EMBEDDER=transformers needs EMBEDDER_MODEL=<folder name under MODELS_DIR>');
  if (model.includes('..')) throw new EmbedderStartupError(`EMBEDDER_MODEL must not contain "..": ${model}`);
  const dir = resolve(modelsDir, model);
  if (allowDownload && !existsSync(dir)) return dir; // transformers.js will fetch it into its cache
  for (const file of REQUIRED_MODEL_FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new EmbedderStartupError(`model folder ${dir} is missing ${file} (see models/README.md)`);
    if (file.endsWith('.json')) {
      try {
        JSON.parse(readFileSync(path, 'utf8'));
      } catch (err) {
        throw new EmbedderStartupError(`model file ${path} is not valid JSON: ${(err as Error).message}`);
      }
    } else if (statSync(path).size === 0) {
      throw new EmbedderStartupError(`model file ${path} is empty`);
    }
  }
  return dir;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `transformers:<name>@<first 12 hex of sha256(model.onnx)>`: a replaced model file gets a new id. */
export async function transformersModelId(modelsDir: string, model: string): Promise<string> {
  const onnx = join(resolve(modelsDir, model), 'onnx/model.onnx');
  const version = existsSync(onnx) ? (await sha256File(onnx)).slice(0, 12) : 'remote';
  return `transformers:${model}@${version}`;
}

type FeatureExtractor = (
  texts: string[],
  options: { pooling: 'mean'; normalize: boolean },
) => Promise<{ data: Float32Array; dims: number[]; dispose?: () => void }>;

export class TransformersModel {
  private constructor(
    private readonly extractor: FeatureExtractor & { dispose(): Promise<void> },
    readonly dimensions: number,
  ) {}

  static async load(options: TransformersOptions): Promise<TransformersModel> {
    checkModelFolder(options.modelsDir, options.model, options.allowDownload);
    const { env, pipeline } = await import('@huggingface/transformers');
    env.allowLocalModels = true;
    env.localModelPath = `${resolve(options.modelsDir)}/`;
    env.allowRemoteModels = options.allowDownload;
    env.useFSCache = options.allowDownload;
    let extractor;
    try {
      extractor = await pipeline('feature-extraction', options.model, { dtype: 'fp32' });
    } catch (err) {
      throw new EmbedderStartupError(`could not load model ${options.model}: ${(err as Error).message}`);
    }
    const fe = extractor as unknown as FeatureExtractor & { dispose(): Promise<void> };
    const probe = await fe(['dimension probe'], { pooling: 'mean', normalize: true });
    const dimensions = probe.dims[probe.dims.length - 1]!;
    return new TransformersModel(fe, dimensions);
  }

  /** One unit vector per text; empty texts give zero vectors without running the model. */
  async embedBatch(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = texts.map(() => new Float32Array(this.dimensions));
    const slots: number[] = [];
    const inputs: string[] = [];
    texts.forEach((t, i) => {
      if (!isBlank(t)) {
        slots.push(i);
        inputs.push(t);
      }
    });
    if (inputs.length === 0) return out;
    // The tokenizer truncates at the model's model_max_length (tokenizer_config.json).
    const result = await this.extractor(inputs, { pooling: 'mean', normalize: true });
    const d = this.dimensions;
    slots.forEach((slot, row) => {
      out[slot] = normalizeInPlace(Float32Array.from(result.data.subarray(row * d, (row + 1) * d)));
    });
    result.dispose?.();
    return out;
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}
