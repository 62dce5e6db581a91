export * from './taxonomy.js';
export * from './suggest.js';
export type { LabelVectorSearch, TextEmbedder } from './label-vectors.js';
