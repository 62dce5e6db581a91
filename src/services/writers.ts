import type { Db, DbOrTx } from '../db/client.js';
import type { SuggestionRow } from '../db/schema/index.js';
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
}

export interface CandidateDraft {
  content: PutCandidate;
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
    status: row.status,
    lang: row.lang,
    expiresAt: row.expiresAt ?? undefined,
    startDate: row.startDate ?? undefined,
  };
}

async function runPrepare<D, R>(hooks: WriteHook<D, R>[], drafts: D[]): Promise<void> {
  for (const h of hooks) if (h.prepare) await h.prepare(drafts);
}

export class VacancyWriter {
  readonly hooks: WriteHook<VacancyDraft, VacancyRow>[] = [];
  constructor(private readonly db: Db) {}

  async create(employerId: string, inputs: CreateVacancy[]): Promise<VacancyRow[]> {
    const drafts: VacancyDraft[] = inputs.map((content) => ({ content, suggestions: null, state: {} }));
    await runPrepare(this.hooks, drafts);
    const rows = this.db.transaction((tx) => {
      const created = drafts.map((d) => insertVacancy(tx, employerId, d.content, d.suggestions));
      for (const h of this.hooks) h.inTransaction?.(tx, created, drafts);
      return created;
    });
    for (const h of this.hooks) h.afterCommit?.(rows);
    return rows;
  }

  async update(current: VacancyRow, patch: UpdateVacancy): Promise<VacancyRow> {
    const content = { ...vacancyContent(current), ...patch } as CreateVacancy;
    const drafts: VacancyDraft[] = [{ content, suggestions: current.suggestions ?? null, state: {} }];
    await runPrepare(this.hooks, drafts);
    const rows = this.db.transaction((tx) => {
      const updated = [updateVacancy(tx, current, patch, drafts[0]!.suggestions)];
      for (const h of this.hooks) h.inTransaction?.(tx, updated, drafts);
      return updated;
    });
    for (const h of this.hooks) h.afterCommit?.(rows);
    return rows[0]!;
  }

  async remove(row: VacancyRow): Promise<void> {
    this.db.transaction((tx) => {
      for (const h of this.hooks) h.onRemove?.(tx, row);
      tx.delete(vacancies).where(eq(vacancies.id, row.id)).run();
    });
    for (const h of this.hooks) h.afterRemove?.(row);
  }
}

export class CandidateWriter {
  readonly hooks: WriteHook<CandidateDraft, CandidateRow>[] = [];
  constructor(private readonly db: Db) {}

  async put(current: CandidateRow, content: PutCandidate): Promise<CandidateRow> {
    const drafts: CandidateDraft[] = [{ content, suggestions: null, state: {} }];
    await runPrepare(this.hooks, drafts);
    const rows = this.db.transaction((tx) => {
      const updated = [putCandidate(tx, current, content, drafts[0]!.suggestions)];
      for (const h of this.hooks) h.inTransaction?.(tx, updated, drafts);
      return updated;
    });
    for (const h of this.hooks) h.afterCommit?.(rows);
    return rows[0]!;
  }

  async erase(row: CandidateRow): Promise<void> {
    this.db.transaction((tx) => {
      for (const h of this.hooks) h.onRemove?.(tx, row);
      eraseCandidate(tx, row.id);
    });
    for (const h of this.hooks) h.afterRemove?.(row);
  }
}
