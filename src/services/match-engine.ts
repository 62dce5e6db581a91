import type { SuggestionRow } from '../db/schema/index.js';
import {
  buildProfileFeatures,
  buildSkillOccupationIndex,
  buildVacancyFeatures,
  loadMatchWeights,
  skillSpecificity,
  type Labeler,
  type MatchContext,
  type MatchWeights,
  type OccupationRef,
  type ProfileFeatures,
  type SkillOccupationIndex,
  type VacancyFeatures,
} from '../matching/index.js';
import { lexicalSimilarity, normalizeText } from '../matching/lexical.js';
import { GERMAN_TITLES_BY_ISCO } from '../taxonomy/german-titles-by-isco.js';
import type { Taxonomy } from '../taxonomy/index.js';
import { combineEvidence, likelyOccupations, titleDistribution } from '../taxonomy/occupation-inference.js';
import { isCareText } from '../taxonomy/skill-linker.js';
import type { CreateVacancy } from '../schemas/vacancy.js';
import type { CandidateRow } from './candidates.js';
import type { VacancyRow } from './vacancies.js';
import { TimeSlice } from '../time-slice.js';
import { candidateEmbeddingText, vacancyEmbeddingText, type CandidateTextInput, type VacancyTextInput } from '../embedding/texts.js';

/** A free-text skill is linked to ESCO only from this score on (blended char n-gram + word-overlap score of linkSkill). */
export const SKILL_LINK_MIN_SCORE = 0.55;
/** Alternatives kept with a skill line's reading (SkillReading): at most this many, from this score on, and for a linked line within this margin of its link. */
export const SKILL_ALTERNATIVES = 2;
export const SKILL_ALT_MIN_SCORE = 0.45;
export const SKILL_ALT_MARGIN = 0.1;
/** Likely occupations from this probability on give their ISCO minor group to the skill reading (LinkOptions.contextGroups). */
const CONTEXT_GROUP_MIN_P = 0.05;

export interface ProfileContent {
  skills: { label: string; esco?: string }[];
  experience: { title: string; years: number; country?: string }[];
  languages: { code: string; level: string }[];
  residenceCountry?: string | null;
  destinations: string[];
  educationLevel?: number | null;
  occupation?: { esco?: string | null; isco?: string | null };
  licences?: unknown[];
  lang?: string;
}

/**
 * Everything matching needs that outlives a request: the versioned weights, the skill → occupation index built from
 * ESCO, skill specificity and relatedness. Turns stored rows (plus their machine suggestions) into scorer features;
 * user-set codes always win over suggestions.
 */
export class MatchEngine {
  readonly weights: MatchWeights;
  readonly occIndex: SkillOccupationIndex;
  readonly specificity: (uri: string) => number;
  private readonly related = new Map<string, Map<string, number>>();
  private readonly vacancyCache = new Map<string, { updatedAt: string; features: VacancyFeatures; summary: VacancySummary }>();

  constructor(readonly taxonomy: Taxonomy) {
    this.weights = loadMatchWeights();
    this.occIndex = buildSkillOccupationIndex(
      taxonomy.occupations.flatMap((o) => {
        const rel = taxonomy.occupationSkills(o.uri);
        return rel ? [{ uri: o.uri, iscoCode: o.code || o.iscoGroup, essential: rel.essential.map((s) => s.uri), optional: rel.optional.map((s) => s.uri) }] : [];
      }),
    );
    this.specificity = skillSpecificity(this.occIndex);
  }

  readonly relatedness = (a: string, b: string): number => {
    let m = this.related.get(a);
    if (!m) {
      m = new Map(this.taxonomy.relatedSkills(a).map((r) => [r.uri, r.weight]));
      this.related.set(a, m);
    }
    return m.get(b) ?? 0;
  };

  context(semantic: number, audience: MatchContext['audience'] = 'seeker'): MatchContext {
    return {
      semantic,
      audience,
      relatedness: this.relatedness,
      specificity: this.specificity,
      occupationRelatedness: this.occupationRelatedness,
      occupationTitleFit: this.occupationTitleFit,
      occupationSkillFit: this.occupationSkillFit,
    };
  }

  private readonly occSkillFits = new Map<string, number>();

  /**
   * How well linked skills belong to an ESCO occupation: Σ idf(s) · listed(s) / Σ idf(s), listed = 1 for the
   * occupation's essential skills, 0.5 for its optional ones, 0 otherwise (idf over ESCO occupations, so a skill many
   * occupations list proves little). Used only for an unknown part of an occupation reading. Memoised.
   */
  readonly occupationSkillFit = (uri: string, skills: readonly string[]): number => {
    const key = `${uri}\u0000${skills.join('|')}`;
    const hit = this.occSkillFits.get(key);
    if (hit !== undefined) return hit;
    const profile = this.occSkillVector(uri);
    let sum = 0;
    let n = 0;
    for (const s of skills) {
      const w = this.occIndex.idf.get(s) ?? 0;
      n += w;
      sum += w * (profile?.get(s) ?? 0);
    }
    const value = n > 0 ? sum / n : 0;
    if (this.occSkillFits.size > 1_000_000) this.occSkillFits.clear();
    this.occSkillFits.set(key, value);
    return value;
  };

  private readonly occSkillVectors = new Map<string, Map<string, number> | null>();
  private readonly occRelated = new Map<string, number>();

  /**
   * Relatedness of two ESCO occupations: the cosine of their skill profiles (essential skills 1, optional 0.5), so a
   * chef and a cook (different ISCO groups, mostly the same skills) are close. Memoised per pair.
   */
  readonly occupationRelatedness = (a: string, b: string): number => {
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    const hit = this.occRelated.get(key);
    if (hit !== undefined) return hit;
    const va = this.occSkillVector(a);
    const vb = this.occSkillVector(b);
    let value = 0;
    if (va && vb) {
      let dot = 0;
      let na = 0;
      let nb = 0;
      for (const [s, w] of va) {
        na += w * w;
        const o = vb.get(s);
        if (o) dot += w * o;
      }
      for (const w of vb.values()) nb += w * w;
      value = na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
    }
    if (this.occRelated.size > 1_000_000) this.occRelated.clear();
    this.occRelated.set(key, value);
    return value;
  };

  private readonly occLabelSets = new Map<string, string[]>();
  private readonly titleFits = new Map<string, number>();

  /**
   * How well a job title names an ESCO occupation, in [0,1], from the occupation's labels in every language (preferred
   * and alternative, each gendered variant): 1 when every word of a label is in the title ("Soudeur TIG/MIG H/F" names
   * *soudeur*; "Registered nurse, intensive care" names *intensive care nurse*); 0.8 when every word of a short title is
   * in a label ("infirmière" in *infirmière de soins généraux*); else the best trigram similarity above 0.5, rescaled.
   * ESCO has no German labels here: a German title that names the occupation's ISCO unit group (a hand-written list of
   * common German titles, src/taxonomy/german-titles-by-isco.ts: "LKW-Fahrer", "Pflegefachkraft") earns 0.8.
   * Used only for the part of an occupation reading that is unknown (see occupationComponent). Memoised.
   */
  readonly occupationTitleFit = (title: string, uri: string): number => {
    const key = `${title}\u0000${uri}`;
    const hit = this.titleFits.get(key);
    if (hit !== undefined) return hit;
    const text = cleanTitle(title);
    const words = new Set(text.split(' ').filter((w) => w && !TITLE_STOPWORDS.has(w)));
    let best = 0;
    if (words.size > 0) {
      const titleInLabel = [...words].some((w) => w.length >= 5);
      for (const label of this.occupationLabelSet(uri)) {
        const lw = label.split(' ').filter((w) => w && !TITLE_STOPWORDS.has(w));
        if (lw.length > 0 && label.length >= 4 && lw.every((w) => words.has(w))) {
          best = 1;
          break;
        }
        if (titleInLabel && [...words].every((w) => lw.includes(w))) best = Math.max(best, 0.8);
        const sim = lexicalSimilarity(text, label);
        if (sim > 0.5) best = Math.max(best, (sim - 0.5) / 0.5);
      }
      if (best < GERMAN_GROUP_FIT) {
        const iscoGroup = this.taxonomy.occupation(uri)?.iscoGroup;
        if (iscoGroup && namesGermanGroup(words, iscoGroup)) best = GERMAN_GROUP_FIT;
      }
    }
    if (this.titleFits.size > 1_000_000) this.titleFits.clear();
    this.titleFits.set(key, best);
    return best;
  };

  private occupationLabelSet(uri: string): string[] {
    let labels = this.occLabelSets.get(uri);
    if (!labels) {
      const occ = this.taxonomy.occupation(uri);
      const out = new Set<string>();
      for (const set of Object.values((occ?.labels ?? {}) as Record<string, { pref: string; alt?: string[] } | undefined>)) {
        if (!set) continue;
        for (const l of [set.pref, ...(set.alt ?? [])]) for (const variant of l.split('/')) {
          const n = cleanTitle(variant);
          if (n) out.add(n);
        }
      }
      labels = [...out];
      this.occLabelSets.set(uri, labels);
    }
    return labels;
  }

  private occSkillVector(uri: string): Map<string, number> | null {
    let v = this.occSkillVectors.get(uri);
    if (v === undefined) {
      const rel = this.taxonomy.occupationSkills(uri);
      v = rel ? new Map([...rel.optional.map((s) => [s.uri, 0.5] as const), ...rel.essential.map((s) => [s.uri, 1] as const)]) : null;
      this.occSkillVectors.set(uri, v);
    }
    return v;
  }

  /** ESCO labels in the reader's language for explanations (fr/es/nl skills; occupations also in Arabic when loaded). */
  readonly labels: Labeler = {
    skill: (uri, lang) => (this.taxonomy.skill(uri)?.labels as Record<string, { pref: string } | undefined> | undefined)?.[lang]?.pref,
    occupation: (uri, lang) => (this.taxonomy.occupation(uri)?.labels as Record<string, { pref: string } | undefined> | undefined)?.[lang]?.pref,
    fallbackLang: 'en',
  };

  /**
   * Link free-text skills (without a user-set URI) to ESCO skills, as suggestions. Each text is read in the language
   * detected from it (never the profile's `lang`, which only chooses the explanation language); `context` prefers
   * skills of the likely occupations. Texts that link to nothing are returned with the reason.
   */
  async linkSkills(skills: { label: string; esco?: string }[], context?: ReadonlyMap<number, number>, careContext = false, contextGroups?: ReadonlySet<string>): Promise<{ links: NonNullable<SuggestionRow['skills']>; unlinked: NonNullable<SuggestionRow['unlinkedSkills']> }> {
    const links: NonNullable<SuggestionRow['skills']> = [];
    const unlinked: NonNullable<SuggestionRow['unlinkedSkills']> = [];
    const slice = new TimeSlice(); // a long skill list must not hold the event loop
    for (const s of skills) {
      if (s.esco) continue;
      await slice.pause();
      const r = this.taxonomy.linkSkillDetailed(s.label, { limit: 1 + SKILL_ALTERNATIVES, context, careContext, contextGroups });
      const best = r.links[0];
      const reading = r.translated ? { reading: r.translated } : {};
      if (best && best.score >= SKILL_LINK_MIN_SCORE) {
        // close runners-up: what else the line may well mean (the linker often picks a neighbouring concept)
        const alts = r.links.slice(1).filter((l) => l.score >= SKILL_ALT_MIN_SCORE && l.score >= best.score - SKILL_ALT_MARGIN).map((l) => l.id);
        links.push({ label: s.label, esco: best.id, escoLabel: best.label, score: round(best.score), ...(alts.length ? { alts } : {}), ...reading });
      } else {
        const alts = r.links.filter((l) => l.score >= SKILL_ALT_MIN_SCORE).map((l) => l.id);
        unlinked.push({ label: s.label, reason: r.unlinked ?? 'low-confidence', ...(alts.length ? { alts } : {}), ...reading });
      }
    }
    return { links, unlinked };
  }

  /**
   * What a record's skill lines are read with (suggest; bench:skill-phrases): the titles' occupation distribution, the
   * skills of its likely occupations as context, and whether the record speaks of care work.
   */
  async skillReadingContext(titles: { text: string; weight?: number }[], skills: { label: string }[], description = '') {
    const t = await titleDistribution(this.taxonomy, titles);
    const likely = t.n ? likelyOccupations(t) : [];
    const context = t.n ? this.taxonomy.skillContext(likely) : undefined;
    const contextGroups = new Set(likely.filter((o) => o.p >= CONTEXT_GROUP_MIN_P).map((o) => this.taxonomy.occupation(o.uri)?.iscoGroup?.slice(0, 3)).filter((g): g is string => !!g));
    // the record's own words of care work make a bare "hygiene" line a care task, as extraction reads a care text
    const careContext = isCareText([...titles.map((x) => x.text), description, ...skills.map((s) => s.label)].join(' '));
    return { t, context, careContext, contextGroups };
  }

  /**
   * Skills linked with the titles' likely occupations as context, then the occupation inferred from the titles and the
   * confidently linked skills (calibrated; abstains below a threshold). User-set codes skip the inference.
   */
  private async suggest(titles: { text: string; weight?: number }[], skills: { label: string; esco?: string }[], inferOccupation: boolean, backoff: boolean, description = ''): Promise<SuggestionRow> {
    const { t, context, careContext, contextGroups } = await this.skillReadingContext(titles, skills, description);
    const { links, unlinked } = await this.linkSkills(skills, context, careContext, contextGroups);
    const out: SuggestionRow = { skills: links, ...(unlinked.length ? { unlinkedSkills: unlinked } : {}) };
    if (!inferOccupation || (t.n === 0 && skills.length === 0)) return out;
    const evidence = [...skills.flatMap((s) => (s.esco ? [{ uri: s.esco, confidence: 1 }] : [])), ...links.map((l) => ({ uri: l.esco, confidence: l.score }))];
    let inf = combineEvidence(this.taxonomy, t, evidence);
    // A title read as nothing as written is read again without its qualifiers (TITLE_BACKOFFS): the first variant the
    // taxonomy reads wins, so a reading that exists as written never changes.
    for (let k = 0; backoff && inf.status === 'abstained' && k < TITLE_BACKOFFS; k++) {
      const variants = titles.map((x) => ({ ...x, text: titleBackoff(x.text, k) ?? x.text }));
      if (variants.every((x, i) => x.text === titles[i]!.text)) continue;
      const again = combineEvidence(this.taxonomy, await titleDistribution(this.taxonomy, variants), evidence);
      if (again.status === 'inferred') inf = again;
    }
    const occs = inf.occupations.map((o) => ({ esco: o.escoUri, isco: o.iscoCode, label: o.label, score: o.probability }));
    out.occupationStatus = inf.status;
    out.occupations = occs;
    if (occs[0]) out.occupation = occs[0];
    return out;
  }

  async suggestForVacancy(content: CreateVacancy): Promise<SuggestionRow> {
    return this.suggest([{ text: content.title }], content.skills, !content.occupation?.esco && !content.occupation?.isco, true, content.description ?? '');
  }

  async suggestForProfile(content: ProfileContent): Promise<SuggestionRow> {
    const titles = [...content.experience].sort((a, b) => b.years - a.years).map((e) => ({ text: e.title, weight: 1 + Math.min(10, e.years) }));
    // no title backoff for a person's job titles: on the dev split it read "enfermera UCI" as a nurse assistant (t7-match)
    return this.suggest(titles, content.skills, !content.occupation?.esco && !content.occupation?.isco, false);
  }

  /**
   * The occupation distribution of a row: a user-set code wins outright (confidence 1); otherwise the suggestions, best
   * first, with their confidences as probabilities (`suggestions.occupations` when the row has the list, else the
   * single best suggestion). Empty when nothing is known: the occupation component then earns nothing.
   */
  private occupationRefs(set: { esco?: string | null; isco?: string | null } | undefined, suggestions: SuggestionRow | null | undefined): OccupationRef[] {
    if (set?.esco || set?.isco) {
      const occ = set.esco ? this.taxonomy.occupation(set.esco) : undefined;
      const code = occ?.code || set.isco || occ?.iscoGroup;
      return [
        {
          ...(set.esco ? { escoUri: set.esco } : {}),
          ...(code ? { iscoCode: code } : {}),
          source: 'set',
          confidence: 1,
          label: occ ? this.taxonomy.label(occ, 'en') : (this.taxonomy.iscoGroup(set.isco ?? '')?.labels.en ?? `ISCO ${set.isco}`),
        },
      ];
    }
    const list = (suggestions as { occupations?: NonNullable<SuggestionRow['occupation']>[] } | null | undefined)?.occupations ?? (suggestions?.occupation ? [suggestions.occupation] : []);
    return list.flatMap((s) => {
      if (!s.esco && !s.isco) return [];
      const occ = s.esco ? this.taxonomy.occupation(s.esco) : undefined;
      const code = occ?.code || s.isco;
      return [
        {
          ...(s.esco ? { escoUri: s.esco } : {}),
          ...(code ? { iscoCode: code } : {}),
          source: 'suggested' as const,
          confidence: s.score,
          ...(s.label || occ ? { label: s.label ?? this.taxonomy.label(occ!, 'en') } : {}),
        },
      ];
    });
  }

  /**
   * Skills with their suggested ESCO links (and the linked concept's label, for evidence across languages), plus the
   * machine reading of each suggested or unlinked line (alternatives, English reading). A user-set link stands alone.
   */
  private withLinks<T extends { label: string; esco?: string }>(skills: T[], suggestions: SuggestionRow | null | undefined): (T & { escoLabel?: string; alts?: string[]; reading?: string })[] {
    const byLabel = new Map((suggestions?.skills ?? []).map((l) => [l.label, l]));
    const unlinked = new Map((suggestions?.unlinkedSkills ?? []).map((l) => [l.label, l]));
    return skills.map((s) => {
      const link = s.esco ? undefined : byLabel.get(s.label);
      const uri = s.esco ?? link?.esco;
      if (!uri) {
        const u = unlinked.get(s.label);
        return u && (u.alts || u.reading) ? { ...s, ...(u.alts ? { alts: u.alts } : {}), ...(u.reading ? { reading: u.reading } : {}) } : s;
      }
      const skill = this.taxonomy.skill(uri);
      return { ...s, esco: uri, ...(skill ? { escoLabel: this.taxonomy.label(skill, 'en') } : {}), ...(link?.alts ? { alts: link.alts } : {}), ...(link?.reading ? { reading: link.reading } : {}) };
    });
  }

  /**
   * Features and display summary of many vacancies by id, from the cache (kept exact by the writer hooks, which
   * forget a vacancy on every write) or, for the rest, from one query. Ids that no longer exist are absent.
   */
  async vacanciesById(
    ids: string[],
    load: (missing: string[]) => Promise<VacancyRow[]>,
    /**
     * Several processes writing one database (PostgreSQL): the stored `updatedAt` of each id, so an entry another
     * process made stale is rebuilt (this process's own writes call forgetVacancy). Omitted on SQLite (one writer).
     */
    versions?: (ids: string[]) => Promise<Map<string, string>>,
  ): Promise<Map<string, { features: VacancyFeatures; summary: VacancySummary }>> {
    const out = new Map<string, { features: VacancyFeatures; summary: VacancySummary }>();
    const missing: string[] = [];
    const current = versions ? await versions(ids) : null;
    for (const id of ids) {
      const hit = this.vacancyCache.get(id);
      if (hit && (!current || current.get(id) === hit.updatedAt)) out.set(id, hit);
      else if (!current || current.has(id)) missing.push(id);
      else this.vacancyCache.delete(id); // deleted by another process
    }
    if (missing.length > 0) {
      for (const row of await load(missing)) out.set(row.id, this.cachedVacancy(row));
    }
    return out;
  }

  /** Features of a stored vacancy, cached until the row changes. */
  vacancyFeatures(row: VacancyRow): VacancyFeatures {
    return this.cachedVacancy(row).features;
  }

  /** The cache entry of a stored vacancy, built (and cached) if absent or older than the row. */
  private cachedVacancy(row: VacancyRow): { updatedAt: string; features: VacancyFeatures; summary: VacancySummary } {
    const hit = this.vacancyCache.get(row.id);
    if (hit && hit.updatedAt === row.updatedAt) return hit;
    const features = buildVacancyFeatures({
      id: row.id,
      title: row.title,
      status: row.status,
      country: row.country,
      region: row.region,
      remote: row.remote,
      expiresAt: row.expiresAt ? `${row.expiresAt}T23:59:59.999Z` : null,
      languages: row.languages,
      lang: row.lang,
      requirements: row.requirements,
      skills: this.withLinks(row.skills, row.suggestions),
      occupations: this.occupationRefs({ esco: row.occupationEsco, isco: row.occupationIsco }, row.suggestions),
      textLang: this.textLanguage(vacancyEmbeddingText(row as VacancyTextInput)),
    });
    if (this.vacancyCache.size > 2_000_000) this.vacancyCache.clear();
    const summary = { title: row.title, country: row.country, region: row.region, employerId: row.employerId, shortage: row.shortage };
    const entry = { updatedAt: row.updatedAt, features, summary };
    this.vacancyCache.set(row.id, entry);
    return entry;
  }

  private readonly textLangs = new Map<string, string>();

  /**
   * Language of the text an item is embedded from (detected from the text alone, memoised by text), which picks the
   * semantic floor of a language pair (see MatchParams.semanticFloors).
   */
  textLanguage(text: string): string {
    const hit = this.textLangs.get(text);
    if (hit !== undefined) return hit;
    const lang = this.taxonomy.detectLanguage(text).lang;
    if (this.textLangs.size > 200_000) this.textLangs.clear();
    this.textLangs.set(text, lang);
    return lang;
  }

  forgetVacancy(id: string): void {
    this.vacancyCache.delete(id);
  }

  /** Features of a stored profile. Only allow-listed fields reach the scorer; protected attributes live elsewhere. */
  profileFeatures(row: CandidateRow): ProfileFeatures {
    return this.featuresOfProfile(
      row.id,
      { ...row, occupation: { esco: row.occupationEsco, isco: row.occupationIsco } },
      row.suggestions,
      { matching: row.consentMatching, visibleToEmployers: row.consentVisible },
    );
  }

  /**
   * Features of an ad-hoc profile that is never stored: its suggestions computed on the fly exactly as a profile write
   * computes them, then the one feature builder stored profiles use, so the same content ranks the same either way.
   */
  async adhocFeatures(content: ProfileContent): Promise<{ features: ProfileFeatures; suggestions: SuggestionRow }> {
    const suggestions = await this.suggestForProfile(content);
    return { features: this.featuresOfProfile('adhoc', content, suggestions, { matching: true, visibleToEmployers: false }), suggestions };
  }

  /**
   * The one feature builder of a profile, stored or ad hoc: content + its machine suggestions (user-set codes win).
   * Stored and one-off rankings of the same content therefore see the same features (bench:match-paths,
   * test/matches.paths.test.ts).
   */
  private featuresOfProfile(id: string, content: ProfileContent, suggestions: SuggestionRow | null | undefined, consent: ProfileFeatures['consent']): ProfileFeatures {
    return buildProfileFeatures({
      id,
      skills: this.withLinks(content.skills, suggestions),
      experience: content.experience,
      languages: content.languages,
      residenceCountry: content.residenceCountry,
      destinations: content.destinations,
      educationLevel: content.educationLevel,
      licences: content.licences ?? [],
      consent,
      occupations: this.occupationRefs(content.occupation, suggestions),
      textLang: this.textLanguage(candidateEmbeddingText(content as CandidateTextInput)),
    });
  }
}

/** How many shorter readings of an unread title are tried (see titleBackoff). */
export const TITLE_BACKOFFS = 2;

/**
 * A shorter reading of a job title the taxonomy could not read as written, or undefined when there is none:
 *   0: its first segment, before a separator that opens a qualifier of place, ward, shift or contract (" - ", " – ",
 *      " | ", " / ", ",", "(", ":"): "Home carer – live-in, elderly lady with dementia" → "Home carer";
 *   1: that segment without codes written in capitals (ward, unit or trade codes: "Enfermero/a UCI" → "Enfermero/a",
 *      "OR nurse" → "nurse").
 * Used only when the whole title abstains, so a title that is read as written keeps its reading; for vacancy titles
 * only (ads carry such qualifiers; on the dev split the backoff of a person's "enfermera UCI" read a nurse assistant).
 */
export function titleBackoff(title: string, step: number): string | undefined {
  const head = title.split(/\s[-–—|/]\s|[,(:]/)[0]!.replace(/\s+/g, ' ').trim();
  const text = step === 0 ? head : head.split(' ').filter((w) => !/^[A-ZÄÖÜ]{2,5}$/.test(w)).join(' ');
  return text && text.length < title.trim().length && /\p{L}{3}/u.test(text) ? text : undefined;
}

export interface VacancySummary {
  title: string;
  country: string;
  region: string | null;
  employerId: string;
  shortage: boolean;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

// Gender and form markers in job ads ("(m/w/d)", "H/F", "m/f/x") say nothing about the occupation.
const TITLE_MARKERS = /\((?:[mwfdxhi]\s*\/\s*)+[mwfdxhi]\)|(?<![\p{L}])(?:[mwfdxh]\s*\/\s*)+[mwfdxh](?![\p{L}])/giu;
const cleanTitle = (t: string): string => normalizeText(t.replace(TITLE_MARKERS, ' '));
// Function words of the languages titles are written in; they never decide whether a title names an occupation.
const TITLE_STOPWORDS = new Set('a de la le les du des d l en et y el los las del of the and for in au aux à für und der die das im mit van het en'.split(' '));

/** Fit of a title that names an occupation's ISCO unit group in German (a sibling occupation at worst, as the hierarchy's unit-group level). */
const GERMAN_GROUP_FIT = 0.8;
const GERMAN_GROUP_ENTRIES: ReadonlyMap<string, string[][]> = new Map(
  Object.entries(GERMAN_TITLES_BY_ISCO).map(([group, titles]) => [group, titles.map((t) => cleanTitle(t).split(' ').filter((w) => w && !TITLE_STOPWORDS.has(w)))]),
);

/** Whether a cleaned title's words name an ISCO unit group by one of its German titles (a long single-word title also as the end of a compound). */
function namesGermanGroup(words: ReadonlySet<string>, iscoGroup: string): boolean {
  for (const entry of GERMAN_GROUP_ENTRIES.get(iscoGroup) ?? []) {
    if (entry.length === 0) continue;
    if (entry.every((w) => words.has(w))) return true;
    if (entry.length === 1 && entry[0]!.length >= 6) for (const w of words) if (w.length > entry[0]!.length && w.endsWith(entry[0]!)) return true;
  }
  return false;
}
