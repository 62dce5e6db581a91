import { inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { explainMatch, rankMatches, type ExclusionReason, type MatchExplanation, type ProfileFeatures, type RankedMatch, type VacancyFeatures } from '../matching/index.js';
import type { AuditRankingRow, PoolEntry } from '../db/schema/index.js';
import { employerCandidateView, employerExplanation, type EmployerCandidateView } from '../fairness/employer-view.js';
import { applyRerank, type ResolvedRerank } from './fair-rerank.js';
import { contactStatuses } from './contact-requests.js';
import { candidateEmbeddingText, vacancyEmbeddingText } from '../embedding/texts.js';
import { uncached } from '../embedding/cache.js';
import type { SearchResult } from '../vector-index/collection.js';
import type { VectorFilter } from '../vector-index/filter.js';
import { canonicalJson, sha256Hex } from './audit.js';
import type { Principal } from './api-keys.js';
import type { CandidateRow } from './candidates.js';
import type { ProfileContent, VacancySummary } from './match-engine.js';
import { requireOpenVacancy, type VacancyRow } from './vacancies.js';
import { LANGS, type Lang } from '../taxonomy/files.js';
import { TimeSlice } from '../time-slice.js';
import { auRegionOf } from '../forecast/outlook-text.js';
import type { OccupationOutlookNote } from '../matching/explain.js';

export interface MatchPageQuery {
  limit: number;
  cursor?: string;
  minScore?: number;
  acceptLanguage?: string;
}

export interface MatchItem {
  rank: number;
  score: number;
  explanation: MatchExplanation;
}

export interface MatchPage<T> {
  items: (MatchItem & T)[];
  nextCursor: string | null;
  auditId: string;
  retrieval: { source: SearchResult['source']; state: SearchResult['state']; stale: boolean; retrieved: number };
  removed: { total: number; byReason: Partial<Record<ExclusionReason, number>>; belowMinScore: number };
  candidateSetSize: number;
  modelId: string;
  weightsVersion: string;
  /** Milliseconds per phase, sent as a Server-Timing header (not in the body). */
  timings: MatchTimings;
}

export interface MatchTimings {
  embed: number;
  retrieve: number;
  rank: number;
  explain: number;
  audit: number;
}

/** Cursor over a ranking: an offset, bound to the inputs and index version it was computed on. */
function encodeMatchCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: 1, o: offset, f: fingerprint })).toString('base64url');
}
function decodeMatchCursor(cursor: string | undefined, fingerprint: string): number {
  if (cursor === undefined) return 0;
  let parsed: { v?: unknown; o?: unknown; f?: unknown } = {};
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    // handled below
  }
  if (parsed.v !== 1 || typeof parsed.o !== 'number' || !Number.isInteger(parsed.o) || parsed.o < 0 || typeof parsed.f !== 'string') {
    throw new AppError('INVALID_CURSOR', 'query.cursor: is not a cursor issued by this ranking', [{ path: 'query.cursor', rule: 'cursor' }]);
  }
  if (parsed.f !== fingerprint) {
    throw new AppError('INVALID_CURSOR', 'query.cursor: the ranking changed since this cursor was issued (new data or another query); start again without a cursor', [
      { path: 'query.cursor', rule: 'stale' },
    ]);
  }
  return parsed.o;
}

const chunk = <T>(xs: T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

/** Rows by id, queried in chunks of 500 (SQLite's bound-parameter limit), keyed by id. */
async function rowsById<T extends { id: string }>(ids: string[], query: (part: string[]) => Promise<T[]>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (const part of chunk(ids, 500)) for (const r of await query(part)) out.set(r.id, r);
  return out;
}

/** Retrieved vacancies' features and summaries: cached, with one query for those not yet seen. */
function vacancyRows(app: FastifyInstance, hits: SearchResult) {
  const { db, t, dialect } = app.storage.read;
  const { vacancies } = t;
  return app.matchEngine.vacanciesById(
    hits.items.map((h) => h.id),
    async (missing) => [...(await rowsById(missing, (part) => db.select().from(vacancies).where(inArray(vacancies.id, part)))).values()],
    // Other replicas write too: cached features are checked against the stored version (updatedAt).
    dialect === 'postgres'
      ? async (ids) => {
          const out = new Map<string, string>();
          for (const part of chunk(ids, 500)) {
            for (const r of await db.select({ id: vacancies.id, updatedAt: vacancies.updatedAt }).from(vacancies).where(inArray(vacancies.id, part))) out.set(r.id, r.updatedAt);
          }
          return out;
        }
      : undefined,
  );
}

function loadCandidates(app: FastifyInstance, ids: string[]): Promise<Map<string, CandidateRow>> {
  const { db, t } = app.storage.read;
  return rowsById(ids, (part) => db.select().from(t.candidates).where(inArray(t.candidates.id, part)));
}

function requireUsableProfile(row: CandidateRow): void {
  const missing: string[] = [];
  if (!row.consentMatching) missing.push('consent.matching');
  if (missing.length) {
    throw new AppError('CONSENT_REQUIRED', `matching needs your consent: set ${missing.join(', ')} to true with PUT /v1/candidates/me`, { missing });
  }
  if (row.skills.length === 0 && row.experience.length === 0) {
    throw new AppError('PROFILE_INCOMPLETE', 'add at least one skill or experience entry to your profile with PUT /v1/candidates/me', {
      missing: ['skills', 'experience'],
    });
  }
}

interface RankInput {
  hits: SearchResult;
  /** embed + retrieve (+ feature loading) milliseconds measured by the caller */
  before: { embed: number; retrieve: number };
  pairs: { id: string; vacancy: VacancyFeatures; profile: ProfileFeatures; semantic: number }[];
}

/** The tie-shuffle seed of a ranking: per kind, subject and UTC day, so a ranking is reproducible within its day. */
function dailyTieSeed(kind: string, subject: string, now: number): string {
  return sha256Hex(`ties|${kind}|${subject}|${new Date(now).toISOString().slice(0, 10)}`).slice(0, 16);
}

/**
 * The tie-shuffle subject of a seeker's ranking: the hash of what is scored of the profile (features without the id and
 * consent), so a stored profile and a one-off query with the same content shuffle exact ties alike (one order).
 */
function profileTieSubject(profile: ProfileFeatures): string {
  const { id: _id, consent: _consent, ...scored } = profile;
  return sha256Hex(canonicalJson(scored)).slice(0, 32);
}

/** A vacancy occupation read with at least this probability gets its destination's outlook in the explanation. */
export const OUTLOOK_MIN_PROBABILITY = 0.5;

/**
 * The destination's shortage rating (AU) or projection (US) for the vacancy's occupation, in the explanation's
 * language, computed by the forecast service; null when the occupation is unknown or too uncertain, or nothing applies.
 */
function outlookNote(app: FastifyInstance, vacancy: VacancyFeatures, e: MatchExplanation): OccupationOutlookNote | null {
  const reading = e.occupation.vacancy;
  const top = reading.candidates[0];
  if (!top?.iscoCode || reading.status === 'unknown' || top.probability < OUTLOOK_MIN_PROBABILITY) return null;
  const country = vacancy.country;
  if (country !== 'AU' && country !== 'US') return null;
  const note = app.occupationOutlook.shortageNote(top.iscoCode, country, country === 'AU' ? auRegionOf(vacancy.region) : undefined, e.lang);
  if (!note) return null;
  const { weight: _weight, ...shown } = note;
  return { ...shown, basis: reading.status === 'set' ? 'set' : 'inferred' };
}

/** Rank, page, explain the page, and write the audit record in one transaction. */
async function rankPageAndAudit<T>(
  app: FastifyInstance,
  principal: Principal,
  opts: {
    kind: 'seeker-matches' | 'vacancy-matches' | 'adhoc-query';
    subjectId: string | null;
    inputs: unknown;
    /** What the tie shuffle is seeded by (default: kind and subject, else the input hash). */
    tie?: { kind: string; subject: string };
    indexVersion: string;
    requireVisibility: boolean;
    checkVacancy?: boolean;
    audience: 'seeker' | 'employer';
    query: MatchPageQuery;
    item: (id: string) => T | Promise<T>;
    /** The audience's view of an explanation (employers: ESCO labels instead of the seeker's own words). */
    explanation?: (e: MatchExplanation) => MatchExplanation;
    /** Opt-in fair re-ranking after scoring (issue 13): resolved by the fairness service, recorded in the audit. */
    rerank?: { params: ResolvedRerank; apply: (ranked: RankedMatch[]) => Promise<{ items: RankedMatch[]; record: NonNullable<AuditRankingRow['rerank']> }> };
  },
  input: RankInput,
): Promise<MatchPage<T>> {
  const engine = app.matchEngine;
  const t0 = performance.now();
  const now = Date.now();
  const inputHash = sha256Hex(canonicalJson(opts.inputs));
  const tieSeed = opts.tie ? dailyTieSeed(opts.tie.kind, opts.tie.subject, now) : dailyTieSeed(opts.kind, opts.subjectId ?? inputHash, now);
  const ranked = rankMatches(input.pairs, engine.weights, {
    now,
    requireVisibility: opts.requireVisibility,
    checkVacancy: opts.checkVacancy,
    relatedness: engine.relatedness,
    specificity: engine.specificity,
    occupationRelatedness: engine.occupationRelatedness,
    occupationTitleFit: engine.occupationTitleFit,
    occupationSkillFit: engine.occupationSkillFit,
    minScore: opts.query.minScore ?? 0,
    tieSeed,
    audience: opts.audience,
  });
  let rerankRecord: AuditRankingRow['rerank'];
  if (opts.rerank) {
    const applied = await opts.rerank.apply(ranked.items);
    ranked.items = applied.items.map((x, i) => ({ ...x, rank: i + 1 }));
    rerankRecord = applied.record;
  }
  const rerankKey = opts.rerank ? canonicalJson(opts.rerank.params) : '';
  const fingerprint = sha256Hex(`${inputHash}|${opts.indexVersion}|${engine.weights.version}|${tieSeed}|${rerankKey}`).slice(0, 24);
  const offset = decodeMatchCursor(opts.query.cursor, fingerprint);
  const pageItems = ranked.items.slice(offset, offset + opts.query.limit);
  const byId = new Map(input.pairs.map((p) => [p.id, p]));
  const t1 = performance.now();
  // A page of 100 explanations yields between items, so health probes and other requests are not held behind it.
  const slice = new TimeSlice();
  const items: (MatchItem & T)[] = [];
  for (const r of pageItems) {
    await slice.pause();
    const pair = byId.get(r.id)!;
    const { explanation } = explainMatch(pair.vacancy, pair.profile, engine.weights, engine.context(pair.semantic, opts.audience), {
      languages: opts.query.acceptLanguage ?? null,
      audience: opts.audience,
      score: r.match, // ranked with the same weights and context
      labels: engine.labels,
    });
    const outlook = outlookNote(app, pair.vacancy, explanation);
    if (outlook) explanation.outlook = outlook; // information only: the score above is already final
    items.push({ ...(await opts.item(r.id)), rank: r.rank, score: r.match.score, explanation: opts.explanation ? opts.explanation(explanation) : explanation });
  }
  const more = offset + opts.query.limit < ranked.items.length;
  const t2 = performance.now();
  const audit = await app.storage.transaction((tx) =>
    app.auditLog.append(tx, {
      actorRole: principal.role,
      actorKeyId: principal.keyId,
      tenantId: principal.employerId ?? principal.candidateId ?? null,
      kind: opts.kind,
      subjectId: opts.subjectId,
      modelId: app.embedder.id,
      indexVersion: opts.indexVersion,
      weightsVersion: engine.weights.version,
      inputHash,
      candidateSetSize: input.pairs.length - ranked.removed,
      removed: { ...ranked.removedByReason, belowMinScore: ranked.belowMinScore },
      results: pageItems.map((r) => ({ id: r.id, rank: r.rank, score: r.match.score })),
      ranking: {
        tieBreak: { method: 'seeded-shuffle', seed: tieSeed },
        ...(rerankRecord ? { rerank: rerankRecord } : {}),
        // Employer rankings assess people: keep everyone scored, so audits can compute rates over the whole pool.
        ...(opts.kind === 'vacancy-matches' ? { pool: ranked.pool.map((p): PoolEntry => [p.id, p.score, p.closeness]) } : {}),
      },
    }),
  );
  return {
    items,
    nextCursor: more ? encodeMatchCursor(offset + opts.query.limit, fingerprint) : null,
    auditId: audit.id,
    retrieval: { source: input.hits.source, state: input.hits.state, stale: input.hits.stale, retrieved: input.hits.items.length },
    removed: { total: ranked.removed, byReason: ranked.removedByReason, belowMinScore: ranked.belowMinScore },
    candidateSetSize: input.pairs.length - ranked.removed,
    modelId: app.embedder.id,
    weightsVersion: engine.weights.version,
    timings: { ...input.before, rank: t1 - t0, explain: t2 - t1, audit: performance.now() - t2 },
  };
}

export interface SeekerFilters {
  destination?: string[];
  shortageOnly?: boolean;
}

function vacancyFilter(f: SeekerFilters): VectorFilter {
  return {
    status: 'open',
    ...(f.destination?.length ? { country: f.destination } : {}),
    ...(f.shortageOnly ? { shortage: true } : {}),
  };
}

const indexVersion = (app: FastifyInstance, name: 'vacancies' | 'candidates'): string => `${name}@${app.collections[name].status().lastSeq}`;

type VacancyMatchItem = { vacancyId: string; vacancy: VacancySummary; screening: Awaited<ReturnType<FastifyInstance['screening']['matchScreening']>> };

/**
 * Nearest open vacancies for a profile. Without an explicit destination filter, the profile's own destinations are
 * searched as well as everywhere, so vacancies in the countries the seeker chose are always among the candidates
 * even when the nearest ones overall are elsewhere; the location component then ranks them (stored and ad-hoc alike).
 */
function retrieveForProfile(app: FastifyInstance, vector: Float32Array, profile: ProfileFeatures, filters: SeekerFilters): SearchResult {
  const k = app.config.MATCH_RETRIEVAL_N;
  const all = app.collections.vacancies.search(vector, { k, filter: vacancyFilter(filters) });
  if (filters.destination?.length || profile.destinations.length === 0) return all;
  const chosen = app.collections.vacancies.search(vector, { k, filter: vacancyFilter({ ...filters, destination: profile.destinations }) });
  const seen = new Set(all.items.map((h) => h.id));
  return { ...all, items: [...all.items, ...chosen.items.filter((h) => !seen.has(h.id))] };
}

/** Retrieve open vacancies near a profile's vector, rank, explain and audit: shared by stored and ad-hoc profiles. */
async function vacanciesForProfile(
  app: FastifyInstance,
  principal: Principal,
  embed: () => Promise<Float32Array>,
  profile: ProfileFeatures,
  filters: SeekerFilters,
  query: MatchPageQuery,
  audit: { kind: 'seeker-matches' | 'adhoc-query'; subjectId: string | null; inputs: unknown },
): Promise<MatchPage<VacancyMatchItem>> {
  const t0 = performance.now();
  const vector = await embed();
  const t1 = performance.now();
  const hits = retrieveForProfile(app, vector, profile, filters);
  const rows = await vacancyRows(app, hits);
  const before = { embed: t1 - t0, retrieve: performance.now() - t1 };
  const pairs = hits.items.flatMap((h) => {
    const v = rows.get(h.id);
    return v ? [{ id: h.id, vacancy: v.features, profile, semantic: h.score }] : [];
  });
  return rankPageAndAudit(
    app,
    principal,
    {
      ...audit,
      tie: { kind: 'seeker', subject: profileTieSubject(profile) },
      indexVersion: indexVersion(app, 'vacancies'),
      requireVisibility: false,
      audience: 'seeker',
      query,
      // Fair-recruitment flags ride next to the explanation, not inside it (src/screening).
      item: async (id) => ({ vacancyId: id, vacancy: rows.get(id)!.summary, screening: await app.screening.matchScreening(id, query.acceptLanguage) }),
    },
    { hits, pairs, before },
  );
}

/** Open vacancies for a stored profile (GET /v1/candidates/me/matches). */
export async function matchesForCandidate(
  app: FastifyInstance,
  principal: Principal,
  row: CandidateRow,
  filters: SeekerFilters,
  query: MatchPageQuery,
): Promise<MatchPage<VacancyMatchItem>> {
  requireUsableProfile(row);
  return vacanciesForProfile(
    app,
    principal,
    async () => (await app.embedder.embed([candidateEmbeddingText(row)]))[0]!,
    app.matchEngine.profileFeatures(row),
    filters,
    query,
    { kind: 'seeker-matches', subjectId: row.id, inputs: { profile: row.id, updatedAt: row.updatedAt, filters, minScore: query.minScore ?? 0 } },
  );
}

/**
 * Consenting, visible candidates for an employer's vacancy (GET /v1/vacancies/:id/matches): pseudonymous until a
 * seeker accepts the employer's contact request (see fairness/employer-view.ts), optionally fair re-ranked.
 */
export async function matchesForVacancy(
  app: FastifyInstance,
  principal: Principal,
  vacancy: VacancyRow,
  query: MatchPageQuery,
  rerank: ResolvedRerank | null = null,
): Promise<MatchPage<{ candidateId: string; candidate: EmployerCandidateView }>> {
  requireOpenVacancy(vacancy, 'ranking candidates');
  const t0 = performance.now();
  const [vector] = await app.embedder.embed([vacancyEmbeddingText(vacancy)]);
  const t1 = performance.now();
  const hits = app.collections.candidates.search(vector!, { k: app.config.MATCH_RETRIEVAL_N, filter: { matching: true, visible: true } });
  const rows = await loadCandidates(app, hits.items.map((h) => h.id));
  const before = { embed: t1 - t0, retrieve: performance.now() - t1 };
  const vf = app.matchEngine.vacancyFeatures(vacancy);
  const pairs = hits.items.flatMap((h) => {
    const c = rows.get(h.id);
    return c ? [{ id: h.id, vacancy: vf, profile: app.matchEngine.profileFeatures(c), semantic: h.score }] : [];
  });
  const contacts = await contactStatuses(app.storage.read, vacancy.id, [...rows.keys()]);
  const taxonomy = app.matchEngine.taxonomy;
  return rankPageAndAudit(
    app,
    principal,
    {
      kind: 'vacancy-matches',
      subjectId: vacancy.id,
      inputs: { vacancy: vacancy.id, updatedAt: vacancy.updatedAt, minScore: query.minScore ?? 0 },
      indexVersion: indexVersion(app, 'candidates'),
      requireVisibility: true,
      // Its status was checked above (only an open vacancy ranks anyone); an expired one still ranks for its owner.
      checkVacancy: false,
      audience: 'employer',
      query,
      item: (id) => ({ candidateId: id, candidate: employerCandidateView(vacancy.employerId, rows.get(id)!, vacancy.country, contacts.get(id) ?? 'none') }),
      explanation: (e) =>
        employerExplanation(e, (uri, lang) => {
          const skill = taxonomy.skill(uri);
          return skill ? taxonomy.label(skill, (LANGS as readonly string[]).includes(lang) ? (lang as Lang) : 'en') : undefined;
        }),
      ...(rerank
        ? { rerank: { params: rerank, apply: (ranked: RankedMatch[]) => applyRerank(app.storage.read, ranked.map((x) => ({ ...x, score: x.match.score })), rerank) } }
        : {}),
    },
    { hits, before, pairs },
  );
}

/** An ad-hoc profile that is never stored (POST /v1/matches/query). */
export async function matchesForAdhocProfile(
  app: FastifyInstance,
  principal: Principal,
  content: ProfileContent,
  filters: SeekerFilters,
  query: MatchPageQuery,
) {
  if (content.skills.length === 0 && content.experience.length === 0) {
    throw new AppError('PROFILE_INCOMPLETE', 'give at least one skill or experience entry', { missing: ['skills', 'experience'] });
  }
  const { features, suggestions } = await app.matchEngine.adhocFeatures(content);
  const page = await vacanciesForProfile(
    app,
    principal,
    // Never stored: not even its vector goes into the embedding cache.
    async () => (await uncached(app.embedder).embed([candidateEmbeddingText(content)]))[0]!,
    features,
    filters,
    query,
    { kind: 'adhoc-query', subjectId: null, inputs: { content, filters, minScore: query.minScore ?? 0 } },
  );
  return { ...page, interpreted: suggestions };
}
