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

/**
 * Live labels grouped by their attribute object, and per attribute value the groups that carry it: lets a search
 * know the allowed count before choosing a strategy. Attribute objects are interned by the collection (one object
 * per distinct attribute set), so adding a label is one Set insertion however many attributes it has: a million
 * vacancies load in ~0.1 s instead of ~2 s with one Set per attribute value.
 */
export class AttributePostings {
  private readonly groups = new Map<Attrs, Set<number>>();
  private readonly byKey = new Map<string, Map<AttrValue, Set<Attrs>>>();

  add(label: number, attrs: Attrs | undefined): void {
    if (!attrs) return;
    let g = this.groups.get(attrs);
    if (!g) {
      this.groups.set(attrs, (g = new Set()));
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined) continue;
        let byValue = this.byKey.get(key);
        if (!byValue) this.byKey.set(key, (byValue = new Map()));
        let set = byValue.get(value);
        if (!set) byValue.set(value, (set = new Set()));
        set.add(attrs);
      }
    }
    g.add(label);
  }

  remove(label: number, attrs: Attrs | undefined): void {
    if (!attrs) return;
    const g = this.groups.get(attrs);
    if (!g) return;
    g.delete(label);
    if (g.size > 0) return;
    this.groups.delete(attrs);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined) continue;
      const byValue = this.byKey.get(key);
      const set = byValue?.get(value);
      if (!set) continue;
      set.delete(attrs);
      if (set.size === 0) byValue!.delete(value);
    }
  }

  clear(): void {
    this.groups.clear();
    this.byKey.clear();
  }

  /** Labels matching one clause (key equals one of the values). */
  clauseCount(key: string, values: Set<AttrValue>): number {
    const byValue = this.byKey.get(key);
    if (!byValue) return 0;
    let n = 0;
    for (const v of values) for (const a of byValue.get(v) ?? []) n += this.groups.get(a)?.size ?? 0;
    return n;
  }

  clauseLabels(key: string, values: Set<AttrValue>): Iterable<number>[] {
    const byValue = this.byKey.get(key);
    if (!byValue) return [];
    const out: Iterable<number>[] = [];
    for (const v of values) {
      for (const a of byValue.get(v) ?? []) {
        const g = this.groups.get(a);
        if (g) out.push(g);
      }
    }
    return out;
  }
}
