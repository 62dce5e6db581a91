import { createReadStream, promises as fsp, openSync, fsyncSync, closeSync, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/** 2: the rows sidecar holds ids and interned attributes only; vectors are read back from the graph file itself. */
export const SNAPSHOT_FORMAT = 2;

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
  /** Optional: the id maps and attributes at `seq`, so open need not re-read SQLite (vectors come from the graph file). */
  rows?: { mapsFile: string; mapsSize: number; mapsCrc32: number };
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
  /** Bytes per element in the level-0 block: link list, vector, label. */
  sizeDataPerElement: number;
  labelOffset: number;
  offsetData: number;
}

/** hnswlib 0.8 saveIndex: 6 size_t, 2 int, 4 size_t, 1 double, 1 size_t. */
export const HNSW_HEADER_BYTES = 96;

/** hnswlib's header from the first HNSW_HEADER_BYTES of a graph file (or of a links-only copy of one). */
export function parseHnswHeader(buf: Buffer): HnswHeader {
  const u64 = (o: number) => Number(buf.readBigUInt64LE(o));
  const labelOffset = u64(32);
  const offsetData = u64(40);
  return {
    maxElements: u64(8),
    elementCount: u64(16),
    dims: (labelOffset - offsetData) / 4,
    maxM0: u64(64),
    sizeDataPerElement: u64(24),
    labelOffset,
    offsetData,
  };
}

export function readHnswHeader(path: string): HnswHeader | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HNSW_HEADER_BYTES);
    if (readSync(fd, buf, 0, HNSW_HEADER_BYTES, 0) < HNSW_HEADER_BYTES) return null;
    return parseHnswHeader(buf);
  } finally {
    closeSync(fd);
  }
}

/** fsync on a libuv thread (a 2 GB graph file can take a while to reach the disk). */
export async function fsyncPathAsync(path: string): Promise<void> {
  const fh = await fsp.open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
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
  rowsTmp?: { maps: string },
  removed?: RemovedLabel,
): Promise<SnapshotMeta> {
  await fsyncPathAsync(tmpIndexPath);
  const header = readHnswHeader(tmpIndexPath);
  if (!header || header.dims !== meta.dims || header.elementCount !== meta.elementCount) {
    throw new Error(`snapshot write of ${meta.collection} did not verify (header ${JSON.stringify(header)})`);
  }
  const { crc, size } = removed ? await crc32ScrubbingRemoved(tmpIndexPath, header, removed) : await fileCrc32(tmpIndexPath);
  const stamp = `${meta.seq}-${Date.now().toString(36)}`;
  const file = `${meta.collection}.${stamp}.hnsw`;
  await fsp.rename(tmpIndexPath, join(dir, file));
  let rows: SnapshotMeta['rows'];
  const keep = new Set([file]);
  if (rowsTmp) {
    await fsyncPathAsync(rowsTmp.maps);
    const m = await fileCrc32(rowsTmp.maps);
    const mapsFile = `${meta.collection}.${stamp}.maps.json`;
    await fsp.rename(rowsTmp.maps, join(dir, mapsFile));
    rows = { mapsFile, mapsSize: m.size, mapsCrc32: m.crc };
    keep.add(mapsFile);
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

/** Is this graph element's vector removed (hnswlib's delete flag as written, or removed since)? */
export type RemovedLabel = (label: number, deletedFlag: boolean) => boolean;

/**
 * The CRC-32 of a graph file, zeroing on the way the vector of every removed element. hnswlib's delete only sets a
 * flag and keeps the vector next to the links, so without this a snapshot would hold an erased person's vector
 * verbatim (issue 12). One sequential pass, as the plain CRC would take, plus one small write per removed vector; the
 * file is fsynced again if any was written.
 */
export async function crc32ScrubbingRemoved(path: string, h: HnswHeader, removed: RemovedLabel): Promise<{ crc: number; size: number; scrubbed: number }> {
  const fh = await fsp.open(path, 'r+');
  try {
    const size = (await fh.stat()).size;
    const per = h.sizeDataPerElement;
    const vectorBytes = h.labelOffset - h.offsetData;
    const perChunk = Math.max(1, Math.floor((4 << 20) / per));
    const buf = Buffer.allocUnsafe(Math.max(perChunk * per, 1 << 20));
    const zeros = Buffer.alloc(vectorBytes);
    let crc = 0;
    let scrubbed = 0;
    await readFully(fh, buf, HNSW_HEADER_BYTES, 0);
    crc = crc32(buf.subarray(0, HNSW_HEADER_BYTES), crc);
    let pos = HNSW_HEADER_BYTES;
    for (let left = h.elementCount; left > 0; ) {
      const n = Math.min(left, perChunk);
      const len = n * per;
      await readFully(fh, buf, len, pos);
      for (let e = 0; e < n; e++) {
        const o = e * per;
        if (!removed(buf.readUInt32LE(o + h.labelOffset), (buf[o + 2]! & 1) !== 0)) continue;
        const v = buf.subarray(o + h.offsetData, o + h.offsetData + vectorBytes);
        if (v.some((b) => b !== 0)) {
          v.fill(0);
          await fh.write(zeros, 0, vectorBytes, pos + o + h.offsetData);
          scrubbed++;
        }
      }
      crc = crc32(buf.subarray(0, len), crc);
      pos += len;
      left -= n;
    }
    while (pos < size) {
      const len = Math.min(buf.length, size - pos);
      await readFully(fh, buf, len, pos);
      crc = crc32(buf.subarray(0, len), crc);
      pos += len;
    }
    if (scrubbed > 0) await fh.sync();
    return { crc, size, scrubbed };
  } finally {
    await fh.close();
  }
}

export type SnapshotCheck = { ok: true; meta: SnapshotMeta; path: string; header: HnswHeader } | { ok: false; reason: string };

/**
 * Validate a snapshot's header against what the collection expects (cheap: no full read). The CRC of the graph file
 * is checked by scanGraphFile while hnswlib reads it, and the graph is used only if both agree.
 */
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
  if (
    !header ||
    header.dims !== meta.dims ||
    header.elementCount !== meta.elementCount ||
    header.sizeDataPerElement !== header.labelOffset + 8 ||
    HNSW_HEADER_BYTES + header.elementCount * header.sizeDataPerElement > stat.size
  ) {
    return { ok: false, reason: 'index header mismatch' };
  }
  return { ok: true, meta, path, header };
}

async function readFully(fh: FileHandle, buf: Buffer, len: number, pos: number): Promise<void> {
  let got = 0;
  while (got < len) {
    const { bytesRead } = await fh.read(buf, got, len - got, pos + got);
    if (bytesRead === 0) throw new Error('index file shorter than its header says');
    got += bytesRead;
  }
}

/**
 * One sequential pass over an hnswlib graph file: its CRC-32, and each level-0 element's label, delete mark and
 * vector handed to `onElement` (the bytes are valid only during the call). This is how open gets the vectors back
 * without a second copy on disk: hnswlib stores every vector next to its links.
 */
export async function scanGraphFile(
  path: string,
  h: HnswHeader,
  onElement?: (label: number, deleted: boolean, bytes: Buffer, vectorAt: number) => void,
): Promise<{ crc: number; size: number }> {
  const fh = await fsp.open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const per = h.sizeDataPerElement;
    const perChunk = Math.max(1, Math.floor((4 << 20) / per));
    const buf = Buffer.allocUnsafe(Math.max(perChunk * per, 1 << 20));
    let crc = 0;
    let pos = 0;
    await readFully(fh, buf, HNSW_HEADER_BYTES, 0);
    crc = crc32(buf.subarray(0, HNSW_HEADER_BYTES), crc);
    pos = HNSW_HEADER_BYTES;
    for (let left = h.elementCount; left > 0; ) {
      const n = Math.min(left, perChunk);
      const len = n * per;
      await readFully(fh, buf, len, pos);
      crc = crc32(buf.subarray(0, len), crc);
      pos += len;
      left -= n;
      if (onElement) {
        for (let e = 0; e < n; e++) {
          const o = e * per;
          // link-list header: uint16 count, then a flags byte whose bit 0 is hnswlib's DELETE_MARK
          onElement(buf.readUInt32LE(o + h.labelOffset), (buf[o + 2]! & 1) !== 0, buf, o + h.offsetData);
        }
      }
    }
    while (pos < size) {
      const len = Math.min(buf.length, size - pos);
      await readFully(fh, buf, len, pos);
      crc = crc32(buf.subarray(0, len), crc);
      pos += len;
    }
    return { crc, size };
  } finally {
    await fh.close();
  }
}

/** The rows sidecar: live labels with their ids and attributes (interned: each distinct JSON once). */
export interface SnapshotRows {
  labels: number[];
  ids: string[];
  /** Distinct attribute objects as JSON (null: no attributes). */
  combos: (string | null)[];
  /** Per row, an index into combos. */
  combo: number[];
}

/** The rows sidecar of a snapshot, or null when it is missing or does not verify (then rows are read from SQLite). */
export async function readSnapshotRows(dir: string, meta: SnapshotMeta): Promise<SnapshotRows | null> {
  const r = meta.rows;
  if (!r) return null;
  try {
    const buf = await fsp.readFile(join(dir, r.mapsFile));
    if (buf.byteLength !== r.mapsSize || crc32(buf) !== r.mapsCrc32) return null;
    const rows = JSON.parse(buf.toString('utf8')) as SnapshotRows;
    const n = rows.labels.length;
    if (rows.ids.length !== n || rows.combo.length !== n) return null;
    for (const c of rows.combo) if (!(c >= 0 && c < rows.combos.length)) return null;
    return rows;
  } catch {
    return null;
  }
}
