// Screening in the life of a vacancy: every write is screened before it commits (a high flag holds the vacancy),
// the hold opens a review in the admin queue, an admin's release or rejection commits with the vacancy and an
// audit record, and each reader gets the flags in their language.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import type { screeningReviews, ScreeningRow } from '../db/schema/index.js';
import type { Storage, UnitOfWork } from '../storage/storage.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Principal } from '../services/api-keys.js';
import { canonicalJson, sha256Hex, type AuditLog } from '../services/audit.js';
import { keysetWhere, page } from '../services/pagination.js';
import type { VacancyRow } from '../services/vacancies.js';
import type { VacancyDraft, VacancyWriter, WriteHook } from '../services/writers.js';
import type { Review } from '../schemas/screening.js';
import type { Screener } from './screener.js';
import type { OccupationHint } from './types.js';
import { explanationLanguage, flagKey, flagView, type ScreeningAudience } from './view.js';
import type { ExplanationLanguage } from './messages.js';

type Requested = NonNullable<ScreeningRow['requestedStatus']>;

/** An admin's decision, carried through the writer so it commits with the vacancy (see resolve()). */
interface Resolution {
  reviewId: string;
  decision: 'release' | 'reject';
  reason: string;
  principal: Principal;
  /** Filled in by the hook: the audit record written with the decision. */
  auditId?: string;
}
const RESOLUTION = 'screeningResolution';

export interface VacancyView {
  lang: ExplanationLanguage;
  audience: ScreeningAudience;
}

export class ScreeningService {
  constructor(
    private readonly storage: Storage,
    readonly screener: Screener,
    private readonly opts: { enabled: boolean; auditLog: Pick<AuditLog, 'append'>; occupationOf?: (esco: string) => { isco?: string } | undefined },
  ) {}

  get enabled(): boolean {
    return this.opts.enabled;
  }

  /** The status the employer asked for: the patch's, else the stored one (a held vacancy remembers what it was to be). */
  private requested(d: VacancyDraft): Requested {
    const s = d.content.status as string | undefined;
    if (s && s !== 'held') return s as Requested;
    return d.current?.screening?.requestedStatus ?? 'open';
  }

  private occupation(d: VacancyDraft): OccupationHint | undefined {
    const set = d.content.occupation;
    if (set?.esco || set?.isco) return { esco: set.esco, isco: set.isco ?? (set.esco ? this.opts.occupationOf?.(set.esco)?.isco : undefined) };
    const sug = d.suggestions?.occupation;
    return sug ? { esco: sug.esco, isco: sug.isco } : undefined;
  }

  /** Screen one draft and decide its status and review (no I/O but the screener's). */
  async screenDraft(d: VacancyDraft): Promise<void> {
    const resolution = d.state[RESOLUTION] as Resolution | undefined;
    const current = d.current?.screening;
    const requested = this.requested(d);
    const outcome = await this.screener.screen({ ...d.content, lang: d.content.lang }, this.occupation(d));
    const now = nowIso();
    const dismissed = new Set(current?.dismissed ?? []);
    if (resolution?.decision === 'release') for (const f of outcome.flags) if (f.severity === 'high') dismissed.add(flagKey(f));
    const flags = outcome.flags.map((f) => (f.severity === 'high' && dismissed.has(flagKey(f)) ? { ...f, dismissed: true } : f));
    const holding = flags.filter((f) => f.severity === 'high' && !f.dismissed);
    const held = requested === 'open' && holding.length > 0;
    const prev = current?.review;
    let review = prev;
    if (resolution) {
      review = { id: resolution.reviewId, status: resolution.decision === 'release' ? 'released' : 'rejected', decision: resolution.decision, reason: resolution.reason, resolvedAt: now };
    } else if (held) {
      review = prev?.status === 'pending' ? prev : { id: newId('scr'), status: 'pending', decision: null, reason: null, resolvedAt: null };
    } else if (prev?.status === 'pending') {
      // The employer's correction (or closing the vacancy) cleared the hold.
      review = { ...prev, status: 'superseded', resolvedAt: now };
    }
    const record: ScreeningRow = { ...outcome, flags, ...(dismissed.size ? { dismissed: [...dismissed] } : {}), ...(held ? { requestedStatus: requested } : {}), ...(review ? { review } : {}) };
    d.screening = { record, status: held ? 'held' : requested };
  }

  /** Keep the review queue in step with the rows just written, in their transaction. */
  private async syncReviews(tx: UnitOfWork, rows: VacancyRow[], drafts: VacancyDraft[]): Promise<void> {
    const { screeningReviews } = tx.t;
    for (const [i, row] of rows.entries()) {
      const d = drafts[i]!;
      const review = d.screening?.record.review;
      if (!review) continue;
      const resolution = d.state[RESOLUTION] as Resolution | undefined;
      const now = nowIso();
      const holding = d.screening!.record.flags.filter((f) => f.severity === 'high');
      const [existing] = await tx.db.select().from(screeningReviews).where(eq(screeningReviews.id, review.id)).limit(1);
      let auditId: string | null = existing?.auditId ?? null;
      if (resolution) {
        const audit = await this.opts.auditLog.append(tx, {
          actorRole: resolution.principal.role,
          actorKeyId: resolution.principal.keyId,
          tenantId: row.employerId,
          kind: 'screening-review',
          subjectId: row.id,
          modelId: d.screening!.record.version,
          indexVersion: review.id,
          weightsVersion: resolution.decision,
          inputHash: sha256Hex(canonicalJson({ review: review.id, decision: resolution.decision, reason: resolution.reason, flags: holding.map(flagKey) })),
          candidateSetSize: holding.length,
          removed: Object.fromEntries(holding.map((f) => [f.type, 1])),
          results: [],
        });
        auditId = audit.id;
        resolution.auditId = audit.id;
      }
      if (!existing) {
        if (review.status !== 'pending') continue;
        await tx.db
          .insert(screeningReviews)
          .values({ id: review.id, vacancyId: row.id, employerId: row.employerId, status: 'pending', flags: holding, screeningVersion: d.screening!.record.version, createdAt: now, updatedAt: now });
        continue;
      }
      await tx.db
        .update(screeningReviews)
        .set({
          status: review.status,
          ...(review.status === 'pending' ? { flags: holding, screeningVersion: d.screening!.record.version } : {}),
          decision: review.decision,
          reason: review.reason,
          resolvedAt: review.resolvedAt,
          ...(resolution ? { resolvedBy: resolution.principal.keyId, auditId } : {}),
          updatedAt: now,
        })
        .where(eq(screeningReviews.id, review.id));
    }
  }

  writeHook(): WriteHook<VacancyDraft, VacancyRow> {
    return {
      name: 'screening',
      prepare: async (drafts) => {
        if (!this.opts.enabled) return;
        for (const d of drafts) await this.screenDraft(d);
      },
      inTransaction: (tx, rows, drafts) => this.syncReviews(tx, rows, drafts),
    };
  }

  // ---------------------------------------------------------------- views

  viewFor(row: Pick<VacancyRow, 'employerId' | 'lang'>, principal: Principal, langPreference?: string): VacancyView {
    const owner = principal.role === 'admin' || (principal.role === 'employer' && principal.employerId === row.employerId);
    return { audience: owner ? 'owner' : 'public', lang: explanationLanguage(langPreference, owner ? row.lang : undefined) };
  }

  /** The separate field a job seeker's match item carries: the flags that stand, in the seeker's language. */
  async matchScreening(vacancyId: string, langPreference: string | undefined) {
    const lang = explanationLanguage(langPreference);
    const { db, t } = this.storage.read;
    const [row] = await db.select({ screening: t.vacancies.screening }).from(t.vacancies).where(eq(t.vacancies.id, vacancyId)).limit(1);
    const rec = row?.screening;
    if (!rec) return { status: 'not-screened' as const, flags: [] };
    const flags = rec.flags.filter((f) => !f.dismissed).map((f) => flagView(f, lang, 'public'));
    return { status: flags.length ? ('flagged' as const) : ('clear' as const), flags };
  }

  // ---------------------------------------------------------------- the admin queue

  private async reviewOf(r: typeof screeningReviews.$inferSelect, lang: ExplanationLanguage): Promise<Review> {
    const { db, t } = this.storage.read;
    const { vacancies } = t;
    const [v] = await db.select({ title: vacancies.title, country: vacancies.country, status: vacancies.status }).from(vacancies).where(eq(vacancies.id, r.vacancyId)).limit(1);
    return {
      id: r.id,
      vacancyId: r.vacancyId,
      employerId: r.employerId,
      status: r.status,
      vacancy: v ?? null,
      flags: r.flags.map((f) => flagView(f, lang, 'owner')),
      screeningVersion: r.screeningVersion,
      decision: r.decision,
      reason: r.reason,
      auditId: r.auditId,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      resolvedAt: r.resolvedAt,
    };
  }

  async listReviews(q: { status: Review['status']; limit: number; cursor?: string }, langPreference?: string) {
    const lang = explanationLanguage(langPreference);
    const { db, t } = this.storage.read;
    const { screeningReviews } = t;
    const conds: SQL[] = [eq(screeningReviews.status, q.status)];
    const rows = await db
      .select()
      .from(screeningReviews)
      .where(keysetWhere(screeningReviews.id, conds, q.cursor, 'scr'))
      .orderBy(asc(screeningReviews.id))
      .limit(q.limit + 1);
    const out = page(rows, q.limit, (r) => r);
    return { items: await Promise.all(out.items.map((r) => this.reviewOf(r, lang))), nextCursor: out.nextCursor };
  }

  async getReview(id: string, langPreference?: string): Promise<Review> {
    const { db, t } = this.storage.read;
    const [r] = await db.select().from(t.screeningReviews).where(eq(t.screeningReviews.id, id)).limit(1);
    if (!r) throw notFound('screening review', id);
    return this.reviewOf(r, explanationLanguage(langPreference));
  }

  /**
   * An admin releases or rejects a held vacancy. The decision goes through the vacancy writer, so the new status,
   * the vector index's view of it, the review row and the audit record commit in one transaction.
   */
  async resolve(writer: VacancyWriter, principal: Principal, id: string, body: { decision: 'release' | 'reject'; reason: string }, langPreference?: string): Promise<Review> {
    const { db, t } = this.storage.read;
    const [r] = await db.select().from(t.screeningReviews).where(eq(t.screeningReviews.id, id)).limit(1);
    if (!r) throw notFound('screening review', id);
    if (r.status !== 'pending') throw new AppError('CONFLICT', `screening review ${id} is already ${r.status}`);
    const [row] = await db.select().from(t.vacancies).where(and(eq(t.vacancies.id, r.vacancyId))).limit(1);
    if (!row || row.screening?.review?.id !== id) throw new AppError('CONFLICT', `screening review ${id} no longer matches its vacancy; reload the queue`);
    const resolution: Resolution = { reviewId: id, decision: body.decision, reason: body.reason, principal };
    await writer.update(row, {}, { [RESOLUTION]: resolution });
    return this.getReview(id, langPreference);
  }

}
