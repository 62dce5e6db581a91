/** Text → unit-normalised vectors. Every stored vector records `id` next to it. */
export interface Embedder {
  /** Model name + version, e.g. `use-lite@energetic-ai-0.2.0`. Vectors of two ids are never mixed. */
  readonly id: string;
  readonly dimensions: number;
  /**
   * One vector per text, in order, each of unit length.
   * Empty or whitespace-only texts give the all-zero vector (no information; cosine 0 with everything).
   */
  embed(texts: string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** The fields of `Config` (src/config.ts) the embedding engine reads. */
export interface EmbedderConfig {
  EMBEDDER: 'use-lite' | 'transformers';
  EMBEDDER_MODEL: string;
  MODELS_DIR: string;
  ALLOW_MODEL_DOWNLOAD: boolean;
  EMBED_WORKERS: number;
}
