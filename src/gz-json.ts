import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

/** The gzip'd JSON bytes of a value, as every shipped data file under data/ is written. */
export function gzJson(value: unknown): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(value)), { level: 9 });
}

/** Write a value as gzip'd JSON; returns the size in bytes. */
export function writeGzJson(path: string, value: unknown): number {
  const buf = gzJson(value);
  writeFileSync(path, buf);
  return buf.length;
}

export function readGzJson<T>(path: string): T {
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as T;
}
