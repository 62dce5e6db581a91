import { createHash } from 'node:crypto';

/** Hex SHA-256: API key hashes, embedding-cache keys, audit chain links, idempotency keys, data-file checksums. */
export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
