// How one bias-audit record is hashed and MACed (shared by the writer and the verifier).
import { canonicalJson } from '../canonical-json.js';
import { sha256Hex } from '../hash.js';
import { hmacSha256 } from '../keyring.js';

export const GENESIS_HASH = '0'.repeat(64);

// The fields every record has had from the start: hashed even when null. Columns added later (extensions) are hashed
// once they hold a value, so older records keep their hashes and new fields are covered without touching this file.
// An extension column with a database default must be given explicitly at append, or the hash will not match.
const BASE_FIELDS = new Set([
  'seq', 'id', 'createdAt', 'actorRole', 'actorKeyId', 'tenantId', 'kind', 'subjectId', 'modelId', 'indexVersion',
  'weightsVersion', 'inputHash', 'candidateSetSize', 'removed', 'results', 'prevHash',
]);
const NOT_HASHED = new Set(['hash', 'macKeyId', 'mac']);

/** The record's hash covers every field but hash and MAC, including `seq` (so reordering breaks it) and `prevHash`. */
export function recordHash(r: Record<string, unknown>): string {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (NOT_HASHED.has(k)) continue;
    if (!BASE_FIELDS.has(k) && (v === null || v === undefined)) continue;
    fields[k] = v;
  }
  return sha256Hex(canonicalJson(fields));
}

/** The keyed MAC of a record's hash: recomputing hashes after an edit does not recompute this without the key. */
export const recordMac = (key: Buffer, hash: string): string => hmacSha256(key, 'passerelle-audit-record-v1', hash).toString('hex');
