import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgDatabase, type OpenedPgDatabase } from '../src/db/pg/client.js';
import { CachedEmbedder, contentHash } from '../src/embedding/cache.js';
import { createInProcessUseLite, type Embedder } from '../src/embedding/index.js';
import { PgStorage } from '../src/storage/pg-storage.js';
import { pgAvailable, scratchPgDatabase, type ScratchPgDatabase } from './pg-helper.js';

/**
 * Erasure and the shared embedding cache across replicas (PostgreSQL). Two CachedEmbedders on two pools of one
 * database stand for two API processes: each keeps its own in-memory guard, so only what the database holds can stop
 * replica B from writing back a vector that replica A has just erased. The model is the real one; B's is wrapped in a
 * gate so the test decides when its embedding finishes.
 */
const hasPg = await pgAvailable('pg.embedding-erasure.test.ts');

function gated(model: Embedder) {
  let open: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  return {
    close() {
      gate = new Promise<void>((r) => (open = r));
    },
    release: () => open(),
    embedder: {
      id: model.id,
      dimensions: model.dimensions,
      embed: async (texts: string[]) => {
        const v = await model.embed(texts);
        await gate;
        return v;
      },
      close: () => Promise.resolve(),
    } satisfies Embedder,
  };
}

if (!hasPg) it.skip('postgres back end (no PostgreSQL: see the SKIPPED message)', () => undefined);
else
  describe('embedding cache erasure across replicas (PostgreSQL)', () => {
    let scratch: ScratchPgDatabase;
    let other: OpenedPgDatabase;
    let model: Embedder;
    let a: PgStorage;
    let b: PgStorage;
    const cachedRows = async (text: string) =>
      Number((await a.read.rows<{ n: string }>(sql`SELECT count(*) AS n FROM embedding_cache WHERE content_hash = ${contentHash(text)}`))[0]!.n);
    const tombstones = async (text: string) =>
      Number((await a.read.rows<{ n: string }>(sql`SELECT count(*) AS n FROM embedding_erasures WHERE content_hash = ${contentHash(text)}`))[0]!.n);

    beforeAll(async () => {
      scratch = await scratchPgDatabase();
      other = await openPgDatabase(scratch.url, { max: 4, migrate: false });
      a = new PgStorage(scratch);
      b = new PgStorage(other);
      model = await createInProcessUseLite();
    }, 120_000);
    afterAll(async () => {
      await model?.close();
      await other?.close();
      await scratch?.drop();
    });

    it('a replica whose embedding was under way during the erasure does not write the vector back', async () => {
      const text = 'Zorvanth Quellabie, glaucorrine welder, orbital pipe welding';
      const replicaA = new CachedEmbedder(model, a);
      const g = gated(model);
      const replicaB = new CachedEmbedder(g.embedder, b);
      // Positive control: B's cache writes do reach the shared table.
      await replicaB.embed(['control text for the shared cache']);
      expect(await cachedRows('control text for the shared cache')).toBe(1);

      await replicaA.embed([text]);
      expect(await cachedRows(text)).toBe(1);

      // The race: B starts embedding a text that is not cached yet, A erases it, then B finishes.
      const erased = 'Zorvanth Quellabie, second profile version, hull-plate riveting';
      g.close();
      const late = replicaB.embed([erased]);
      await new Promise((r) => setTimeout(r, 200)); // B is now inside the model call, past its cache lookup
      const removed = await a.transaction((uow) => replicaA.forget([erased], uow));
      expect(removed).toBe(0); // nothing cached yet
      expect(await tombstones(erased)).toBe(1);
      g.release();
      const vectors = await late;
      expect(vectors[0]!.length).toBe(model.dimensions); // the request itself is still answered
      expect(await cachedRows(erased)).toBe(0);
      expect(replicaB.stats.misses).toBe(2);
    }, 60_000);

    it('a cache write waits for an erasure that is not yet committed, then skips the erased text', async () => {
      const text = 'Yselde Marrowkin, care at home worker, help with meals and medication';
      const replicaA = new CachedEmbedder(model, a);
      const replicaB = new CachedEmbedder(model, b);
      await replicaA.embed([text]);
      expect(await cachedRows(text)).toBe(1);

      let commit: () => void = () => undefined;
      const held = new Promise<void>((r) => (commit = r));
      let erasing: Promise<number> | undefined;
      const forgotten = new Promise<void>((ready) => {
        erasing = a.transaction(async (uow) => {
          const n = await replicaA.forget([text], uow);
          ready();
          await held; // the erasure holds its locks, uncommitted
          return n;
        });
      });
      await forgotten;
      // B missed the cache before the erasure began (its row was deleted only inside A's open transaction, which B
      // cannot see yet); here B writes while A has not committed: it must wait, not write.
      let written = false;
      const store = replicaB.portStore!;
      const vector = (await model.embed([text]))[0]!;
      const put = store.putMany([{ hash: contentHash(text), vector }]).then((n) => ((written = true), n));
      await new Promise((r) => setTimeout(r, 500));
      expect(written).toBe(false);
      commit();
      expect(await erasing!).toBe(1);
      expect(await put).toBe(0);
      expect(await cachedRows(text)).toBe(0);
    }, 60_000);

    it('tombstones older than the window are purged, and the text may then be cached again', async () => {
      const text = 'an old erased text';
      await a.transaction((uow) => uow.rows(sql`INSERT INTO embedding_erasures (content_hash, erased_at) VALUES (${contentHash(text)}, clock_timestamp() - interval '11 minutes')`));
      const replicaA = new CachedEmbedder(model, a);
      // Any erasure purges expired tombstones.
      await a.transaction((uow) => replicaA.forget(['some other erased text'], uow));
      expect(await tombstones(text)).toBe(0);
      expect(await tombstones('some other erased text')).toBe(1);
      await new CachedEmbedder(model, b).embed([text]);
      expect(await cachedRows(text)).toBe(1);
    }, 60_000);
  });
