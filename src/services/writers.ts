import type { Db, DbOrTx } from '../db/client.js';
import type { ScreeningRow, SuggestionRow } from '../db/schema/index.js';
import type { CreateVacancy, UpdateVacancy } from '../schemas/vacancy.js';
import type { PutCandidate } from '../schemas/candidate.js';
import { insertVacancy, updateVacancy, type VacancyRow } from './vacancies.js';
import { eraseCandidate, putCandidate, type CandidateRow } from './candidates.js';
import { vacancies } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';

/**
 * A write in three phases, so components can join it without the routes knowing them:
 * `prepare` runs before the transaction and may be async (taxonomy suggestions, embeddings);
 * `inTransaction` writes alongside the row (e.g. its vector and change sequence); `afterCommit` updates memory.
 */
export interface WriteHook<Draft, Row> {
  name: string;
  prepare?(drafts: Draft[]): Promise<void> | void;
  inTransaction?(tx: DbOrTx, rows: Row[], drafts: Draft[]): void;
  afterCommit?(rows: Row[]): void;
  onRemove?(tx: DbOrTx, row: Row): void;
  afterRemove?(row: Row): void;
}

export interface VacancyDraft {
  /** The full vacancy content after the write (for an update: stored values merged with the patch). */
  content: CreateVacancy;
  suggestions: SuggestionRow | null;
  vector?: Float32Array;
  state: Record<string, unknown>;
  /** For an update: the stored row it starts from. */
  current?: VacancyRow;
  /** Set by the screening hook: the screening to store and the status it implies (`held` for a high flag). */
  screening?: VacancyScreeningDraft;
}

export interface VacancyScreeningDraft {
  record: ScreeningRow;
  status: VacancyRow['status'];
}

export interface CandidateDraft {
  content: PutCandidate;
  /** The profile as stored before this write (e.g. to erase what derived from its earlier text). */
  previous?: CandidateRow;
  suggestions: SuggestionRow | null;
  vector?: Float32Array;
  state: Record<string, unknown>;
}

export function vacancyContent(row: VacancyRow): CreateVacancy {
  return {
    title: row.title,
    description: row.description,
    country: row.country,
    region: row.region ?? undefined,
    remote: row.remote,
    occupation: row.occupationEsco || row.occupationIsco ? { esco: row.occupationEsco ?? undefined, isco: row.occupationIsco ?? undefined } : undefined,
    skills: row.skills,
    languages: row.languages as CreateVacancy['languages'],
    shortage: row.shortage,
    status: row.status as CreateVacancy['status'],
    lang: row.lang,
    expiresAt: row.expiresAt ?? undefined,
    startDate: row.startDate ?? undefined,
    // Pay, hours and fees too: screening reads them on every write.
    salary:
      row.salaryMin !== null && row.salaryMax !== null && row.salaryCurrency && row.salaryPeriod
        ? { min: row.salaryMin, max: row.salaryMax, currency: row.salaryCurrency, period: row.salaryPeriod as NonNullable<CreateVacancy['salary']>['period'] }
        : undefined,
    contractType: (row.contractType ?? undefined) as CreateVacancy['contractType'],
    hoursPerWeek: row.hoursPerWeek ?? undefined,
    positions: row.positions,
    recruitmentFees: row.feesChargedToWorker === null ? undefined : { chargedToWorker: row.feesChargedToWorker, ...(row.feesNote ? { note: row.feesNote } : {}) },
  };
}

/** The write protocol every writer follows: prepare (async, outside), write + inTransaction hooks, afterCommit. */
async function commitWrite<D, R>(db: Db, hooks: WriteHook<D, R>[], drafts: D[], write: (tx: DbOrTx) => R[]): Promise<R[]> {
  for (const h of hooks) if (h.prepare) await h.prepare(drafts);
  const rows = db.transaction((tx) => {
    const written = write(tx);
    for (const h of hooks) h.inTransaction?.(tx, written, drafts);
    return written;
  });
  for (const h of hooks) h.afterCommit?.(rows);
  return rows;
}

/** The removal protocol: onRemove hooks and the delete in one transaction, then afterRemove. */
function commitRemove<D, R>(db: Db, hooks: WriteHook<D, R>[], row: R, remove: (tx: DbOrTx) => void): void {
  db.transaction((tx) => {
    for (const h of hooks) h.onRemove?.(tx, row);
    remove(tx);
  });
  for (const h of hooks) h.afterRemove?.(row);
}

export class VacancyWriter {
  readonly hooks: WriteHook<VacancyDraft, VacancyRow>[] = [];
  constructor(private readonly db: Db) {}

  async create(employerId: string, inputs: CreateVacancy[]): Promise<VacancyRow[]> {
    const drafts: VacancyDraft[] = inputs.map((content) => ({ content, suggestions: null, state: {} }));
    return commitWrite(this.db, this.hooks, drafts, (tx) => drafts.map((d) => insertVacancy(tx, employerId, d.content, d.suggestions, d.screening)));
  }

  /** `state` reaches every hook (an admin's screening decision travels this way, so it commits with the row). */
  async update(current: VacancyRow, patch: UpdateVacancy, state: Record<string, unknown> = {}): Promise<VacancyRow> {
    const content = { ...vacancyContent(current), ...patch } as CreateVacancy;
    const drafts: VacancyDraft[] = [{ content, suggestions: current.suggestions ?? null, state, current }];
    const rows = await commitWrite(this.db, this.hooks, drafts, (tx) => [updateVacancy(tx, current, patch, drafts[0]!.suggestions, drafts[0]!.screening)]);
    return rows[0]!;
  }

  async remove(row: VacancyRow): Promise<void> {
    commitRemove(this.db, this.hooks, row, (tx) => tx.delete(vacancies).where(eq(vacancies.id, row.id)).run());
  }
}

export class CandidateWriter {
  readonly hooks: WriteHook<CandidateDraft, CandidateRow>[] = [];
  constructor(private readonly db: Db) {}

  async put(current: CandidateRow, content: PutCandidate): Promise<CandidateRow> {
    const drafts: CandidateDraft[] = [{ content, previous: current, suggestions: null, state: {} }];
    const rows = await commitWrite(this.db, this.hooks, drafts, (tx) => [putCandidate(tx, current, content, drafts[0]!.suggestions)]);
    return rows[0]!;
  }

  async erase(row: CandidateRow): Promise<void> {
    commitRemove(this.db, this.hooks, row, (tx) => eraseCandidate(tx, row.id));
  }
}
