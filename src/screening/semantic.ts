// The semantic matcher: every sentence of a vacancy against short descriptions of each practice (and of fair
// practice worded alike), with the local sentence encoder. A sentence close to a practice and not closer to the
// fair wording scores high for that flag.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FLAG_TYPES, type FlagType } from './types.js';
import type { ScreeningText, TextField } from './rules/common.js';

export const PRACTICES_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/screening/practices.json');

const PracticesSchema = z
  .object({
    version: z.string(),
    about: z.string(),
    /** Per flag type: `flag` (a semantic match alone raises a low flag) and `confirm` (a weak rule cue is kept). */
    thresholds: z.record(z.string(), z.object({ flag: z.number(), confirm: z.number() }).strict()),
    practices: z.record(z.string(), z.object({ practice: z.array(z.string()).min(1), fair: z.array(z.string()) }).strict()),
  })
  .strict();
export type PracticesFile = z.infer<typeof PracticesSchema>;

export function loadPractices(path = PRACTICES_PATH): PracticesFile {
  return PracticesSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The only thing the matcher needs from the embedding engine. */
export interface SentenceEmbedder {
  readonly id: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface SentenceScores {
  field: TextField;
  /** Offsets in the field's normalised text. */
  start: number;
  end: number;
  scores: Partial<Record<FlagType, number>>;
}

export interface SemanticMatcher {
  readonly version: string;
  score(text: ScreeningText): Promise<SentenceScores[]>;
  flagThreshold(type: FlagType): number;
  confirmThreshold(type: FlagType): number;
}

const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** Sentences shorter than this carry too little to compare. */
const MIN_SENTENCE_CHARS = 12;
/** Untuned thresholds: high enough that nothing is raised until the bench sets them. */
const DEFAULT_THRESHOLD = { flag: 0.99, confirm: 0.99 };

export class PracticeMatcher implements SemanticMatcher {
  readonly version: string;
  private prototypes?: Promise<{ type: FlagType; practice: Float32Array[]; fair: Float32Array[] }[]>;

  constructor(
    private readonly embedder: SentenceEmbedder,
    private readonly file: PracticesFile = loadPractices(),
  ) {
    this.version = `${file.version}@${embedder.id}`;
  }

  flagThreshold(type: FlagType): number {
    return this.file.thresholds[type]?.flag ?? DEFAULT_THRESHOLD.flag;
  }

  confirmThreshold(type: FlagType): number {
    return this.file.thresholds[type]?.confirm ?? DEFAULT_THRESHOLD.confirm;
  }

  private loadPrototypes() {
    this.prototypes ??= (async () => {
      const out: { type: FlagType; practice: Float32Array[]; fair: Float32Array[] }[] = [];
      for (const type of FLAG_TYPES) {
        const p = this.file.practices[type];
        if (!p) continue;
        const vecs = await this.embedder.embed([...p.practice, ...p.fair]);
        out.push({ type, practice: vecs.slice(0, p.practice.length), fair: vecs.slice(p.practice.length) });
      }
      return out;
    })();
    return this.prototypes;
  }

  /** Per sentence and flag type: the best practice similarity, less how much closer the fair wording is. */
  async score(text: ScreeningText): Promise<SentenceScores[]> {
    const units: { field: TextField; start: number; end: number; raw: string }[] = [];
    for (const f of text.fields) {
      for (const s of f.sentences) {
        if (s.text.length < MIN_SENTENCE_CHARS) continue;
        const a = f.text.map[s.start]!;
        const b = f.text.map[s.end] ?? f.text.original.length;
        units.push({ field: f.field, start: s.start, end: s.end, raw: f.text.original.slice(a, b) });
      }
    }
    if (units.length === 0) return [];
    const [protos, vecs] = await Promise.all([this.loadPrototypes(), this.embedder.embed(units.map((u) => u.raw))]);
    return units.map((u, i) => {
      const v = vecs[i]!;
      const scores: Partial<Record<FlagType, number>> = {};
      if (v.some((x) => x !== 0)) {
        for (const p of protos) {
          const pos = Math.max(...p.practice.map((q) => dot(v, q)));
          const neg = p.fair.length ? Math.max(...p.fair.map((q) => dot(v, q))) : -1;
          scores[p.type] = neg > pos ? pos - (neg - pos) : pos;
        }
      }
      return { field: u.field, start: u.start, end: u.end, scores };
    });
  }
}
