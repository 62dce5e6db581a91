import type Database from 'better-sqlite3';
import { VectorCollection, type CollectionStatus } from './collection.js';
import type { FrozenCollection } from './frozen.js';
import type { Config } from '../config.js';

export interface VectorIndexSettings {
  /** SQLite file path (for rebuild workers); ':memory:' rebuilds in-process. */
  databasePath: string;
  indexDir: string | null;
  m: number;
  efConstruction: number;
  efSearch: number;
  /** 0: keep efSearch; else tune ef in the background to reach this sampled recall@10. */
  targetRecall?: number;
  snapshotIntervalS: number;
  log?: (obj: Record<string, unknown>, msg: string) => void;
}

/** Registry settings from the validated configuration (the service plugin and the reindex CLI). */
export function registrySettings(cfg: Config): VectorIndexSettings {
  return {
    databasePath: cfg.DATABASE_PATH,
    indexDir: cfg.INDEX_DIR,
    m: cfg.HNSW_M,
    efConstruction: cfg.HNSW_EF_CONSTRUCTION,
    efSearch: cfg.HNSW_EF_SEARCH,
    targetRecall: cfg.HNSW_TARGET_RECALL,
    snapshotIntervalS: cfg.INDEX_SNAPSHOT_INTERVAL_S,
  };
}

export interface VectorIndexReadiness {
  ready: boolean;
  collections: { name: string; state: string; modelMismatch: boolean; rebuild: CollectionStatus['rebuild'] }[];
}

/** Every vector collection of the service, opened on the shared SQLite connection, snapshotted periodically. */
export class VectorIndexRegistry {
  private readonly collections = new Map<string, Promise<VectorCollection>>();
  private readonly opened = new Map<string, VectorCollection>();
  /** Read-only collections shipped with the data (taxonomy labels); owned by whoever loaded them, not closed here. */
  private readonly frozenByName = new Map<string, FrozenCollection>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly sqlite: Database.Database,
    readonly settings: VectorIndexSettings,
  ) {
    if (settings.snapshotIntervalS > 0) {
      this.timer = setInterval(() => void this.snapshotAll(), settings.snapshotIntervalS * 1000);
      this.timer.unref();
    }
  }

  /** Open (once) a collection for a model; a second call returns the same collection. */
  open(name: string, model: { modelId: string; dims: number }): Promise<VectorCollection> {
    if (this.closed) return Promise.reject(new Error('vector index registry is closed'));
    let c = this.collections.get(name);
    if (!c) {
      c = VectorCollection.open({
        name,
        modelId: model.modelId,
        dims: model.dims,
        sqlite: this.sqlite,
        dbPath: this.settings.databasePath === ':memory:' ? null : this.settings.databasePath,
        indexDir: this.settings.indexDir,
        m: this.settings.m,
        efConstruction: this.settings.efConstruction,
        efSearch: this.settings.efSearch,
        targetRecall: this.settings.targetRecall ?? 0,
        log: this.settings.log,
      });
      this.collections.set(name, c);
      c.then(
        (col) => this.opened.set(name, col),
        () => this.collections.delete(name),
      );
    }
    return c;
  }

  /** List a read-only collection (status, recall, rebuild) next to the live ones. */
  registerFrozen(c: FrozenCollection): void {
    if (this.collections.has(c.name)) throw new Error(`collection ${c.name} is already open as a live collection`);
    this.frozenByName.set(c.name, c);
  }

  frozen(): FrozenCollection[] {
    return [...this.frozenByName.values()];
  }

  getFrozen(name: string): FrozenCollection | undefined {
    return this.frozenByName.get(name);
  }

  async get(name: string): Promise<VectorCollection | undefined> {
    return this.collections.get(name);
  }

  /** An already-open collection, synchronously (hot paths). */
  getOpen(name: string): VectorCollection | undefined {
    return this.opened.get(name);
  }

  /** Readiness without awaiting: collections still opening count as not ready. */
  readinessSync(): VectorIndexReadiness {
    const collections = [...this.collections.keys()].map((name) => {
      const c = this.opened.get(name);
      if (!c) return { name, state: 'opening', modelMismatch: false, rebuild: null };
      const s = c.status();
      return { name, state: s.state, modelMismatch: s.modelMismatch, rebuild: s.rebuild };
    });
    for (const f of this.frozenByName.values()) {
      const s = f.status();
      collections.push({ name: f.name, state: s.state, modelMismatch: false, rebuild: s.rebuild });
    }
    return { ready: collections.every((c) => c.state !== 'building' && c.state !== 'opening' && !c.modelMismatch), collections };
  }

  async all(): Promise<VectorCollection[]> {
    const out: VectorCollection[] = [];
    for (const p of this.collections.values()) {
      try {
        out.push(await p);
      } catch {
        // failed opens are dropped from the map
      }
    }
    return out;
  }

  async status(): Promise<CollectionStatus[]> {
    return [...(await this.all()).map((c) => c.status()), ...this.frozen().map((f) => f.status())];
  }

  async snapshotAll(): Promise<void> {
    for (const c of await this.all()) {
      try {
        await c.snapshot();
      } catch (err) {
        this.settings.log?.({ collection: c.name, err: (err as Error).message }, 'periodic snapshot failed');
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const c of await this.all()) await c.close();
    this.collections.clear();
    this.opened.clear();
    this.frozenByName.clear();
  }
}
