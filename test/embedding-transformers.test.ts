import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, createEmbedder, EmbedderStartupError, TransformersModel } from '../src/embedding/index.js';
import { writeTinyBertModel } from '../src/embedding/tiny-bert.js';

// The tiny BERT is written by the project's own script and loaded through the real transformers.js path.
describe('transformers provider on the generated tiny BERT', () => {
  let modelsDir: string;
  let model: TransformersModel;
  const config = (over: Record<string, unknown> = {}) =>
    ({
      EMBEDDER: 'transformers',
      EMBEDDER_MODEL: 'tiny-bert',
      MODELS_DIR: modelsDir,
      ALLOW_MODEL_DOWNLOAD: false,
      EMBED_WORKERS: 1,
      ...over,
    }) as const;

  beforeAll(async () => {
    modelsDir = mkdtempSync(join(tmpdir(), 'passerelle-models-'));
    writeTinyBertModel(modelsDir, 'tiny-bert');
    model = await TransformersModel.load({ modelsDir, model: 'tiny-bert', allowDownload: false });
  });
  afterAll(async () => {
    await model?.dispose();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('loads offline, mean-pools and normalises to 32-d unit vectors', async () => {
    expect(model.dimensions).toBe(32);
    const [a, n, f] = await model.embedBatch(['registered nurse', 'nursing care for patients', 'java software developer']);
    expect(cosine(a!, a!)).toBeCloseTo(1, 5);
    expect(cosine(a!, n!)).toBeGreaterThan(cosine(a!, f!));
  });

  it('gives zero vectors for blank text and truncates long text at model_max_length', async () => {
    const [blank, long] = await model.embedBatch(['\t ', 'welding metal pipes on the construction site '.repeat(300)]);
    expect(blank!.every((x) => x === 0)).toBe(true);
    expect(cosine(long!, long!)).toBeCloseTo(1, 5);
  });

  it('batching does not change vectors', async () => {
    const texts = ['truck driver', 'chef cooking meals', 'farm worker harvesting crops', 'accountant tax reports'];
    const batch = await model.embedBatch(texts);
    for (let i = 0; i < texts.length; i++) {
      const [one] = await model.embedBatch([texts[i]!]);
      expect(cosine(batch[i]!, one!)).toBeGreaterThanOrEqual(0.9999);
    }
  });

  it('runs in the worker pool via createEmbedder, with a content-derived id', async () => {
    const e = await createEmbedder(config());
    try {
      expect(e.id).toMatch(/^transformers:tiny-bert@[0-9a-f]{12}$/);
      expect(e.dimensions).toBe(32);
      const [v] = await e.embed(['electrician installing wiring']);
      const [w] = await model.embedBatch(['electrician installing wiring']);
      expect(cosine(v!, w!)).toBeGreaterThanOrEqual(0.9999);
    } finally {
      await e.close();
    }
  });

  it.each(['tokenizer.json', 'config.json', 'tokenizer_config.json', 'onnx/model.onnx'])(
    'a model folder without %s fails at start-up naming the file',
    async (file) => {
      const name = `broken-${file.replace(/\W/g, '')}`;
      cpSync(join(modelsDir, 'tiny-bert'), join(modelsDir, name), { recursive: true });
      rmSync(join(modelsDir, name, file));
      const err = await createEmbedder(config({ EMBEDDER_MODEL: name })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EmbedderStartupError);
      expect((err as Error).message).toContain(file);
    },
  );

  it('a corrupt ONNX file or JSON file fails at start-up with the model named', async () => {
    cpSync(join(modelsDir, 'tiny-bert'), join(modelsDir, 'corrupt'), { recursive: true });
    writeFileSync(join(modelsDir, 'corrupt', 'onnx', 'model.onnx'), Buffer.from('this is not a protobuf'));
    const err = await createEmbedder(config({ EMBEDDER_MODEL: 'corrupt' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbedderStartupError);
    expect((err as Error).message).toMatch(/corrupt/);

    cpSync(join(modelsDir, 'tiny-bert'), join(modelsDir, 'badjson'), { recursive: true });
    writeFileSync(join(modelsDir, 'badjson', 'tokenizer.json'), '{ not json');
    await expect(createEmbedder(config({ EMBEDDER_MODEL: 'badjson' }))).rejects.toThrow(/tokenizer\.json is not valid JSON/);
  });

  it('an unset or missing model folder is a start-up error', async () => {
    await expect(createEmbedder(config({ EMBEDDER_MODEL: '' }))).rejects.toThrow(/EMBEDDER_MODEL/);
    await expect(createEmbedder(config({ EMBEDDER_MODEL: 'nope' }))).rejects.toThrow(/missing config\.json/);
  });
});
