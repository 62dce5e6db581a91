// npm run reindex [-- --prune]: re-embed every vacancy and candidate with the configured model (EMBEDDER,
// EMBEDDER_MODEL), with a progress bar, into the vector index collections `vacancies` and `candidates` (reset to the
// new model first) and the SQLite embedding cache (unchanged text is not re-embedded on a re-run).
// --prune drops cached vectors of other models afterwards. Stop the service first, restart it after.
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { CachedEmbedder } from '../embedding/cache.js';
import { createEmbedder } from '../embedding/create.js';
import { vectorIndexSink } from '../embedding/index-sink.js';
import { countItems, reindexAll } from '../embedding/reindex.js';
import { VectorIndexRegistry, registrySettings } from '../vector-index/registry.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    // The profiles and vacancies are in PostgreSQL, not in the local file: re-embedding them is not on the storage port yet.
    console.error('reindex: not available with DATABASE_URL (PostgreSQL) yet; it re-embeds the SQLite database at DATABASE_PATH');
    process.exit(2);
  }
  const prune = process.argv.includes('--prune');
  const opened = openDatabase(config.DATABASE_PATH);
  const pooled = await createEmbedder(config);
  const embedder = new CachedEmbedder(pooled, opened.db);
  // A one-off process: no periodic snapshots and no background ef tuning (the service tunes after it loads the graph).
  const registry = new VectorIndexRegistry(opened.sqlite, { ...registrySettings(config), snapshotIntervalS: 0, targetRecall: 0 });
  const sink = vectorIndexSink(registry, opened.sqlite);
  const total = countItems(opened.db);
  console.log(`reindex: ${total} items with ${embedder.id} (${embedder.dimensions}-d, ${pooled.threads} workers)`);
  const bar = new SingleBar({ format: 'reindex [{bar}] {percentage}% | {value}/{total} items | eta {eta}s', hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0);
  try {
    const result = await reindexAll(opened.db, embedder, { sink, onProgress: (done) => bar.update(done) });
    bar.stop();
    const pruned = prune ? embedder.store.pruneOtherModels() : 0;
    console.log(
      `reindex done: ${result.vacancies} vacancies, ${result.candidates} candidates, ${result.embedded} texts embedded ` +
        `(${result.vacancies + result.candidates - result.embedded} from cache) in ${result.seconds.toFixed(1)} s` +
        (sink.skipped ? `; ${sink.skipped} items with empty text left out of the index` : '') +
        (prune ? `; pruned ${pruned} vectors of other models` : ''),
    );
  } finally {
    bar.stop();
    await registry.close();
    await embedder.close();
    opened.close();
  }
}

main().catch((err: Error) => {
  console.error(`reindex failed: ${err.message}`);
  process.exit(1);
});
