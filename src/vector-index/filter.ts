import type { AttrValue, Attrs } from './store.js';

/** Conjunctive filter: every key must equal the value, or be one of the listed values. */
export type VectorFilter = Record<string, AttrValue | readonly AttrValue[]>;

export interface CompiledFilter {
  clauses: { key: string; values: Set<AttrValue> }[];
  /** Never throws: hnswlib aborts the process if a filter callback throws. */
  matches(attrs: Attrs | undefined): boolean;
}

export function compileFilter(filter: VectorFilter | undefined): CompiledFilter | null {
  if (!filter) return null;
  const clauses = Object.entries(filter).map(([key, v]) => ({
    key,
    values: new Set<AttrValue>(Array.isArray(v) ? (v as AttrValue[]) : [v as AttrValue]),
  }));
  if (clauses.length === 0) return null;
  return {
    clauses,
    matches(attrs) {
      if (!attrs) return false;
      for (const c of clauses) {
        const v = attrs[c.key];
        if (v === undefined || v === null || !c.values.has(v)) return false;
      }
      return true;
    },
  };
}

/** Per attribute value, the set of live labels: lets a search know the allowed count before choosing a strategy. */
export class AttributePostings {
  private readonly byKey = new Map<string, Map<AttrValue, Set<number>>>();

  add(label: number, attrs: Attrs | undefined): void {
    if (!attrs) return;
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined) continue;
      let byValue = this.byKey.get(key);
      if (!byValue) this.byKey.set(key, (byValue = new Map()));
      let set = byValue.get(value);
      if (!set) byValue.set(value, (set = new Set()));
      set.add(label);
    }
  }

  remove(label: number, attrs: Attrs | undefined): void {
    if (!attrs) return;
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined) continue;
      const byValue = this.byKey.get(key);
      const set = byValue?.get(value);
      if (!set) continue;
      set.delete(label);
      if (set.size === 0) byValue!.delete(value);
    }
  }

  /** Upper bound of matching labels for one clause. */
  clauseCount(key: string, values: Set<AttrValue>): number {
    const byValue = this.byKey.get(key);
    if (!byValue) return 0;
    let n = 0;
    for (const v of values) n += byValue.get(v)?.size ?? 0;
    return n;
  }

  clauseLabels(key: string, values: Set<AttrValue>): Iterable<number>[] {
    const byValue = this.byKey.get(key);
    if (!byValue) return [];
    const out: Iterable<number>[] = [];
    for (const v of values) {
      const s = byValue.get(v);
      if (s) out.push(s);
    }
    return out;
  }
}
