import fc from 'fast-check';
import { z } from 'zod';

// Request values generated from the routes' own zod schemas: valid-but-extreme ones (lists at their caps, texts at
// their limits in Arabic, accented Latin, CJK and emoji, numbers on their bounds) and one-mutation invalid ones whose
// mutated path is known, so a test can assert that the 400 names it.

/** Words people write, in several scripts, plus edge cases; a finite pool keeps the service's per-word memos warm. */
const TOKENS = [
  'welder', 'soudeur', 'soldador', 'Schweißer', 'infirmière', 'enfermera', 'Krankenpfleger', 'nurse', 'cuidado', 'paciente',
  'ممرضة', 'لحام', 'رعاية', 'المرضى', '护士', '焊工', '介護', '🚑', '👩‍⚕️', '🇩🇪', 'e\u0301te\u0301', 'naïve', 'Øresund', 'İstanbul',
  'ß', 'ﬁle', 'Ⅻ', 'x', 'a-b', "o'neil", '"quoted"', '<b>', '{json}', '\\back', '100%', '#1', 'C++', 'C#', '.NET', 'SQL',
  'MIG/MAG', 'TIG', 'HACCP', 'B2', 'forklift', 'carretilla', 'chariot', 'élévateur', 'zzqqxx', 'lorem', 'ipsum', '  spaced  ',
];
const token = fc.constantFrom(...TOKENS);

/** A text of `min`..`max` UTF-16 units, biased to the limits; trimmed schemas get no edge spaces. */
function textArb(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.min(max, 20_000);
  const target = fc.oneof(
    { weight: 2, arbitrary: fc.constant(cap) },
    { weight: 1, arbitrary: fc.constant(Math.max(min, 1)) },
    { weight: 3, arbitrary: fc.integer({ min: Math.max(min, 1), max: Math.max(Math.max(min, 1), Math.min(cap, 80)) }) },
  );
  return fc.tuple(target, fc.array(token, { minLength: 1, maxLength: 12 })).map(([len, words]) => {
    let s = '';
    for (let i = 0; s.length < len; i++) s += (s ? ' ' : '') + words[i % words.length]!.trim();
    s = s.slice(0, len).trim();
    // Never split a surrogate pair at the cut (a lone surrogate is invalid text).
    if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
    return s.length >= min ? s : s.padEnd(min, 'x');
  });
}

type Def = Record<string, any> & { type: string };
const defOf = (s: z.ZodType): Def => (s as any)._zod.def as Def;
const checksOf = (d: Def): Def[] => (d.checks ?? []).map((c: any) => c._zod.def as Def);

function bounds(d: Def): { min?: number; max?: number; int: boolean; exclusiveMin: boolean; exclusiveMax: boolean } {
  const out = { min: undefined as number | undefined, max: undefined as number | undefined, int: false, exclusiveMin: false, exclusiveMax: false };
  for (const c of checksOf(d)) {
    if (c.check === 'min_length' || c.check === 'length_equals') out.min = c.minimum ?? c.length;
    if (c.check === 'max_length' || c.check === 'length_equals') out.max = c.maximum ?? c.length;
    if (c.check === 'greater_than') {
      out.min = c.value;
      out.exclusiveMin = !c.inclusive;
    }
    if (c.check === 'less_than') {
      out.max = c.value;
      out.exclusiveMax = !c.inclusive;
    }
    if (c.check === 'number_format' && /int/.test(c.format)) out.int = true;
  }
  return out;
}

const ISO_DATE = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** An arbitrary of values the schema was written for; `safeParse` still decides (refinements cannot be inverted). */
export function arbitraryFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  const meta = z.globalRegistry.get(schema) as { example?: unknown } | undefined;
  switch (d.type) {
    case 'string': {
      if (meta?.example !== undefined) return fc.constant(meta.example);
      const b = bounds(d);
      const fmt = d.format ?? checksOf(d).find((c) => c.check === 'string_format')?.format;
      if (fmt === 'email') return fc.emailAddress().filter((e) => e.length <= (b.max ?? 254));
      if (fmt === 'date') return ISO_DATE;
      if (fmt === 'datetime') return fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((x) => x.toISOString());
      const pattern: RegExp | undefined = d.pattern ?? checksOf(d).find((c) => c.pattern)?.pattern;
      if (pattern) return fc.stringMatching(pattern).filter((s) => s.length <= (b.max ?? 10_000) && s.length >= (b.min ?? 0));
      return textArb(b.min ?? 0, b.max ?? 200);
    }
    case 'number': {
      const b = bounds(d);
      const lo = b.min ?? -1e6;
      const hi = b.max ?? 1e6;
      if (b.int) return fc.oneof(fc.constantFrom(lo, hi), fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }));
      const edges = [b.exclusiveMin ? lo + 1e-6 : lo, b.exclusiveMax ? hi - 1e-6 : hi];
      return fc.oneof(fc.constantFrom(...edges), fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }));
    }
    case 'int':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(arbitraryFor(d.innerType, depth), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(arbitraryFor(d.innerType, depth), { nil: null, freq: 4 });
    case 'readonly':
    case 'catch':
      return arbitraryFor(d.innerType, depth);
    case 'pipe':
      return arbitraryFor(d.in, depth);
    case 'lazy':
      return arbitraryFor(d.getter(), depth + 1);
    case 'union':
      return fc.oneof(...(d.options as z.ZodType[]).map((o) => arbitraryFor(o, depth)));
    case 'array': {
      const b = bounds(d);
      const max = Math.min(b.max ?? 10, depth > 2 ? 3 : 200);
      const min = b.min ?? 0;
      const el = arbitraryFor(d.element, depth + 1);
      return fc.oneof(
        { weight: 1, arbitrary: fc.array(el, { minLength: max, maxLength: max }) },
        { weight: 4, arbitrary: fc.array(el, { minLength: min, maxLength: Math.min(max, Math.max(min, 4)) }) },
      );
    }
    case 'tuple':
      return fc.tuple(...(d.items as z.ZodType[]).map((i) => arbitraryFor(i, depth + 1)));
    case 'record':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), arbitraryFor(d.valueType, depth + 1), { maxKeys: 4 });
    case 'object': {
      const shape = d.shape as Record<string, z.ZodType>;
      const parts: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(shape)) parts[k] = arbitraryFor(v, depth + 1);
      return fc.record(parts).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

export interface Mutation {
  /** Dotted path of the mutated value ('' = the root). */
  path: string;
  kind: 'drop-required' | 'unknown-key' | 'wrong-type' | 'too-long' | 'too-many' | 'out-of-range' | 'bad-enum';
  value: unknown;
}

const clone = <T>(v: T): T => structuredClone(v);

/** Every (path, schema) pair reachable in `value` under `schema` (objects and arrays walked). */
function slots(schema: z.ZodType, value: unknown, path: string[] = [], out: { path: string[]; schema: z.ZodType; parent?: z.ZodType; key?: string }[] = []) {
  let s = schema;
  for (let i = 0; i < 8; i++) {
    const d = defOf(s);
    if (['optional', 'default', 'nullable', 'readonly', 'catch', 'prefault'].includes(d.type)) s = d.innerType;
    else if (d.type === 'pipe') s = d.in;
    else break;
  }
  out.push({ path, schema: s });
  const d = defOf(s);
  if (d.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(d.shape as Record<string, z.ZodType>)) {
      if (k in (value as object)) slots(v, (value as Record<string, unknown>)[k], [...path, k], out);
      else out.push({ path: [...path, k], schema: v, parent: s, key: k });
    }
  } else if (d.type === 'array' && Array.isArray(value)) {
    value.forEach((v, i) => slots(d.element, v, [...path, String(i)], out));
  }
  return out;
}

function setAt(root: unknown, path: string[], f: (parent: any, key: string) => void): unknown {
  const copy = clone(root);
  if (path.length === 0) return undefined;
  let cur: any = copy;
  for (const k of path.slice(0, -1)) cur = cur?.[k];
  if (cur && typeof cur === 'object') f(cur, path[path.length - 1]!);
  return copy;
}

/** One mutation of a valid value that the schema must refuse (checked by the caller with safeParse). */
export function mutate(schema: z.ZodType, value: unknown, rnd: () => number): Mutation | null {
  const all = slots(schema, value);
  for (let attempt = 0; attempt < 12; attempt++) {
    const slot = all[Math.floor(rnd() * all.length)]!;
    const d = defOf(slot.schema);
    const p = slot.path.join('.');
    const options: (() => Mutation | null)[] = [];
    if (d.type === 'object') {
      options.push(() => {
        const v = slot.path.length ? setAt(value, slot.path, (o, k) => (o[k] = { ...o[k], zzUnknownField: 1 })) : { ...(value as object), zzUnknownField: 1 };
        return { path: p ? `${p}.zzUnknownField` : 'zzUnknownField', kind: 'unknown-key', value: v };
      });
      const required = Object.entries(d.shape as Record<string, z.ZodType>).filter(([, v]) => !['optional', 'default', 'prefault'].includes(defOf(v).type));
      if (required.length) {
        const [k] = required[Math.floor(rnd() * required.length)]!;
        options.push(() => {
          const v = slot.path.length ? setAt(value, slot.path, (o, key) => delete o[key][k]) : (({ [k]: _drop, ...rest }) => rest)(value as Record<string, unknown>);
          return { path: p ? `${p}.${k}` : k, kind: 'drop-required', value: v };
        });
      }
    }
    if (slot.path.length > 0 && !slot.key) {
      options.push(() => ({ path: p, kind: 'wrong-type', value: setAt(value, slot.path, (o, k) => (o[k] = typeof o[k] === 'number' ? 'not a number' : 12345)) }));
      if (d.type === 'string') {
        const b = bounds(d);
        if (b.max !== undefined && b.max < 30_000) options.push(() => ({ path: p, kind: 'too-long', value: setAt(value, slot.path, (o, k) => (o[k] = 'w'.repeat(b.max! + 1))) }));
      }
      if (d.type === 'array') {
        const b = bounds(d);
        if (b.max !== undefined && b.max < 2_000) {
          options.push(() => ({
            path: p,
            kind: 'too-many',
            value: setAt(value, slot.path, (o, k) => (o[k] = Array.from({ length: b.max! + 1 }, (_, i) => (o[k] as unknown[])[i % Math.max(1, (o[k] as unknown[]).length)] ?? null))),
          }));
        }
      }
      if (d.type === 'number') {
        const b = bounds(d);
        if (b.max !== undefined) options.push(() => ({ path: p, kind: 'out-of-range', value: setAt(value, slot.path, (o, k) => (o[k] = b.max! + 1)) }));
        if (b.min !== undefined) options.push(() => ({ path: p, kind: 'out-of-range', value: setAt(value, slot.path, (o, k) => (o[k] = b.min! - 1)) }));
      }
      if (d.type === 'enum') options.push(() => ({ path: p, kind: 'bad-enum', value: setAt(value, slot.path, (o, k) => (o[k] = 'not-an-option')) }));
    }
    if (options.length === 0) continue;
    const m = options[Math.floor(rnd() * options.length)]!();
    if (m && !schema.safeParse(m.value).success) return m;
  }
  return null;
}
