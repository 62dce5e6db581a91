import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import * as sqliteSchema from '../src/db/schema/index.js';
import * as pgSchema from '../src/db/pg/schema/index.js';
import { openDatabase } from '../src/db/client.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';

/**
 * One schema, two dialects (issue 15): every SQLite table has a PostgreSQL twin with the same columns, nullability,
 * defaults, enums, keys, indexes and foreign keys, types mapped one way only. Then the same against the databases the
 * committed migrations build, so a schema edit without `npm run db:generate:pg` fails here too.
 */

// SQLite column type → the PostgreSQL column type its twin must have.
const TYPE_MAP: Record<string, string> = {
  SQLiteText: 'text',
  SQLiteTextJson: 'jsonb',
  SQLiteInteger: 'integer',
  SQLiteBoolean: 'boolean',
  SQLiteReal: 'double precision',
  SQLiteBlobBuffer: 'bytea',
};
// Integers that are wider than PostgreSQL's int4: uint32 labels and the change sequences (SQLite integers are 64-bit).
const WIDENED = new Set(['vector_collections.last_seq', 'vector_collections.next_label', 'vector_items.label', 'vector_items.seq', 'vector_free_labels.label', 'vacancy_changes.seq', 'vacancy_row_changes.seq']);

interface ColumnShape {
  type: string;
  notNull: boolean;
  primary: boolean;
  unique: boolean;
  default: string | undefined;
  enumValues: string[] | undefined;
  identity: boolean;
}
interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKeys: string[][];
  indexes: Record<string, { unique: boolean; columns: string[] }>;
  foreignKeys: string[];
}

const names = (cols: { name: string }[]): string[] => cols.map((c) => c.name);

function sqliteTables(): Record<string, TableShape> {
  const out: Record<string, TableShape> = {};
  for (const t of Object.values(sqliteSchema)) {
    if (!is(t, SQLiteTable)) continue;
    const cfg = sqliteConfig(t);
    const columns: Record<string, ColumnShape> = {};
    for (const c of cfg.columns) {
      const key = `${cfg.name}.${c.name}`;
      const mapped = TYPE_MAP[c.columnType];
      if (!mapped) throw new Error(`no PostgreSQL mapping for ${c.columnType} (${key})`);
      columns[c.name] = {
        type: WIDENED.has(key) ? 'bigint' : mapped,
        notNull: c.notNull,
        primary: c.primary,
        unique: c.isUnique,
        default: c.default === undefined ? undefined : JSON.stringify(c.default),
        enumValues: c.enumValues,
        identity: (c as unknown as { autoIncrement?: boolean }).autoIncrement === true,
      };
    }
    out[cfg.name] = {
      columns,
      primaryKeys: cfg.primaryKeys.map((pk) => names(pk.columns)),
      indexes: Object.fromEntries(cfg.indexes.map((i) => [i.config.name, { unique: i.config.unique, columns: names(i.config.columns as { name: string }[]) }])),
      foreignKeys: cfg.foreignKeys
        .map((fk) => {
          const r = fk.reference();
          return `${names(r.columns)} -> ${getTableName(r.foreignTable)}(${names(r.foreignColumns)}) on delete ${fk.onDelete ?? 'no action'}`;
        })
        .sort(),
    };
  }
  return out;
}

function pgTables(): Record<string, TableShape> {
  const out: Record<string, TableShape> = {};
  for (const t of Object.values(pgSchema)) {
    if (!is(t, PgTable)) continue;
    const cfg = pgConfig(t);
    const columns: Record<string, ColumnShape> = {};
    for (const c of cfg.columns) {
      columns[c.name] = {
        type: c.getSQLType(),
        notNull: c.notNull,
        primary: c.primary,
        unique: c.isUnique,
        default: c.default === undefined ? undefined : JSON.stringify(c.default),
        enumValues: c.enumValues,
        identity: c.generatedIdentity !== undefined,
      };
    }
    out[cfg.name] = {
      columns,
      primaryKeys: cfg.primaryKeys.map((pk) => names(pk.columns)),
      indexes: Object.fromEntries(cfg.indexes.map((i) => [i.config.name!, { unique: i.config.unique, columns: names(i.config.columns as { name: string }[]) }])),
      foreignKeys: cfg.foreignKeys
        .map((fk) => {
          const r = fk.reference();
          return `${names(r.columns)} -> ${getTableName(r.foreignTable)}(${names(r.foreignColumns)}) on delete ${fk.onDelete ?? 'no action'}`;
        })
        .sort(),
    };
  }
  return out;
}

describe('schema parity: drizzle definitions', () => {
  const lite = sqliteTables();
  const pg = pgTables();

  it('every table exists in both dialects', () => {
    expect(Object.keys(lite).length).toBeGreaterThan(20);
    expect(Object.keys(pg).sort()).toEqual(Object.keys(lite).sort());
  });

  for (const table of Object.keys(lite).sort()) {
    it(`${table}: columns, keys, indexes and foreign keys agree`, () => {
      const a = lite[table]!;
      const b = pg[table];
      expect(b, `no PostgreSQL table ${table}`).toBeDefined();
      expect(Object.keys(b!.columns), `${table} column names and order`).toEqual(Object.keys(a.columns));
      for (const col of Object.keys(a.columns)) expect(b!.columns[col], `${table}.${col}`).toEqual(a.columns[col]);
      expect(b!.primaryKeys, `${table} composite primary key`).toEqual(a.primaryKeys);
      expect(b!.indexes, `${table} indexes`).toEqual(a.indexes);
      expect(b!.foreignKeys, `${table} foreign keys`).toEqual(a.foreignKeys);
    });
  }

  it('the comparison can fail: a changed nullability or a missing index is seen', () => {
    const a = lite['vacancies']!;
    const b = structuredClone(pg['vacancies']!);
    b.columns['region']!.notNull = true;
    expect(b.columns['region']).not.toEqual(a.columns['region']);
    delete b.indexes['vacancies_employer_idx'];
    expect(b.indexes).not.toEqual(a.indexes);
  });
});

const hasPg = await pgAvailable('pg.schema-parity.test.ts');

describe.skipIf(!hasPg)('schema parity: databases built by the committed migrations', () => {
  let pgDb: ScratchPgDatabase;
  const lite = openDatabase(':memory:');
  beforeAll(async () => {
    pgDb = await scratchPgDatabase();
  });
  afterAll(async () => {
    lite.close();
    await pgDb?.drop();
  });

  const PG_TYPE: Record<string, string> = { text: 'TEXT', integer: 'INTEGER', bigint: 'INTEGER', boolean: 'INTEGER', 'double precision': 'REAL', jsonb: 'TEXT', bytea: 'BLOB' };

  it('same tables, columns, SQL types (mapped), nullability and primary keys as the SQLite migrations', async () => {
    const liteTables = (lite.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const { rows: pgTablesRows } = await pgDb.pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name");
    // PostgreSQL only, by design: rate-limit counters shared by replicas (one SQLite process keeps them in memory).
    const PG_ONLY = ['embedding_erasures', 'rate_limit_counters'];
    expect(pgTablesRows.map((r) => r.table_name).filter((t) => !PG_ONLY.includes(t))).toEqual(liteTables);
    expect(pgTablesRows.map((r) => r.table_name)).toEqual(expect.arrayContaining(PG_ONLY));
    for (const table of liteTables) {
      const liteCols = (lite.sqlite.prepare(`SELECT name, type, "notnull" AS nn, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string; type: string; nn: number; pk: number }[]).map((c) => ({ name: c.name, type: c.type.toUpperCase(), notNull: c.nn === 1 || c.pk > 0, pk: c.pk > 0 }));
      const { rows } = await pgDb.pool.query<{ column_name: string; data_type: string; is_nullable: string; pk: boolean }>(
        `SELECT c.column_name, c.data_type, c.is_nullable,
                EXISTS (SELECT 1 FROM information_schema.key_column_usage k JOIN information_schema.table_constraints tc
                          ON tc.constraint_name = k.constraint_name AND tc.table_name = k.table_name
                         WHERE tc.constraint_type = 'PRIMARY KEY' AND k.table_name = c.table_name AND k.column_name = c.column_name) AS pk
           FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = $1 ORDER BY c.ordinal_position`,
        [table],
      );
      const pgCols = rows.map((r) => ({ name: r.column_name, type: PG_TYPE[r.data_type] ?? r.data_type, notNull: r.is_nullable === 'NO', pk: r.pk }));
      // Columns added later by ALTER TABLE sit at the end on SQLite: compare by name, not position.
      const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
      expect(pgCols.sort(byName), `live table ${table}`).toEqual(liteCols.sort(byName));
    }
  });

  it('the same unique constraints (beyond primary keys) on both', async () => {
    const liteIdx = (
      lite.sqlite
        .prepare(
          `SELECT m.name AS tbl, group_concat(ii.name, ',') AS cols FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii
            WHERE m.type = 'table' AND m.name NOT LIKE '__drizzle%' AND il."unique" = 1 AND il.origin <> 'pk' GROUP BY m.name, il.name`,
        )
        .all() as { tbl: string; cols: string }[]
    )
      .map((r) => `${r.tbl}(${r.cols})`)
      .sort();
    const { rows } = await pgDb.pool.query<{ k: string }>(
      `SELECT t.relname || '(' || string_agg(a.attname, ',' ORDER BY k.ord) || ')' AS k
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE n.nspname = 'public' AND i.indisunique AND NOT i.indisprimary
        GROUP BY t.relname, i.indexrelid`,
    );
    const pgIdx = rows.map((r) => r.k).sort();
    expect(pgIdx.length).toBeGreaterThanOrEqual(7);
    expect(pgIdx).toEqual(liteIdx);
  });

  it('the audit log guards hold on PostgreSQL as on SQLite: no update, no delete without a permit or inside retention', async () => {
    const q = (sql: string, params: unknown[] = []) => pgDb.pool.query(sql, params);
    const insert = (id: string, createdAt: string) =>
      q(
        `INSERT INTO audit_records (id, created_at, actor_role, kind, model_id, index_version, weights_version, input_hash, candidate_set_size, removed, results, prev_hash, hash)
         VALUES ($1, $2, 'admin', 'adhoc-query', 'm', 'i', 'w', 'h', 0, '{}', '[]', 'p', 'h')`,
        [id, createdAt],
      );
    const old = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await insert('audit_old', old);
    await insert('audit_recent', recent);
    await expect(q("UPDATE audit_records SET hash = 'x' WHERE id = 'audit_old'")).rejects.toThrow(/append-only/);
    await expect(q("DELETE FROM audit_records WHERE id = 'audit_old'")).rejects.toThrow(/append-only/);
    await expect(q('TRUNCATE audit_records CASCADE')).rejects.toThrow(/append-only/);
    await q('INSERT INTO audit_purge_permits (id) VALUES (1)');
    await expect(q("DELETE FROM audit_records WHERE id = 'audit_recent'")).rejects.toThrow(/183-day/);
    await q("DELETE FROM audit_records WHERE id = 'audit_old'");
    const { rows } = await q('SELECT id FROM audit_records ORDER BY id');
    expect(rows).toEqual([{ id: 'audit_recent' }]);
    await q(`INSERT INTO audit_heads (kind, seq, hash, created_at, statement, key_id, signature) VALUES ('manual', 1, 'h', $1, 's', 'k', 'sig')`, [recent]);
    await expect(q("UPDATE audit_heads SET hash = 'x'")).rejects.toThrow(/append-only/);
    await expect(q('DELETE FROM audit_heads')).rejects.toThrow(/append-only/);
  });
});
