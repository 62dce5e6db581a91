// Ministry series, refit jobs, served forecasts and platform signals on the storage port (issue 15). On SQLite every
// method calls the synchronous prepared-statement code it always ran (same speed, same behaviour); on PostgreSQL the
// same operations run on the shared database, so every replica sees the same sources, jobs and scorecards.
// Data derived from the release (reference series and their fitted models) stays in each process's SQLite file.
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { newId } from '../ids.js';
import type { Storage, UnitOfWork } from '../storage/storage.js';
import { ENGINE_VERSION } from './engine.js';
import type { SourceModels } from './model-store.js';
import { aggregatePlatformSignals, platformSignals, type PlatformCell, type VacancyRow } from './platform-signals.js';
import { insertQueuedJob, type JobRow } from './refit-jobs.js';
import { computeScorecard, recordServed, referenceActuals, scorecardFor, type Scorecard, type ServedRecordInput } from './scorecard.js';
import type { UserSourceData } from './service.js';
import {
  buildUserSource,
  COUNTRY_OF_SCHEME,
  getUserSource,
  listUserSources,
  readUserSource,
  SourceOwnershipError,
  storeUpload,
  type SeriesLine,
  type UserSourceRow,
} from './user-series.js';

/** One source's new version and the refit job queued for it in the same transaction. */
export type UploadResult = { source: string; uploadId: string; version: number; accepted: number; jobId: string };
export interface SourceListRow extends UserSourceRow {
  n: number;
}

/** Rows per multi-row INSERT on PostgreSQL (6 parameters each, well under the 65,535 limit). */
const CHUNK = 1000;

export class SeriesRepository {
  constructor(
    private readonly storage: Storage,
    /** The process's SQLite file: the system of record on SQLite, the release-derived data on PostgreSQL. */
    private readonly sqlite: Database.Database,
  ) {}

  get onPg(): boolean {
    return this.storage.dialect === 'postgres';
  }

  private rows<R>(q: ReturnType<typeof sql>, uow: UnitOfWork = this.storage.read): Promise<R[]> {
    return uow.rows<R>(q);
  }

  /**
   * Store the lines as a new version of each source they name and queue each version's refit job, in ONE transaction:
   * an upload that was acknowledged always has its job (a crash right after the commit leaves the job queued, and
   * the next start resumes it: RefitQueue.takeOverLocal, PgJobStore.takeOver). The caller enqueues the jobs.
   */
  async storeUpload(ownerKeyId: string, format: string, lineCount: number, good: (SeriesLine & { line: number })[], rejected: number): Promise<UploadResult[]> {
    // Through the storage's write transaction (its own becomes a savepoint), so what joins every write transaction
    // joins this one too: an Idempotency-Key's commit mark (src/plugins/idempotency.ts).
    if (!this.onPg) {
      return this.storage.transaction(async () =>
        storeUpload(this.sqlite, ownerKeyId, format, lineCount, good, rejected).map((u) => {
          const jobId = newId('job');
          insertQueuedJob(this.sqlite, jobId, u.source, u.uploadId, ownerKeyId);
          return { ...u, jobId };
        }),
      );
    }
    const bySource = new Map<string, (SeriesLine & { line: number })[]>();
    for (const g of good) bySource.set(g.source, [...(bySource.get(g.source) ?? []), g]);
    const now = new Date().toISOString();
    return this.storage.transaction(async (uow) => {
      const out: UploadResult[] = [];
      for (const [source, lines] of bySource) {
        // Two uploads of one source on two replicas: the second waits, then takes the next version.
        await uow.lock(`user-source:${source}`);
        const [existing] = await uow.rows<{ owner: string; v: number }>(sql`SELECT owner_key_id AS owner, latest_version AS v FROM user_sources WHERE source = ${source}`);
        if (existing && existing.owner !== ownerKeyId) throw new SourceOwnershipError(source);
        const version = (existing?.v ?? 0) + 1;
        const uploadId = newId('upl');
        if (existing) await uow.rows(sql`UPDATE user_sources SET latest_version = ${version}, updated_at = ${now} WHERE source = ${source}`);
        else await uow.rows(sql`INSERT INTO user_sources (source, owner_key_id, published, latest_version, created_at, updated_at) VALUES (${source}, ${ownerKeyId}, false, ${version}, ${now}, ${now})`);
        await uow.rows(
          sql`INSERT INTO series_uploads (id, source, version, owner_key_id, format, lines, accepted, rejected, created_at) VALUES (${uploadId}, ${source}, ${version}, ${ownerKeyId}, ${format}, ${lineCount}, ${lines.length}, ${rejected}, ${now})`,
        );
        // One row per series and per month (the last line wins within an upload, as on SQLite).
        const series = new Map<string, SeriesLine>();
        const obs = new Map<string, SeriesLine>();
        for (const l of lines) {
          series.set(`${l.code}|${l.region}`, l);
          obs.set(`${l.code}|${l.region}|${l.period}`, l);
        }
        for (const part of chunks([...series.values()])) {
          const values = sql.join(part.map((l) => sql`(${source}, ${l.code}, ${l.region}, ${l.scheme}, ${l.country ?? COUNTRY_OF_SCHEME[l.scheme]!})`), sql`, `);
          await uow.rows(sql`INSERT INTO user_series (source, code, region, scheme, country) VALUES ${values} ON CONFLICT (source, code, region) DO UPDATE SET scheme = excluded.scheme, country = excluded.country`);
        }
        for (const part of chunks([...obs.values()])) {
          const values = sql.join(part.map((l) => sql`(${source}, ${l.code}, ${l.region}, ${l.period}, ${l.value}, ${uploadId})`), sql`, `);
          await uow.rows(
            sql`INSERT INTO user_series_observations (source, code, region, period, value, upload_id) VALUES ${values} ON CONFLICT (source, code, region, period) DO UPDATE SET value = excluded.value, upload_id = excluded.upload_id`,
          );
        }
        const jobId = newId('job');
        await uow.rows(
          sql`INSERT INTO forecast_jobs (id, source, upload_id, owner_key_id, status, progress, stage, created_at, heartbeat_at) VALUES (${jobId}, ${source}, ${uploadId}, ${ownerKeyId}, 'queued', 0, 'queued', ${now}, ${now})`,
        );
        out.push({ source, uploadId, version, accepted: lines.length, jobId });
      }
      return out;
    });
  }

  async getUserSource(source: string): Promise<UserSourceRow | undefined> {
    if (!this.onPg) return getUserSource(this.sqlite, source);
    const [row] = await this.rows<{ source: string; owner_key_id: string; published: boolean; latest_version: number }>(
      sql`SELECT source, owner_key_id, published, latest_version FROM user_sources WHERE source = ${source}`,
    );
    return row ? { ...row, published: row.published ? 1 : 0 } : undefined;
  }

  /** Every source with its number of series. */
  async listSources(): Promise<SourceListRow[]> {
    const q = 'SELECT s.source, s.owner_key_id, s.published, s.latest_version, (SELECT count(*) FROM user_series u WHERE u.source = s.source) AS n FROM user_sources s ORDER BY s.source';
    if (!this.onPg) return this.sqlite.prepare(q).all() as SourceListRow[];
    const rows = await this.rows<{ source: string; owner_key_id: string; published: boolean; latest_version: number; n: string | number }>(sql.raw(q));
    return rows.map((r) => ({ ...r, published: r.published ? 1 : 0, n: Number(r.n) }));
  }

  async setPublished(source: string, published: boolean): Promise<number> {
    const now = new Date().toISOString();
    if (!this.onPg) {
      // Through the storage's write queue: a bare UPDATE on the write connection could land inside another request's
      // open transaction and be acknowledged before (or lost with) it.
      await this.storage.transaction(async () => void this.sqlite.prepare('UPDATE user_sources SET published = ?, updated_at = ? WHERE source = ?').run(published ? 1 : 0, now, source));
      return (this.sqlite.prepare('SELECT count(*) AS n FROM user_series WHERE source = ?').get(source) as { n: number }).n;
    }
    await this.storage.transaction((uow) => uow.rows(sql`UPDATE user_sources SET published = ${published}, updated_at = ${now} WHERE source = ${source}`));
    const [row] = await this.rows<{ n: string | number }>(sql`SELECT count(*) AS n FROM user_series WHERE source = ${source}`);
    return Number(row?.n ?? 0);
  }

  async listUserSourceNames(): Promise<string[]> {
    if (!this.onPg) return listUserSources(this.sqlite);
    return (await this.rows<{ source: string }>(sql`SELECT source FROM user_sources ORDER BY source`)).map((r) => r.source);
  }

  async readUserSource(source: string): Promise<Omit<UserSourceData, 'models'>> {
    if (!this.onPg) return readUserSource(this.sqlite, source);
    const row = await this.getUserSource(source);
    const meta = await this.rows<{ code: string; region: string; scheme: string; country: string }>(sql`SELECT code, region, scheme, country FROM user_series WHERE source = ${source} ORDER BY code, region`);
    const obs = await this.rows<{ code: string; region: string; period: string; value: number }>(
      sql`SELECT code, region, period, value FROM user_series_observations WHERE source = ${source} ORDER BY code, region, period`,
    );
    return buildUserSource(source, row, meta as Parameters<typeof buildUserSource>[2], obs.map((o) => ({ ...o, value: Number(o.value) })));
  }

  /** The stored models of a source for a data version (this engine version), or null. */
  async latestRun(source: string, dataVersion: string): Promise<SourceModels | null> {
    const q = 'SELECT models FROM forecast_runs WHERE source = ? AND data_version = ? AND engine_version = ? ORDER BY created_at DESC LIMIT 1';
    if (!this.onPg) {
      const row = this.sqlite.prepare(q).get(source, dataVersion, ENGINE_VERSION) as { models: string } | undefined;
      return row ? (JSON.parse(row.models) as SourceModels) : null;
    }
    const [row] = await this.rows<{ models: string }>(
      sql`SELECT models FROM forecast_runs WHERE source = ${source} AND data_version = ${dataVersion} AND engine_version = ${ENGINE_VERSION} ORDER BY created_at DESC LIMIT 1`,
    );
    return row ? (JSON.parse(row.models) as SourceModels) : null;
  }

  /** The latest job of a source (reference sources' jobs live in the process's SQLite file on either back end). */
  async latestJob(source: string, reference: boolean): Promise<Record<string, unknown> | undefined> {
    if (!this.onPg || reference) {
      return this.sqlite.prepare('SELECT id, status, progress, stage FROM forecast_jobs WHERE source = ? ORDER BY created_at DESC LIMIT 1').get(source) as Record<string, unknown> | undefined;
    }
    const [row] = await this.rows<Record<string, unknown>>(sql`SELECT id, status, progress, stage FROM forecast_jobs WHERE source = ${source} ORDER BY created_at DESC LIMIT 1`);
    return row;
  }

  async recordServed(rows: readonly ServedRecordInput[]): Promise<number> {
    if (!this.onPg) return recordServed(this.sqlite, rows);
    if (rows.length === 0) return 0;
    const now = new Date().toISOString();
    let n = 0;
    for (const part of chunks(rows)) {
      const values = sql.join(
        part.map((r) => sql`(${r.source}, ${r.code}, ${r.region}, ${r.origin}, ${r.model}, ${r.dataVersion}, ${JSON.stringify(r.forecast)}, ${r.lastValue}, ${JSON.stringify(r.lastYear)}, ${r.scale}, ${now})`),
        sql`, `,
      );
      const inserted = await this.storage.transaction((uow) =>
        uow.rows<{ id: number }>(
          sql`INSERT INTO served_forecasts (source, code, region, origin, model, data_version, points, last_value, last_year, scale, served_at) VALUES ${values} ON CONFLICT DO NOTHING RETURNING id`,
        ),
      );
      n += inserted.length;
    }
    return n;
  }

  async scorecard(source: string): Promise<Scorecard> {
    if (!this.onPg) return scorecardFor(this.sqlite, source);
    const reference = source === 'ivi' || source === 'jolts';
    const stored = await this.rows<{ code: string; region: string; origin: string; points: string; last_value: number; last_year: string; scale: number }>(
      sql`SELECT code, region, origin, points, last_value, last_year, scale FROM served_forecasts WHERE source = ${source} ORDER BY origin, code, region`,
    );
    // Reference actuals come from the release (each process's SQLite file); a ministry's from PostgreSQL.
    const actuals = new Map<string, Map<string, number>>();
    if (!reference) {
      const obs = await this.rows<{ code: string; region: string; period: string; value: number }>(sql`SELECT code, region, period, value FROM user_series_observations WHERE source = ${source}`);
      for (const o of obs) {
        const k = `${o.code}|${o.region}`;
        const m = actuals.get(k) ?? new Map<string, number>();
        m.set(o.period, Number(o.value));
        actuals.set(k, m);
      }
    }
    return computeScorecard(stored, source, (code, region) => (reference ? referenceActuals(this.sqlite, source, code, region) : (actuals.get(`${code}|${region}`) ?? new Map())));
  }

  /** Platform signals: aggregated in the service from the system of record's vacancies and consenting candidates. */
  async platformCells(k: number, only: { country?: string; isco?: string }): Promise<Database.Database | PlatformCell[]> {
    if (!this.onPg) return this.sqlite;
    const country = only.country ? sql` AND country = ${only.country}` : sql``;
    const isco = only.isco ? sql` AND substr(occupation_isco, 1, 4) = ${only.isco}` : sql``;
    const rows = await this.rows<VacancyRow>(
      sql`SELECT substr(occupation_isco, 1, 4) AS isco, country, region, status, coalesce(opened_at, created_at) AS opened, closed_at AS closed FROM vacancies WHERE occupation_isco IS NOT NULL AND status <> 'draft'${country}${isco}`,
    );
    const candidates = await this.rows<{ isco: string; destinations: string[] }>(
      sql`SELECT substr(occupation_isco, 1, 4) AS isco, destinations FROM candidates WHERE consent_matching AND occupation_isco IS NOT NULL${isco}`,
    );
    return aggregatePlatformSignals(rows, candidates, k);
  }

  /** The ISCO unit of an ESCO occupation, through the vacancies that carry both. */
  async iscoOfEsco(esco: string): Promise<string | undefined> {
    if (!this.onPg) {
      return (this.sqlite.prepare('SELECT occupation_isco AS isco FROM vacancies WHERE occupation_esco = ? AND occupation_isco IS NOT NULL LIMIT 1').get(esco) as { isco: string } | undefined)?.isco;
    }
    const [row] = await this.rows<{ isco: string }>(sql`SELECT occupation_isco AS isco FROM vacancies WHERE occupation_esco = ${esco} AND occupation_isco IS NOT NULL LIMIT 1`);
    return row?.isco;
  }
}

/** Jobs of ministry sources in PostgreSQL: any replica reads their progress; a job is claimed once. */
export class PgJobStore {
  constructor(private readonly storage: Storage) {}

  async create(source: string, uploadId: string | null, ownerKeyId: string | null): Promise<string> {
    const id = newId('job');
    const now = new Date().toISOString();
    await this.storage.transaction((uow) =>
      uow.rows(sql`INSERT INTO forecast_jobs (id, source, upload_id, owner_key_id, status, progress, stage, created_at, heartbeat_at) VALUES (${id}, ${source}, ${uploadId}, ${ownerKeyId}, 'queued', 0, 'queued', ${now}, ${now})`),
    );
    return id;
  }

  async get(id: string): Promise<JobRow | undefined> {
    const [row] = await this.storage.read.rows<JobRow>(sql`SELECT * FROM forecast_jobs WHERE id = ${id}`);
    return row ? { ...row, progress: Number(row.progress), attempts: Number(row.attempts) } : undefined;
  }

  /** Take a queued job: true for exactly one caller, whichever replica it runs on. */
  async claim(id: string): Promise<boolean> {
    const now = new Date().toISOString();
    const rows = await this.storage.transaction((uow) =>
      uow.rows(
        sql`UPDATE forecast_jobs SET status = 'running', progress = 0, stage = 'reading series', started_at = ${now}, heartbeat_at = ${now}, attempts = attempts + 1 WHERE id = ${id} AND status = 'queued' RETURNING id`,
      ),
    );
    return rows.length === 1;
  }

  async progress(id: string, share: number, stage: string): Promise<void> {
    await this.storage.transaction((uow) => uow.rows(sql`UPDATE forecast_jobs SET progress = ${share}, stage = ${stage} WHERE id = ${id} AND status = 'running'`));
  }

  /** Store the run and mark the job done, in one transaction. */
  async finish(id: string, source: string, dataVersion: string, models: SourceModels, series: number): Promise<string> {
    const runId = newId('run');
    const now = new Date().toISOString();
    await this.storage.transaction(async (uow) => {
      await uow.rows(
        sql`INSERT INTO forecast_runs (id, source, data_version, engine_version, models, series, ms, created_at) VALUES (${runId}, ${source}, ${dataVersion}, ${models.engineVersion}, ${JSON.stringify(models)}, ${series}, ${Math.round(models.accuracy?.ms ?? 0)}, ${now})
            ON CONFLICT (source, data_version, engine_version) DO UPDATE SET id = excluded.id, models = excluded.models, series = excluded.series, ms = excluded.ms, created_at = excluded.created_at`,
      );
      await uow.rows(sql`UPDATE forecast_jobs SET status = 'done', progress = 1, stage = 'done', error = NULL, run_id = ${runId}, finished_at = ${now} WHERE id = ${id}`);
    });
    return runId;
  }

  async fail(id: string, message: string): Promise<void> {
    const now = new Date().toISOString();
    await this.storage.transaction((uow) => uow.rows(sql`UPDATE forecast_jobs SET status = 'failed', progress = 0, stage = 'failed', error = ${message.slice(0, 500)}, finished_at = ${now} WHERE id = ${id}`));
  }

  /**
   * A queued or running job of this source whose lease is alive exists (so a starting replica does not queue a second
   * one). A job whose lease ran out belongs to a stopped replica: `takeOver` resumes it.
   */
  async pending(source: string, leaseCutoff: string): Promise<boolean> {
    const rows = await this.storage.read.rows(
      sql`SELECT id FROM forecast_jobs WHERE source = ${source} AND status IN ('queued', 'running') AND coalesce(heartbeat_at, created_at) >= ${leaseCutoff} LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** Renew the lease of the jobs this replica holds (never a finished job's). */
  async heartbeat(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const now = new Date().toISOString();
    await this.storage.transaction((uow) =>
      uow.rows(sql`UPDATE forecast_jobs SET heartbeat_at = ${now} WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) AND status IN ('queued', 'running')`),
    );
  }

  /**
   * Take the jobs whose replica stopped (lease older than the cutoff) back to queued, with a fresh lease, and return
   * them to be resumed here under the same id. One UPDATE: a job is taken by exactly one of several sweeping replicas
   * (the second waits for the first's row lock, then no longer matches the cutoff).
   */
  async takeOver(leaseCutoff: string): Promise<{ id: string; source: string }[]> {
    const now = new Date().toISOString();
    return this.storage.transaction((uow) =>
      uow.rows<{ id: string; source: string }>(
        sql`UPDATE forecast_jobs SET status = 'queued', progress = 0, stage = 'queued', heartbeat_at = ${now} WHERE status IN ('queued', 'running') AND coalesce(heartbeat_at, created_at) < ${leaseCutoff} RETURNING id, source`,
      ),
    );
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

