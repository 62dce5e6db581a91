import Database from 'better-sqlite3';
import { and, asc, desc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { OpenedDatabase } from '../db/client.js';
import * as schema from '../db/schema/index.js';
import { VectorStore } from '../vector-index/store.js';
import type { Sql } from './sql.js';
import { currentTransactionParticipant, type Storage, type UnitOfWork, type VectorLog } from './storage.js';

const { auditHeads, auditRecords, employers, idempotencyRecords, vacancies } = schema;
type SqliteDb = ReturnType<typeof drizzle<typeof schema>>;

/**
 * The storage port on SQLite (the default back end).
 *
 * Concurrency. better-sqlite3 is synchronous and one connection holds one transaction. A transaction body is async
 * (one service code path for both back ends), so between two of its awaits other requests' code runs. Two rules make
 * that safe:
 * - **Write transactions are serialised** by a queue: `BEGIN IMMEDIATE`, the awaited body, `COMMIT`; the next one
 *   starts only after. A body awaits only its own statements (no embedding, no network: the writers' `prepare` phase
 *   runs before the transaction), so the queue holds for microseconds to milliseconds.
 * - **Autocommit reads (`read`) use a second, read-only connection** on the same file (WAL). Another request's read that
 *   runs while a body is suspended between two statements therefore sees the last committed state, never the open
 *   transaction's rows, and cannot write into it (`query_only`). test/storage.sqlite-concurrency.test.ts checks both.
 * For `:memory:` databases (one connection only) reads share the write connection: tests and tools only.
 * Components that still use the write connection directly (the vector index's own files, forecasts, web sessions)
 * write synchronously, between a body's awaits at worst; they do not read the domain tables a body writes.
 */
export class SqliteStorage implements Storage {
  readonly dialect = 'sqlite' as const;
  readonly read: UnitOfWork;
  private readonly tx: UnitOfWork;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly logs = new Map<string, VectorLog>();
  private readonly reader: Database.Database | null;

  constructor(private readonly opened: OpenedDatabase) {
    const writer = opened.db as unknown as SqliteDb;
    const sqlite = opened.sqlite;
    this.reader = sqlite.memory ? null : new Database(sqlite.name, { readonly: true, fileMustExist: true });
    if (this.reader) {
      this.reader.pragma('busy_timeout = 5000');
      this.reader.pragma('query_only = ON');
    }
    this.tx = this.unitOfWork(writer);
    this.read = this.reader ? this.unitOfWork(drizzle(this.reader, { schema })) : this.tx;
  }

  private unitOfWork(db: SqliteDb): UnitOfWork {
    return {
      dialect: 'sqlite',
      db: db as Sql,
      t: schema,
      rows: async <R>(query: SQL) => db.all(query) as R[],
      lock: async () => undefined,
      employers: {
        insert: async (row) => db.insert(employers).values(row).returning().get(),
        get: async (id) => db.select().from(employers).where(eq(employers.id, id)).get(),
      },
      vacancies: {
        insert: async (row) => db.insert(vacancies).values(row).returning().get(),
        update: async (id, set) => db.update(vacancies).set(set).where(eq(vacancies.id, id)).returning().get(),
        get: async (id) => db.select().from(vacancies).where(eq(vacancies.id, id)).get(),
        remove: async (id) => db.delete(vacancies).where(eq(vacancies.id, id)).run().changes > 0,
      },
      audit: {
        // BEGIN IMMEDIATE took the database's write lock: appends are already serialised.
        lockChain: async () => undefined,
        tip: async () =>
          db.select({ seq: auditRecords.seq, hash: auditRecords.hash }).from(auditRecords).orderBy(desc(auditRecords.seq)).limit(1).get() ??
          db
            .select({ seq: auditHeads.seq, hash: auditHeads.hash })
            .from(auditHeads)
            .where(inArray(auditHeads.kind, ['purge', 'adoption']))
            .orderBy(desc(auditHeads.seq))
            .limit(1)
            .get(),
        insert: async (row) => void db.insert(auditRecords).values(row).run(),
        page: async (afterSeq, limit) => db.select().from(auditRecords).where(gt(auditRecords.seq, afterSeq)).orderBy(asc(auditRecords.seq)).limit(limit).all(),
      },
      idempotency: {
        claim: async (row) => {
          const won = db.insert(idempotencyRecords).values(row).onConflictDoNothing().returning({ key: idempotencyRecords.key }).get();
          if (won) return null;
          return db.select().from(idempotencyRecords).where(and(eq(idempotencyRecords.principal, row.principal), eq(idempotencyRecords.key, row.key))).get() ?? null;
        },
        complete: async (principal, key, reply) =>
          void db.update(idempotencyRecords).set(reply).where(and(eq(idempotencyRecords.principal, principal), eq(idempotencyRecords.key, key))).run(),
        release: async (principal, key) =>
          void db.delete(idempotencyRecords).where(and(eq(idempotencyRecords.principal, principal), eq(idempotencyRecords.key, key), eq(idempotencyRecords.statusCode, 0))).run(),
      },
      // The vector log is the collection's own rows on the write connection (src/vector-index/store.ts).
      vectorLog: (collection) => this.vectorLog(collection),
    };
  }

  private vectorLog(collection: string): VectorLog {
    let log = this.logs.get(collection);
    if (!log) {
      const store = new VectorStore(this.opened.sqlite, collection);
      log = {
        ensureCollection: async (modelId, dims) => void store.ensureCollection(modelId, dims),
        upsert: async (itemId, modelId, dims, vector, attrs) => store.upsert(itemId, modelId, dims, vector, attrs),
        setAttrs: async (itemId, attrs) => store.setAttrs(itemId, attrs),
        delete: async (itemId) => store.delete(itemId),
        lastSeq: async () => store.lastSeq(),
      };
      this.logs.set(collection, log);
    }
    return log;
  }

  transaction<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    // Read when the transaction is asked for (the queue may run it later, from another request's continuation).
    const participant = currentTransactionParticipant();
    const run = async (): Promise<T> => {
      const sqlite = this.opened.sqlite;
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this.tx);
        if (participant) await participant.beforeCommit(this.tx, out);
        sqlite.exec('COMMIT');
        participant?.afterCommit();
        return out;
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw err;
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  async close(): Promise<void> {
    await this.queue;
    this.reader?.close();
    this.opened.close();
  }
}
