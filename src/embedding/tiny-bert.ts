// Writes a tiny BERT-shaped feature-extraction model (opset 13, WordPiece vocabulary of a few hundred words, 32-d)
// in the folder layout transformers.js expects. Its weights are synthetic: words of one occupational field share a
// direction, so pooled vectors group by field. It exists to exercise the real loading path offline, not for quality.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeOnnxModel, OnnxType, type OnnxNode, type OnnxTensor } from './onnx-writer.js';
import { mulberry32 } from '../seeded-random.js';

const FIELDS: Record<string, string[]> = {
  health: ['nurse', 'nursing', 'registered', 'patient', 'patients', 'care', 'hospital', 'clinic', 'medical', 'health', 'doctor', 'midwife', 'elderly', 'caregiver', 'medication', 'ward', 'wound', 'therapy', 'pharmacy', 'dental'],
  software: ['java', 'software', 'developer', 'code', 'coding', 'programming', 'web', 'applications', 'database', 'python', 'backend', 'frontend', 'cloud', 'engineer', 'computer', 'testing', 'api', 'devops', 'linux', 'data'],
  transport: ['truck', 'driver', 'driving', 'vehicle', 'vehicles', 'heavy', 'goods', 'delivery', 'logistics', 'forklift', 'warehouse', 'bus', 'route', 'freight', 'license', 'transport', 'cargo', 'lorry', 'van', 'fleet'],
  construction: ['electrician', 'electrical', 'wiring', 'welder', 'welding', 'metal', 'plumber', 'pipes', 'carpenter', 'wood', 'construction', 'building', 'buildings', 'site', 'concrete', 'bricklayer', 'roof', 'scaffold', 'installing', 'tools'],
  hospitality: ['chef', 'cook', 'cooking', 'kitchen', 'restaurant', 'meals', 'food', 'baking', 'bread', 'pastries', 'waiter', 'hotel', 'cleaning', 'housekeeping', 'bar', 'menu', 'catering', 'dishes', 'guests', 'reception'],
  agriculture: ['farm', 'farmer', 'crops', 'harvesting', 'harvest', 'livestock', 'cattle', 'tractor', 'fruit', 'vegetables', 'greenhouse', 'irrigation', 'planting', 'soil', 'seasonal', 'picking', 'dairy', 'poultry', 'orchard', 'fields'],
  finance: ['accountant', 'accounting', 'financial', 'statements', 'tax', 'audit', 'bookkeeping', 'invoices', 'payroll', 'budget', 'bank', 'finance', 'ledger', 'reports', 'excel', 'clerk', 'office', 'administration', 'billing', 'costs'],
};
const COMMON = ['the', 'a', 'an', 'and', 'or', 'of', 'for', 'in', 'on', 'with', 'to', 'at', 'by', 'from', 'as', 'is', 'are', 'be', 'we', 'you', 'our', 'your', 'work', 'worker', 'job', 'experience', 'years', 'skills', 'team', 'full', 'time', 'part', 'shift', 'senior', 'junior', 'assistant', 'manager', 'operator', 'technician', 'helper'];
const SUFFIXES = ['##s', '##es', '##ed', '##ing', '##er', '##ers', '##ist', '##ian', '##ly', '##al'];
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const PUNCT = ['.', ',', '-', '/', '(', ')', "'", '&', ':', ';', '!', '?'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

export const TINY_BERT_DIMS = 32;
export const TINY_BERT_MAX_LENGTH = 128;

export function tinyBertVocabulary(): string[] {
  const words = [...new Set([...Object.values(FIELDS).flat(), ...COMMON])];
  return [...SPECIAL, ...PUNCT, ...LETTERS, ...LETTERS.map((c) => `##${c}`), ...SUFFIXES, ...words];
}

/** Deterministic weights in [-0.5, 0.5), so two runs write byte-identical models. */
function rng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() - 0.5;
}

function buildWeights(vocab: string[], d: number, seed: number) {
  const r = rng(seed);
  const field = new Map<string, number>();
  Object.values(FIELDS).forEach((ws, i) => ws.forEach((w) => field.set(w, i)));
  const centroids = Object.keys(FIELDS).map(() => Float32Array.from({ length: d }, () => r() * 2));
  const word = new Float32Array(vocab.length * d);
  vocab.forEach((tok, i) => {
    const f = field.get(tok);
    for (let j = 0; j < d; j++) {
      const noise = r() * (f === undefined ? 1 : 0.5);
      // Function words are short vectors so they barely move the mean.
      word[i * d + j] = f === undefined ? noise * 0.2 : centroids[f]![j]! + noise;
    }
  });
  const pos = Float32Array.from({ length: TINY_BERT_MAX_LENGTH * d }, () => r() * 0.02);
  const type = Float32Array.from({ length: 2 * d }, () => r() * 0.02);
  const w = Float32Array.from({ length: d * d }, () => r() * 0.2);
  const b = Float32Array.from({ length: d }, () => r() * 0.02);
  return { word, pos, type, w, b };
}

const i64 = (name: string, values: number[], dims: number[]): OnnxTensor => ({
  name,
  dims,
  type: OnnxType.INT64,
  data: BigInt64Array.from(values.map(BigInt)),
});
const f32 = (name: string, data: Float32Array, dims: number[]): OnnxTensor => ({ name, dims, type: OnnxType.FLOAT, data });

/** The ONNX bytes: embeddings (word + position + type) → one dense tanh layer with a residual → last_hidden_state. */
export function tinyBertOnnx(vocabSize: number, seed = 7): Uint8Array {
  const d = TINY_BERT_DIMS;
  const vocab = tinyBertVocabulary();
  const wts = buildWeights(vocab.slice(0, vocabSize), d, seed);
  const nodes: OnnxNode[] = [
    { op: 'Gather', inputs: ['word_embeddings', 'input_ids'], outputs: ['we'] },
    { op: 'Gather', inputs: ['token_type_embeddings', 'token_type_ids'], outputs: ['te'] },
    { op: 'Shape', inputs: ['input_ids'], outputs: ['ids_shape'] },
    { op: 'Gather', inputs: ['ids_shape', 'one'], outputs: ['seq_len'], attrs: { axis: 0 } },
    { op: 'Range', inputs: ['zero', 'seq_len', 'one'], outputs: ['positions'] },
    { op: 'Gather', inputs: ['position_embeddings', 'positions'], outputs: ['pe'] },
    { op: 'Add', inputs: ['we', 'te'], outputs: ['e1'] },
    { op: 'Add', inputs: ['e1', 'pe'], outputs: ['emb'] },
    { op: 'MatMul', inputs: ['emb', 'dense_w'], outputs: ['h1'] },
    { op: 'Add', inputs: ['h1', 'dense_b'], outputs: ['h2'] },
    { op: 'Tanh', inputs: ['h2'], outputs: ['h3'] },
    { op: 'Add', inputs: ['emb', 'h3'], outputs: ['last_hidden_state'] },
  ];
  return encodeOnnxModel({
    name: 'tiny-bert',
    opset: 13,
    nodes,
    initializers: [
      f32('word_embeddings', wts.word, [vocabSize, d]),
      f32('position_embeddings', wts.pos, [TINY_BERT_MAX_LENGTH, d]),
      f32('token_type_embeddings', wts.type, [2, d]),
      f32('dense_w', wts.w, [d, d]),
      f32('dense_b', wts.b, [d]),
      i64('zero', [0], []),
      i64('one', [1], []),
    ],
    inputs: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => ({
      name,
      type: OnnxType.INT64,
      shape: ['batch', 'sequence'],
    })),
    outputs: [{ name: 'last_hidden_state', type: OnnxType.FLOAT, shape: ['batch', 'sequence', d] }],
  });
}

/** tokenizer.json (HF tokenizers format) for a lower-casing BERT WordPiece tokenizer over `vocab`. */
export function tinyBertTokenizerJson(vocab: string[]): object {
  const id = (t: string): number => vocab.indexOf(t);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

/** Write MODELS_DIR/<name>/{config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx}. Returns the folder. */
export function writeTinyBertModel(modelsDir: string, name = 'tiny-bert'): string {
  const dir = join(modelsDir, name);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const vocab = tinyBertVocabulary();
  const json = (file: string, value: unknown): void => writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  json('config.json', {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: TINY_BERT_DIMS,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: TINY_BERT_DIMS,
    max_position_embeddings: TINY_BERT_MAX_LENGTH,
    type_vocab_size: 2,
    vocab_size: vocab.length,
  });
  json('tokenizer.json', tinyBertTokenizerJson(vocab));
  json('tokenizer_config.json', {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: TINY_BERT_MAX_LENGTH,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), tinyBertOnnx(vocab.length));
  return dir;
}
