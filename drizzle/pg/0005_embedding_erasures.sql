-- Erasure tombstones of the embedding cache (PostgreSQL only; one SQLite process keeps them in memory). When a
-- profile text is erased or replaced, its content hash is written here in the erasing transaction, under an advisory
-- lock per hash, and the cache rows go. Every replica's cache write takes the same locks (shared) and skips hashes
-- listed here, so an embedding of that text already under way on another replica cannot write the vector back.
-- Rows are hashes, not texts, and are deleted after ten minutes (src/embedding/cache.ts, ERASURE_TTL).
CREATE TABLE embedding_erasures (
  content_hash text PRIMARY KEY NOT NULL,
  erased_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX embedding_erasures_erased_at_idx ON embedding_erasures (erased_at);
