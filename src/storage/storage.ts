import { AsyncLocalStorage } from 'node:async_hooks';
import type { auditRecords, employers, idempotencyRecords, vacancies } from '../db/schema/index.js';
import type { SQL } from 'drizzle-orm';
import type { Attrs } from '../vector-index/store.js';
import type { SqlHandle } from './sql.js';

/**
 * The storage port (issue 15): what the services need from a database, the same on SQLite and PostgreSQL. Every
 * method is async, so one service body runs on both; each dialect brings its own transaction runner.
 * Row types are the SQLite schema's; the PostgreSQL twins have the same shapes (test/pg.schema-parity.test.ts).
 */
export type VacancyRecord = typeof vacancies.$inferSelect;
export type NewVacancyRecord = typeof vacancies.$inferInsert;
export type EmployerRecord = typeof employers.$inferSelect;
export type NewEmployerRecord = typeof employers.$inferInsert;
export type AuditRecord = typeof auditRecords.$inferSelect;
export type IdempotencyRecord = typeof idempotencyRecords.$inferSelect;

export interface EmployerRepository {
  insert(row: NewEmployerRecord): Promise<EmployerRecord>;
  get(id: string): Promise<EmployerRecord | undefined>;
}

export interface VacancyRepository {
  insert(row: NewVacancyRecord): Promise<VacancyRecord>;
  /** Returns the updated row, or undefined if there is none with this id. */
  update(id: string, set: Partial<NewVacancyRecord>): Promise<VacancyRecord | undefined>;
  get(id: string): Promise<VacancyRecord | undefined>;
  remove(id: string): Promise<boolean>;
}

/** The bias-audit hash chain: one head, so appends from every replica serialise (see services/audit-chain-writer.ts). */
export interface AuditChainRepository {
  /** Hold the chain's append lock until the transaction ends (SQLite: the write transaction already holds it). */
  lockChain(): Promise<void>;
  /** The last record's seq and hash, or, for an empty table, the purge/adoption head it continues from. */
  tip(): Promise<{ seq: number; hash: string } | undefined>;
  insert(row: AuditRecord): Promise<void>;
  /** Records in seq order from `afterSeq`. */
  page(afterSeq: number, limit: number): Promise<AuditRecord[]>;
}

/**
 * Idempotency keys shared by every replica. A claim is a row with statusCode 0 (in progress); the composite primary
 * key (principal, key) makes exactly one of several concurrent claims win, whichever replica they reach.
 */
export interface IdempotencyRepository {
  /** Insert the claim unless a row exists; returns null if this call claimed the key, else the existing row. */
  claim(row: IdempotencyRecord): Promise<IdempotencyRecord | null>;
  /** Store the reply of a claimed request. */
  complete(principal: string, key: string, reply: Pick<IdempotencyRecord, 'statusCode' | 'responseBody' | 'replayable'>): Promise<void>;
  /** Give a claim up (the request failed): the key may be used again. */
  release(principal: string, key: string): Promise<void>;
}

/** A vector collection's change log, written in the caller's transaction; each write returns its change sequence. */
export interface VectorLog {
  /** Create the collection's counter row if it does not exist (the stored model wins if it does). */
  ensureCollection(modelId: string, dims: number): Promise<void>;
  upsert(itemId: string, modelId: string, dims: number, vector: Float32Array, attrs: Attrs | undefined): Promise<number>;
  setAttrs(itemId: string, attrs: Attrs | undefined): Promise<number | null>;
  delete(itemId: string): Promise<number | null>;
  lastSeq(): Promise<number>;
}

/**
 * The repositories bound to one transaction (or, for `Storage.read`, to autocommit reads), and the neutral query
 * handle (`db`, `t`: see ./sql.ts) the services write their queries on.
 */
export interface UnitOfWork extends SqlHandle {
  /**
   * Hold a named lock until the transaction ends, so a read-then-write step runs once at a time across every process
   * (PostgreSQL: an advisory transaction lock; SQLite: the write transaction already holds the database's write lock).
   */
  lock(name: string): Promise<void>;
  /** Raw SQL that returns rows (aggregations): write it for `dialect`. */
  rows<R = Record<string, unknown>>(query: SQL): Promise<R[]>;
  employers: EmployerRepository;
  vacancies: VacancyRepository;
  audit: AuditChainRepository;
  idempotency: IdempotencyRepository;
  vectorLog(collection: string): VectorLog;
}

export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  /** Run `fn` in one transaction: everything it wrote commits together, or nothing does if it throws. */
  transaction<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T>;
  /**
   * Autocommit reads. On SQLite they run on a second, read-only connection (WAL): they never see a write
   * transaction's uncommitted rows and can never write into it; writes go through `transaction`.
   */
  readonly read: UnitOfWork;
  close(): Promise<void>;
}

/**
 * Something that joins every write transaction started inside its async scope (the idempotency plugin: a request's
 * write and the record that it happened commit together, src/plugins/idempotency.ts). Both transaction runners call
 * `beforeCommit` as the transaction's last step (throwing rolls the whole transaction back) and `afterCommit` once it
 * committed. `result` is what the transaction body returned.
 */
export interface TransactionParticipant {
  beforeCommit(uow: UnitOfWork, result: unknown): Promise<void>;
  afterCommit(): void;
}

const participants = new AsyncLocalStorage<TransactionParticipant>();

/** Run `fn` (and everything it starts) with `p` joining its write transactions. */
export function withTransactionParticipant<T>(p: TransactionParticipant, fn: () => T): T {
  return participants.run(p, fn);
}

/** Run `fn` outside any participant's scope (the participant's own bookkeeping transactions). */
export function withoutTransactionParticipant<T>(fn: () => T): T {
  return participants.exit(fn);
}

/** The participant of the caller's scope, read when a transaction is requested. */
export function currentTransactionParticipant(): TransactionParticipant | undefined {
  return participants.getStore();
}
