import type { ScreeningRow, SuggestionRow } from '../db/schema/index.js';
import type { CreateVacancy, UpdateVacancy } from '../schemas/vacancy.js';
import type { PutCandidate } from '../schemas/candidate.js';
import { insertVacancy, updateVacancy, type VacancyRow } from './vacancies.js';
import { eraseCandidate, putCandidate, type CandidateRow } from './candidates.js';
import { eq } from 'drizzle-orm';
import type { Storage, UnitOfWork } from '../storage/storage.js';

/**
 * A write in three phases, so components can join it without the routes knowing them:
 * `prepare` runs before the transaction and may be async (taxonomy suggestions, embeddings);
 * `inTransaction` writes alongside the row (e.g. its vector and change sequence) on the transaction's unit of work —
 * it may await only that unit of work's statements (on SQLite the transaction holds the one write connection);
 * `afterCommit` updates memory (and, on PostgreSQL, waits until this replica's collections applied the change).
 */
export interface WriteHook<Draft, Row> {
  name: string;
  /** Run this hook's inTransaction/onRemove after every other hook's (the change log's lock is held until commit). */
  last?: boolean;
  prepare?(drafts: Draft[]): Promise<void> | void;
  inTransaction?(tx: UnitOfWork, rows: Row[], drafts: Draft[]): Promise<void> | void;
  afterCommit?(rows: Row[], drafts: Draft[]): Promise<void> | void;
  onRemove?(tx: UnitOfWork, row: Row, drafts: Draft[]): Promise<void> | void;
  afterRemove?(row: Row, drafts: Draft[]): Promise<void> | void;
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
/** Hooks in transaction order: those marked `last` after the others. */
const inOrder = <D, R>(hooks: WriteHook<D, R>[]): WriteHook<D, R>[] => [...hooks.filter((h) => !h.last), ...hooks.filter((h) => h.last)];

async function commitWrite<D, R>(storage: Storage, hooks: WriteHook<D, R>[], drafts: D[], write: (tx: UnitOfWork) => Promise<R[]>): Promise<R[]> {
  for (const h of hooks) if (h.prepare) await h.prepare(drafts);
  const rows = await storage.transaction(async (tx) => {
    const written = await write(tx);
    for (const h of inOrder(hooks)) if (h.inTransaction) await h.inTransaction(tx, written, drafts);
    return written;
  });
  for (const h of hooks) if (h.afterCommit) await h.afterCommit(rows, drafts);
  return rows;
}

/** The removal protocol: onRemove hooks and the delete in one transaction, then afterRemove. */
async function commitRemove<D, R>(storage: Storage, hooks: WriteHook<D, R>[], row: R, remove: (tx: UnitOfWork) => Promise<void>): Promise<void> {
  // Hooks pass state from onRemove to afterRemove here (e.g. the change sequence to wait for).
  const drafts = [{ state: {} } as unknown as D];
  await storage.transaction(async (tx) => {
    for (const h of inOrder(hooks)) if (h.onRemove && !h.last) await h.onRemove(tx, row, drafts);
    await remove(tx);
    for (const h of hooks) if (h.onRemove && h.last) await h.onRemove(tx, row, drafts);
  });
  for (const h of hooks) if (h.afterRemove) await h.afterRemove(row, drafts);
}

export class VacancyWriter {
  readonly hooks: WriteHook<VacancyDraft, VacancyRow>[] = [];
  constructor(private readonly storage: Storage) {}

  async create(employerId: string, inputs: CreateVacancy[]): Promise<VacancyRow[]> {
    const drafts: VacancyDraft[] = inputs.map((content) => ({ content, suggestions: null, state: {} }));
    return commitWrite(this.storage, this.hooks, drafts, async (tx) => {
      const rows: VacancyRow[] = [];
      for (const d of drafts) rows.push(await insertVacancy(tx, employerId, d.content, d.suggestions, d.screening));
      return rows;
    });
  }

  /** `state` reaches every hook (an admin's screening decision travels this way, so it commits with the row). */
  async update(current: VacancyRow, patch: UpdateVacancy, state: Record<string, unknown> = {}): Promise<VacancyRow> {
    const content = { ...vacancyContent(current), ...patch } as CreateVacancy;
    const drafts: VacancyDraft[] = [{ content, suggestions: current.suggestions ?? null, state, current }];
    const rows = await commitWrite(this.storage, this.hooks, drafts, async (tx) => [await updateVacancy(tx, current, patch, drafts[0]!.suggestions, drafts[0]!.screening)]);
    return rows[0]!;
  }

  async remove(row: VacancyRow): Promise<void> {
    await commitRemove(this.storage, this.hooks, row, async (tx) => void (await tx.db.delete(tx.t.vacancies).where(eq(tx.t.vacancies.id, row.id))));
  }
}

export class CandidateWriter {
  readonly hooks: WriteHook<CandidateDraft, CandidateRow>[] = [];
  constructor(private readonly storage: Storage) {}

  async put(current: CandidateRow, content: PutCandidate): Promise<CandidateRow> {
    const drafts: CandidateDraft[] = [{ content, previous: current, suggestions: null, state: {} }];
    const rows = await commitWrite(this.storage, this.hooks, drafts, async (tx) => [await putCandidate(tx, current, content, drafts[0]!.suggestions)]);
    return rows[0]!;
  }

  async erase(row: CandidateRow): Promise<void> {
    await commitRemove(this.storage, this.hooks, row, async (tx) => void (await eraseCandidate(tx, row.id)));
  }
}
