import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import type { OpenedDatabase } from '../db/client.js';
import { auditHeads, auditRecords, employers, idempotencyRecords, vacancies } from '../db/schema/index.js';
import { VectorStore } from '../vector-index/store.js';
import type { Storage, UnitOfWork, VectorLog } from './storage.js';

/**
 * The storage port on SQLite. better-sqlite3 is synchronous, so repository methods finish before they return; the
 * runner opens `BEGIN IMMEDIATE`, awaits the body, then commits. Runner transactions queue behind each other (one
 * connection holds one transaction). Caveat while the port is partial: a synchronous `db.transaction()` elsewhere
 * in the process that ran while a runner transaction awaits would nest into it as a savepoint; a body that awaits
 * only repository calls never yields to other work (their promises are already settled), so nothing runs in between.
 */
export class SqliteStorage implements Storage {
  readonly dialect = 'sqlite' as const;
  readonly read: UnitOfWork;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly logs = new Map<string, VectorLog>();

  constructor(private readonly opened: OpenedDatabase) {
    const db = opened.db;
    this.read = {
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
    const run = async (): Promise<T> => {
      const sqlite = this.opened.sqlite;
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this.read);
        sqlite.exec('COMMIT');
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
    this.opened.close();
  }
}
