/** Data loading: the shipped ESCO/ISCO/O*NET files → concepts, lookups and relations (no text search here). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ESCO_OCC_PREFIX,
  ESCO_SKILL_PREFIX,
  type IscoGroupRow,
  type Lang,
  type LabelSet,
  type Manifest,
  type OccupationRow,
  type OnetFile,
  type RelationsFile,
  type SkillRow,
  readGzJson,
} from './files.js';
import type { IscoGroup, Occupation, OnetOccupation, RelatedSkill, Skill } from './types.js';

export class TaxonomyData {
  readonly manifest: Manifest;
  readonly occupations: Occupation[];
  readonly skills: Skill[];
  readonly occById = new Map<string, number>();
  private readonly skillById = new Map<string, number>();
  private readonly occByCode = new Map<string, number>();
  protected readonly isco = new Map<string, IscoGroup>();
  protected readonly onet = new Map<string, OnetOccupation>();
  /** occupation index → essential / optional skill indexes */
  readonly occSkills: { essential: number[]; optional: number[] }[];
  private readonly skillRel = new Map<number, RelatedSkill[]>();
  private readonly skillBroader: Record<string, string[]>;
  private readonly groupMembers = new Map<string, number[]>();
  readonly skillGroups: RelationsFile['skillGroups'];
  /** Built on first use, shared by every view of the taxonomy (a view mutates this object, never assigns a field). */
  private readonly built: { skillOcc?: Map<number, [number, number][]> } = {};

  constructor(readonly dataDir: string) {
    const p = (f: string) => join(dataDir, f);
    if (!existsSync(p('manifest.json'))) {
      throw new Error(`taxonomy data not found in ${dataDir}: run npm run data:build:taxonomy`);
    }
    this.manifest = JSON.parse(readFileSync(p('manifest.json'), 'utf8')) as Manifest;
    const occRows = readGzJson<OccupationRow[]>(p('occupations.json.gz'));
    const skillRows = readGzJson<SkillRow[]>(p('skills.json.gz'));
    const rel = readGzJson<RelationsFile>(p('relations.json.gz'));
    const iscoRows = readGzJson<IscoGroupRow[]>(p('isco.json.gz'));
    const onet = readGzJson<OnetFile>(p('onet.json.gz'));

    this.occupations = occRows.map((r, i) => {
      this.occById.set(r.id, i);
      if (r.code) this.occByCode.set(r.code, i);
      return { uri: ESCO_OCC_PREFIX + r.id, iscoGroup: r.isco, code: r.code, labels: r.labels, description: r.desc, onet: onet.escoToOnet[r.id] ?? [] };
    });
    this.skills = skillRows.map((r, i) => {
      this.skillById.set(r.id, i);
      return { uri: ESCO_SKILL_PREFIX + r.id, type: r.type, reuseLevel: r.reuse, labels: r.labels, description: r.desc };
    });
    for (const g of iscoRows) this.isco.set(g.code, g);
    const onetEsco = new Map<string, string[]>();
    for (const [esco, codes] of Object.entries(onet.escoToOnet)) for (const c of codes) (onetEsco.get(c) ?? onetEsco.set(c, []).get(c)!).push(ESCO_OCC_PREFIX + esco);
    for (const o of onet.occupations) this.onet.set(o.code, { code: o.code, title: o.title, description: o.desc, alternateTitles: o.alt, esco: onetEsco.get(o.code) ?? [] });

    this.occSkills = this.occupations.map(() => ({ essential: [], optional: [] }));
    for (let i = 0; i < rel.occSkill.length; i += 3) {
      const o = this.occSkills[rel.occSkill[i]!]!;
      (rel.occSkill[i + 2] ? o.essential : o.optional).push(rel.occSkill[i + 1]!);
    }
    for (let i = 0; i < rel.skillSkill.length; i += 3) {
      const a = rel.skillSkill[i]!;
      const b = rel.skillSkill[i + 1]!;
      const ess = rel.skillSkill[i + 2] === 1;
      const add = (x: number, y: number) =>
        (this.skillRel.get(x) ?? this.skillRel.set(x, []).get(x)!).push({ uri: this.skills[y]!.uri, relation: ess ? 'essential' : 'optional', weight: ess ? 0.6 : 0.4 });
      add(a, b);
      add(b, a);
    }
    this.skillBroader = rel.skillBroader;
    this.skillGroups = rel.skillGroups;
    for (const [si, groups] of Object.entries(rel.skillBroader)) for (const g of groups) (this.groupMembers.get(g) ?? this.groupMembers.set(g, []).get(g)!).push(Number(si));
  }

  occupation(uriOrCode: string): Occupation | undefined {
    const i = this.occIndexOf(uriOrCode);
    return i === undefined ? undefined : this.occupations[i];
  }

  occIndexOf(uriOrCode: string): number | undefined {
    const s = uriOrCode.trim();
    if (s.startsWith(ESCO_OCC_PREFIX)) return this.occById.get(s.slice(ESCO_OCC_PREFIX.length));
    return this.occById.get(s) ?? this.occByCode.get(s);
  }

  skill(uri: string): Skill | undefined {
    const i = this.skillIndexOf(uri);
    return i === undefined ? undefined : this.skills[i];
  }

  skillIndexOf(uri: string): number | undefined {
    const s = uri.trim();
    return this.skillById.get(s.startsWith(ESCO_SKILL_PREFIX) ? s.slice(ESCO_SKILL_PREFIX.length) : s);
  }

  iscoGroup(code: string): IscoGroup | undefined {
    return this.isco.get(code.trim());
  }

  onetOccupation(code: string): OnetOccupation | undefined {
    return this.onet.get(code.trim());
  }

  onetOccupations(): OnetOccupation[] {
    return [...this.onet.values()];
  }

  /** Skill index → the occupations listing it, as [occupation index, 1 essential / 0.5 optional] (built once). */
  skillOccupationIndex(): Map<number, [number, number][]> {
    if (!this.built.skillOcc) {
      const m = new Map<number, [number, number][]>();
      this.occSkills.forEach((r, o) => {
        for (const k of r.essential) (m.get(k) ?? m.set(k, []).get(k)!).push([o, 1]);
        for (const k of r.optional) (m.get(k) ?? m.set(k, []).get(k)!).push([o, 0.5]);
      });
      this.built.skillOcc = m;
    }
    return this.built.skillOcc;
  }

  /** Inverse document frequency of a skill (by index) over ESCO occupations: rare skills say more about the occupation. */
  skillIdfAt(k: number | undefined): number {
    const n = k === undefined ? 0 : (this.skillOccupationIndex().get(k)?.length ?? 0);
    return Math.log((this.occupations.length + 1) / (n + 0.5));
  }

  /** Skill index → relevance to weighted occupations [occupation index, p]: essential p, optional p / 2, capped at 1. */
  skillContextOf(occupations: Iterable<readonly [number, number]>): Map<number, number> {
    const ctx = new Map<number, number>();
    for (const [o, p] of occupations) {
      const r = this.occSkills[o]!;
      for (const k of r.essential) ctx.set(k, Math.min(1, (ctx.get(k) ?? 0) + p));
      for (const k of r.optional) ctx.set(k, Math.min(1, (ctx.get(k) ?? 0) + 0.5 * p));
    }
    return ctx;
  }

  /** Essential and optional skills of an occupation (URI, short id or ESCO code). */
  occupationSkills(uri: string): { essential: Skill[]; optional: Skill[] } | undefined {
    const i = this.occIndexOf(uri);
    if (i === undefined) return undefined;
    const r = this.occSkills[i]!;
    return { essential: r.essential.map((s) => this.skills[s]!), optional: r.optional.map((s) => this.skills[s]!) };
  }

  /** Ancestors of an ISCO code from the unit group up to the major group, the code itself first. */
  iscoAncestors(code: string): IscoGroup[] {
    const out: IscoGroup[] = [];
    let c: string | null = code.trim().replace(/\..*$/, '');
    while (c) {
      const g = this.isco.get(c);
      if (!g) break;
      out.push(g);
      c = g.parent;
    }
    return out;
  }

  /** Skills ESCO relates to this one (skill–skill relations both ways, plus siblings in small skill groups). */
  relatedSkills(uri: string): RelatedSkill[] {
    const i = this.skillIndexOf(uri);
    if (i === undefined) return [];
    const out = new Map<string, RelatedSkill>();
    for (const r of this.skillRel.get(i) ?? []) if (!out.has(r.uri) || out.get(r.uri)!.weight < r.weight) out.set(r.uri, r);
    for (const g of this.skillBroader[String(i)] ?? []) {
      const members = this.groupMembers.get(g) ?? [];
      if (members.length > 40) continue;
      for (const m of members) {
        const u = this.skills[m]!.uri;
        if (m !== i && !out.has(u)) out.set(u, { uri: u, relation: 'sibling', weight: 0.25 });
      }
    }
    return [...out.values()].sort((a, b) => b.weight - a.weight || a.uri.localeCompare(b.uri));
  }

  skillBroaderGroups(uri: string): { uri: string; label: string }[] {
    const i = this.skillIndexOf(uri);
    if (i === undefined) return [];
    return (this.skillBroader[String(i)] ?? []).map((g) => ({ uri: g, label: this.skillGroups[g]?.label ?? '' }));
  }

  /** Preferred label in the language, falling back to English. */
  label(c: { labels: Partial<Record<Lang, LabelSet>> }, lang?: Lang): string {
    return (lang && c.labels[lang]?.pref) || c.labels.en?.pref || '';
  }
}
