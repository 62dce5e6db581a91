import { createReadStream, promises as fsp, openSync, fsyncSync, closeSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

export const SNAPSHOT_FORMAT = 1;

/** The header of a snapshot: a JSON file committed by rename after the index file it names is durable. */
export interface SnapshotMeta {
  format: number;
  collection: string;
  modelId: string;
  dims: number;
  seq: number;
  file: string;
  size: number;
  crc32: number;
  elementCount: number;
  deletedLabels: number[];
  /** Live labels whose latest vector was not yet in the graph when it was written. */
  pendingLabels: number[];
  /** Optional: the in-memory rows at `seq` (ids/attrs JSON and the Float32 slab), so open need not re-read SQLite. */
  rows?: { mapsFile: string; mapsSize: number; mapsCrc32: number; slabFile: string; slabSize: number; slabCrc32: number };
  m: number;
  efConstruction: number;
  createdAt: string;
}

export const metaPath = (dir: string, collection: string): string => join(dir, `${collection}.meta.json`);

/** CRC-32 of a file, read back from disk in chunks (never blocks the loop for long). */
export async function fileCrc32(path: string): Promise<{ crc: number; size: number }> {
  let crc = 0;
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) {
    crc = crc32(chunk as Buffer, crc);
    size += (chunk as Buffer).byteLength;
  }
  return { crc, size };
}

/** hnswlib's own header (the file records no dimension directly, but it follows from these offsets). */
export interface HnswHeader {
  maxElements: number;
  elementCount: number;
  dims: number;
  maxM0: number;
}

export function readHnswHeader(path: string): HnswHeader | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(96);
    if (readSync(fd, buf, 0, 96, 0) < 96) return null;
    const u64 = (o: number) => Number(buf.readBigUInt64LE(o));
    const labelOffset = u64(32);
    const offsetData = u64(40);
    return {
      maxElements: u64(8),
      elementCount: u64(16),
      dims: (labelOffset - offsetData) / 4,
      maxM0: u64(64),
    };
  } finally {
    closeSync(fd);
  }
}

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Commit a snapshot whose index bytes were already written to `tmpIndexPath` (by writeIndexSync: the async write
 * resolves without error on an unwritable path). Verifies the bytes by reading them back, then: fsync, rename,
 * write the header to a temp file, fsync, rename over the old header (the commit point), fsync the directory.
 */
export async function commitSnapshot(
  dir: string,
  tmpIndexPath: string,
  meta: Omit<SnapshotMeta, 'file' | 'size' | 'crc32' | 'format' | 'createdAt' | 'rows'>,
  rowsTmp?: { maps: string; slab: string },
): Promise<SnapshotMeta> {
  fsyncPath(tmpIndexPath);
  const header = readHnswHeader(tmpIndexPath);
  if (!header || header.dims !== meta.dims || header.elementCount !== meta.elementCount) {
    throw new Error(`snapshot write of ${meta.collection} did not verify (header ${JSON.stringify(header)})`);
  }
  const { crc, size } = await fileCrc32(tmpIndexPath);
  const stamp = `${meta.seq}-${Date.now().toString(36)}`;
  const file = `${meta.collection}.${stamp}.hnsw`;
  await fsp.rename(tmpIndexPath, join(dir, file));
  let rows: SnapshotMeta['rows'];
  const keep = new Set([file]);
  if (rowsTmp) {
    fsyncPath(rowsTmp.maps);
    fsyncPath(rowsTmp.slab);
    const m = await fileCrc32(rowsTmp.maps);
    const sl = await fileCrc32(rowsTmp.slab);
    const mapsFile = `${meta.collection}.${stamp}.maps.json`;
    const slabFile = `${meta.collection}.${stamp}.slab.f32`;
    await fsp.rename(rowsTmp.maps, join(dir, mapsFile));
    await fsp.rename(rowsTmp.slab, join(dir, slabFile));
    rows = { mapsFile, mapsSize: m.size, mapsCrc32: m.crc, slabFile, slabSize: sl.size, slabCrc32: sl.crc };
    keep.add(mapsFile).add(slabFile);
  }
  const full: SnapshotMeta = { ...meta, format: SNAPSHOT_FORMAT, file, size, crc32: crc, rows, createdAt: new Date().toISOString() };
  const mp = metaPath(dir, meta.collection);
  const tmpMeta = `${mp}.tmp`;
  await fsp.writeFile(tmpMeta, JSON.stringify(full));
  fsyncPath(tmpMeta);
  await fsp.rename(tmpMeta, mp);
  fsyncPath(dir);
  // Old index files are garbage once the new header is durable.
  for (const name of await fsp.readdir(dir)) {
    if (name.startsWith(`${meta.collection}.`) && !keep.has(name) && /\.(hnsw|maps\.json|slab\.f32)(\.tmp)?$/.test(name)) {
      await fsp.rm(join(dir, name), { force: true });
    }
  }
  return full;
}

export type SnapshotCheck = { ok: true; meta: SnapshotMeta; path: string } | { ok: false; reason: string };

/** Validate a snapshot against what the collection expects, before hnswlib ever reads it. */
export async function checkSnapshot(
  dir: string,
  collection: string,
  expect: { modelId: string; dims: number; maxSeq: number },
): Promise<SnapshotCheck> {
  let meta: SnapshotMeta;
  try {
    meta = JSON.parse(await fsp.readFile(metaPath(dir, collection), 'utf8')) as SnapshotMeta;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : 'header unreadable' };
  }
  if (meta.format !== SNAPSHOT_FORMAT || meta.collection !== collection) return { ok: false, reason: 'header mismatch' };
  if (meta.modelId !== expect.modelId) return { ok: false, reason: `model mismatch (${meta.modelId} != ${expect.modelId})` };
  if (meta.dims !== expect.dims) return { ok: false, reason: `dimension mismatch (${meta.dims} != ${expect.dims})` };
  if (!(meta.seq <= expect.maxSeq)) return { ok: false, reason: 'snapshot is ahead of the database' };
  const path = join(dir, meta.file);
  let stat;
  try {
    stat = await fsp.stat(path);
  } catch {
    return { ok: false, reason: 'index file missing' };
  }
  if (stat.size !== meta.size) return { ok: false, reason: 'index file truncated' };
  const header = readHnswHeader(path);
  if (!header || header.dims !== meta.dims || header.elementCount !== meta.elementCount) {
    return { ok: false, reason: 'index header mismatch' };
  }
  const { crc } = await fileCrc32(path);
  if (crc !== meta.crc32) return { ok: false, reason: 'checksum mismatch' };
  return { ok: true, meta, path };
}

export interface SnapshotRows {
  labels: number[];
  ids: string[];
  attrs: (string | null)[];
  slab: Float32Array;
}

/** The rows sidecar of a verified snapshot, or null (then rows are read from SQLite). */
export async function readSnapshotRows(dir: string, meta: SnapshotMeta): Promise<SnapshotRows | null> {
  const r = meta.rows;
  if (!r) return null;
  try {
    const mapsPath = join(dir, r.mapsFile);
    const slabPath = join(dir, r.slabFile);
    const [ms, ss] = await Promise.all([fsp.stat(mapsPath), fsp.stat(slabPath)]);
    if (ms.size !== r.mapsSize || ss.size !== r.slabSize || r.slabSize % 4 !== 0) return null;
    const [mc, sc] = await Promise.all([fileCrc32(mapsPath), fileCrc32(slabPath)]);
    if (mc.crc !== r.mapsCrc32 || sc.crc !== r.slabCrc32) return null;
    const maps = JSON.parse(await fsp.readFile(mapsPath, 'utf8')) as Omit<SnapshotRows, 'slab'>;
    const buf = await fsp.readFile(slabPath);
    // Large reads get their own ArrayBuffer at offset 0; copy only if not 4-byte aligned.
    const slab =
      buf.byteOffset % 4 === 0
        ? new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4)
        : new Float32Array(new Uint8Array(buf).buffer);
    if (maps.labels.length !== maps.ids.length || maps.ids.length !== maps.attrs.length) return null;
    return { ...maps, slab };
  } catch {
    return null;
  }
}
