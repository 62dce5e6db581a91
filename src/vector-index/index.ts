export { VectorCollection } from './collection.js';
export type { CollectionOptions, CollectionState, CollectionStatus, SearchHit, SearchOptions, SearchResult } from './collection.js';
export { VectorIndexRegistry } from './registry.js';
export type { VectorIndexSettings, VectorIndexReadiness } from './registry.js';
export type { VectorFilter } from './filter.js';
export type { Attrs, AttrValue } from './store.js';
export { MAX_LABEL } from './store.js';
