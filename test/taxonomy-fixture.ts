// The taxonomy with the embedded USE-lite encoder, loaded once per test file and closed after it.
import { afterAll, beforeAll } from 'vitest';
import { createInProcessUseLite, type Embedder } from '../src/embedding/index.js';
import { loadTaxonomy, type Taxonomy } from '../src/taxonomy/index.js';

/** Registers the file's beforeAll/afterAll; call the returned function inside a test to get the taxonomy. */
export function useEmbeddedTaxonomy(): () => Taxonomy {
  let tax: Taxonomy | undefined;
  let embedder: Embedder | undefined;
  beforeAll(async () => {
    embedder = await createInProcessUseLite();
    tax = loadTaxonomy().withEmbedder(embedder);
  }, 120_000);
  afterAll(async () => {
    await embedder?.close();
  });
  return () => tax!;
}
