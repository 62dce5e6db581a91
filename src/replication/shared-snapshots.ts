import { promises as fsp, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { VectorCollection } from '../vector-index/collection.js';
import { fileCrc32, fsyncPath, fsyncPathAsync, metaPath, type SnapshotMeta } from '../vector-index/snapshot.js';

/**
 * Snapshots shared between replicas (issue 15). A replica publishes, per collection, a directory
 *   <shared>/<collection>/<seq>-<replica>-<time>/ { rows.sqlite, <collection>.meta.json, <graph>.hnsw, <maps>.json, manifest.json }
 * and then points `<shared>/<collection>/latest.json` at it (write to a temp file, fsync, rename: the commit point).
 * The graph is the collection's own verified snapshot at seq S; rows.sqlite is an online backup of the replica's rows
 * file taken after it, so it holds every change up to some S' ≥ S (the follower writes through the same connection, so
 * the backup is one consistent state). A new replica copies both, opens the collection from them (the graph's CRC is
 * checked on open, the rows file's here), replays S..S' from the rows file and the log after S' from PostgreSQL.
 *
 * Object storage slots in at the two functions below: publish = upload the files, then the manifest, then overwrite
 * `latest.json` (a single-object PUT is atomic on S3/GCS/Azure); fetch = read `latest.json`, download the files it
 * names, check sizes and CRCs against the manifest. Nothing else changes (docs/scale-out.md).
 */
export interface SharedManifest {
  collection: string;
  /** The graph's seq: every change ≤ seq is in the graph or the rows. */
  seq: number;
  /** The rows file's last seq (≥ seq). */
  rowsSeq: number;
  replica: string;
  /** The change log the snapshot was made from (database and collection row), or null if unknown. */
  origin: string | null;
  createdAt: string;
  dir: string;
  files: { name: string; size: number; crc32: number }[];
}

export const LATEST = 'latest.json';

const collectionDir = (shared: string, collection: string) => join(shared, collection);

/** Hard-link when possible (instant, and immune to the source being replaced by the next local snapshot), else copy. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await fsp.link(from, to);
  } catch {
    await fsp.copyFile(from, to);
  }
}

export async function readLatest(shared: string, collection: string): Promise<SharedManifest | null> {
  try {
    return JSON.parse(await fsp.readFile(join(collectionDir(shared, collection), LATEST), 'utf8')) as SharedManifest;
  } catch {
    return null;
  }
}

/**
 * Publish this replica's collection to the shared directory: a fresh local snapshot, an online backup of its rows
 * file, a manifest, then `latest.json`. Older published directories are removed once no longer latest and older than
 * `keepMs` (a replica may still be copying one).
 */
export async function publishSnapshot(
  collection: VectorCollection,
  sqlite: Database.Database,
  localIndexDir: string,
  shared: string,
  replicaId: string,
  origin: string | null,
  keepMs = 10 * 60_000,
): Promise<SharedManifest | null> {
  const meta = await collection.snapshot();
  if (!meta) return null;
  const base = collectionDir(shared, collection.name);
  await fsp.mkdir(base, { recursive: true });
  const tmp = join(base, `.tmp-${replicaId}-${randomBytes(4).toString('hex')}`);
  await fsp.mkdir(tmp);
  try {
    // The local snapshot files as of `meta` (the next local snapshot may replace them: link or copy them first).
    const local = JSON.parse(await fsp.readFile(metaPath(localIndexDir, collection.name), 'utf8')) as SnapshotMeta;
    if (local.file !== meta.file) throw new Error('the local snapshot changed while it was being published; retry later');
    const names = [meta.file, ...(meta.rows ? [meta.rows.mapsFile] : [])];
    for (const n of names) await linkOrCopy(join(localIndexDir, n), join(tmp, n));
    await fsp.writeFile(join(tmp, `${collection.name}.meta.json`), JSON.stringify(local));
    // Online backup through the follower's own connection: one consistent state with every change up to rowsSeq ≥ meta.seq.
    await sqlite.backup(join(tmp, 'rows.sqlite'));
    const rowsSeq = (sqlite.prepare('SELECT last_seq FROM vector_collections WHERE name = ?').pluck().get(collection.name) as number | undefined) ?? 0;
    const files: SharedManifest['files'] = [];
    for (const n of [...names, `${collection.name}.meta.json`, 'rows.sqlite']) {
      await fsyncPathAsync(join(tmp, n));
      const { crc, size } = await fileCrc32(join(tmp, n));
      files.push({ name: n, size, crc32: crc });
    }
    const dirName = `${String(meta.seq).padStart(12, '0')}-${replicaId}-${Date.now().toString(36)}`;
    const manifest: SharedManifest = {
      collection: collection.name,
      seq: meta.seq,
      rowsSeq,
      replica: replicaId,
      origin,
      createdAt: new Date().toISOString(),
      dir: dirName,
      files,
    };
    await fsp.writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest));
    fsyncPath(join(tmp, 'manifest.json'));
    fsyncPath(tmp);
    await fsp.rename(tmp, join(base, dirName));
    // Never move latest.json backwards (two replicas publishing at once).
    const prev = await readLatest(shared, collection.name);
    if (!prev || prev.seq <= manifest.seq) {
      const latestTmp = join(base, `${LATEST}.${replicaId}.tmp`);
      await fsp.writeFile(latestTmp, JSON.stringify(manifest));
      fsyncPath(latestTmp);
      await fsp.rename(latestTmp, join(base, LATEST));
      fsyncPath(base);
    }
    await prune(base, keepMs);
    return manifest;
  } catch (err) {
    await fsp.rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function prune(base: string, keepMs: number): Promise<void> {
  const latest = await readLatest(dirname(base), basename(base));
  for (const name of await fsp.readdir(base)) {
    if (name === LATEST || name === latest?.dir || name.endsWith('.tmp')) continue;
    const p = join(base, name);
    const st = await fsp.stat(p).catch(() => null);
    if (!st?.isDirectory()) continue;
    if (Date.now() - st.mtimeMs > keepMs) await fsp.rm(p, { recursive: true, force: true });
  }
}

/**
 * Bootstrap a replica's local files from the latest shared snapshot: copies the rows file to `rowsPath` and the graph
 * files to `indexDir`, checking each file's size and CRC against the manifest. Returns the manifest, or null when
 * there is nothing (usable) to start from; then the replica replays the whole log from PostgreSQL.
 */
export async function fetchLatestSnapshot(
  shared: string,
  collection: string,
  rowsPath: string,
  indexDir: string,
  log?: (obj: Record<string, unknown>, msg: string) => void,
  origin: string | null = null,
): Promise<SharedManifest | null> {
  if (existsSync(rowsPath)) return null;
  const m = await readLatest(shared, collection);
  if (!m) return null;
  // A snapshot of another change log (another database) would resume at sequences that mean other changes.
  if (origin && m.origin !== origin) {
    log?.({ collection, snapshot: m.origin, log: origin }, 'shared snapshot comes from another change log; replaying the whole log');
    return null;
  }
  const src = join(collectionDir(shared, collection), m.dir);
  const staging = `${rowsPath}.fetch-${randomBytes(4).toString('hex')}`;
  await fsp.mkdir(staging, { recursive: true });
  try {
    for (const f of m.files) {
      await fsp.copyFile(join(src, f.name), join(staging, f.name));
      const got = await fileCrc32(join(staging, f.name));
      if (got.size !== f.size || got.crc !== f.crc32) throw new Error(`${f.name}: size/CRC mismatch with the manifest`);
    }
    await fsp.mkdir(indexDir, { recursive: true });
    for (const f of m.files) {
      if (f.name === 'rows.sqlite') continue;
      await fsp.rename(join(staging, f.name), join(indexDir, f.name));
    }
    // The rows file last: its presence is what marks the bootstrap as done.
    await fsp.rename(join(staging, 'rows.sqlite'), rowsPath);
    return m;
  } catch (err) {
    log?.({ collection, dir: m.dir, err: (err as Error).message }, 'shared snapshot unusable; replaying the whole log');
    return null;
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}
