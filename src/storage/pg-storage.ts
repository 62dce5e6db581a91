import { and, asc, desc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { withPgTransaction, type OpenedPgDatabase } from '../db/pg/client.js';
import * as pgSchema from '../db/pg/schema/index.js';
import { PgChangeLog, type PgQueryable } from '../replication/pg-change-log.js';
import type { Sql, Tables } from './sql.js';
import { currentTransactionParticipant, type Storage, type UnitOfWork } from './storage.js';

const { auditHeads, auditRecords, employers, idempotencyRecords, vacancies } = pgSchema;

/** The advisory-lock key of the audit chain's single head (any constant; 'pasaudit' in ASCII). */
export const AUDIT_CHAIN_LOCK = 0x7061736175646974n;

/** Deadlocks and serialisation failures: the whole transaction body is run again, a few times. */
const RETRYABLE = new Set(['40001', '40P01']);

/** The repositories on one PostgreSQL connection: the pool (autocommit reads) or a client inside BEGIN … COMMIT. */
function unitOfWork(conn: pg.Pool | pg.PoolClient): UnitOfWork {
  const db = drizzle(conn as pg.Pool, { schema: pgSchema });
  const logs = new Map<string, PgChangeLog>();
  const q = conn as PgQueryable;
  return {
    dialect: 'postgres',
    // Typed as the SQLite builder (one query text for both back ends; see ./sql.ts); the tables are the PG twins.
    db: db as unknown as Sql,
    t: pgSchema as unknown as Tables,
    rows: async <R>(query: SQL) => (await db.execute(query)).rows as R[],
    lock: async (name) => void (await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name])),
    employers: {
      insert: async (row) => (await db.insert(employers).values(row).returning())[0]!,
      get: async (id) => (await db.select().from(employers).where(eq(employers.id, id)))[0],
    },
    vacancies: {
      insert: async (row) => (await db.insert(vacancies).values(row).returning())[0]!,
      update: async (id, set) => (await db.update(vacancies).set(set).where(eq(vacancies.id, id)).returning())[0],
      get: async (id) => (await db.select().from(vacancies).where(eq(vacancies.id, id)))[0],
      remove: async (id) => ((await db.delete(vacancies).where(eq(vacancies.id, id))).rowCount ?? 0) > 0,
    },
    audit: {
      // Released at commit: the next appender's first statement then sees this record (READ COMMITTED).
      lockChain: async () => void (await q.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK.toString()])),
      tip: async () =>
        (await db.select({ seq: auditRecords.seq, hash: auditRecords.hash }).from(auditRecords).orderBy(desc(auditRecords.seq)).limit(1))[0] ??
        (
          await db
            .select({ seq: auditHeads.seq, hash: auditHeads.hash })
            .from(auditHeads)
            .where(inArray(auditHeads.kind, ['purge', 'adoption']))
            .orderBy(desc(auditHeads.seq))
            .limit(1)
        )[0],
      insert: async (row) => void (await db.insert(auditRecords).values(row)),
      page: async (afterSeq, limit) => db.select().from(auditRecords).where(gt(auditRecords.seq, afterSeq)).orderBy(asc(auditRecords.seq)).limit(limit),
    },
    idempotency: {
      // A concurrent claim of the same key waits for the first one's transaction, then does nothing.
      claim: async (row) => {
        const won = await db.insert(idempotencyRecords).values(row).onConflictDoNothing().returning({ key: idempotencyRecords.key });
        if (won.length) return null;
        return (await db.select().from(idempotencyRecords).where(and(eq(idempotencyRecords.principal, row.principal), eq(idempotencyRecords.key, row.key))))[0] ?? null;
      },
      complete: async (principal, key, reply) =>
        void (await db.update(idempotencyRecords).set(reply).where(and(eq(idempotencyRecords.principal, principal), eq(idempotencyRecords.key, key)))),
      release: async (principal, key) =>
        void (await db
          .delete(idempotencyRecords)
          .where(and(eq(idempotencyRecords.principal, principal), eq(idempotencyRecords.key, key), eq(idempotencyRecords.statusCode, 0)))),
    },
    vectorLog(collection) {
      let log = logs.get(collection);
      if (!log) logs.set(collection, (log = new PgChangeLog(collection)));
      const l = log;
      return {
        ensureCollection: (modelId, dims) => l.ensureCollection(q, modelId, dims),
        upsert: (itemId, modelId, dims, vector, attrs) => l.upsert(q, itemId, modelId, dims, vector, attrs),
        setAttrs: (itemId, attrs) => l.setAttrs(q, itemId, attrs),
        delete: (itemId) => l.delete(q, itemId),
        lastSeq: () => l.lastSeq(q),
      };
    },
  };
}

/** The storage port on PostgreSQL: each transaction on its own pooled connection, so transactions run concurrently. */
export class PgStorage implements Storage {
  readonly dialect = 'postgres' as const;
  readonly read: UnitOfWork;

  constructor(private readonly opened: OpenedPgDatabase) {
    this.read = unitOfWork(opened.pool);
  }

  async transaction<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    const participant = currentTransactionParticipant();
    for (let attempt = 1; ; attempt++) {
      try {
        if (!participant) return await withPgTransaction(this.opened.pool, (client) => fn(unitOfWork(client)));
        const out = await withPgTransaction(this.opened.pool, async (client) => {
          const uow = unitOfWork(client);
          const result = await fn(uow);
          await participant.beforeCommit(uow, result);
          return result;
        });
        participant.afterCommit();
        return out;
      } catch (err) {
        // drizzle wraps the driver's error (DrizzleQueryError.cause); raw pg queries do not.
        const e = err as { code?: string; cause?: { code?: string } };
        const code = e.code ?? e.cause?.code;
        if (!code || !RETRYABLE.has(code) || attempt >= 3) throw err;
      }
    }
  }

  async close(): Promise<void> {
    await this.opened.close();
  }
}
