import fp from 'fastify-plugin';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { availableParallelism } from 'node:os';
import { AppError } from '../errors.js';

/**
 * Expensive routes (embedding, matching, taxonomy linking, bulk import) declare `config: { cost: 'heavy' | 'bulk' }`.
 * Each class is a pool with a concurrency limit and a short bounded queue: past it, a request is answered
 * 503 SERVICE_UNAVAILABLE with Retry-After at once instead of waiting behind work it cannot overtake. Per API key
 * (per IP without one), expensive requests are limited in number in flight, and the server time of 'heavy' ones is
 * charged to a token bucket (COST_BUDGET_MS per RATE_LIMIT_WINDOW_MS): a key that spent it gets 429 RATE_LIMITED
 * until it refills.
 * Cheap routes, /healthz and /readyz are never held here.
 */
export type CostClass = 'heavy' | 'bulk';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Expensive routes share a concurrency limit and a per-key server-time budget (plugins/cost-limit.ts). */
    cost?: CostClass;
    /** false: never answered 503 under pressure (health probes: a busy process is still alive). */
    shed?: boolean;
  }
  interface FastifyInstance {
    costLimit: CostLimiter;
  }
}

export interface CostLimitOptions {
  heavyConcurrency: number;
  heavyQueue: number;
  bulkConcurrency: number;
  bulkQueue: number;
  queueWaitMs: number;
  perKeyInFlight: number;
  budgetMs: number;
  windowMs: number;
}

export interface PoolStatus {
  active: number;
  queued: number;
  concurrency: number;
  maxQueue: number;
  /** Moving average of the time a request holds a slot (ms). */
  avgMs: number;
  rejected: number;
}

type Release = () => void;
interface Waiter {
  grant: (release: Release) => void;
  fail: (err: AppError) => void;
  timer: NodeJS.Timeout;
}

const retryAfterSeconds = (ms: number): string => String(Math.min(60, Math.max(1, Math.ceil(ms / 1000))));

/** A counting semaphore with a bounded FIFO queue and a bounded wait. */
export class CostPool {
  private active = 0;
  private readonly queue: Waiter[] = [];
  private avgMs = 200;
  private rejected = 0;

  constructor(
    readonly name: CostClass,
    readonly concurrency: number,
    readonly maxQueue: number,
    readonly maxWaitMs: number,
  ) {}

  /** Estimated wait for a newcomer: the queue ahead of it drained at `concurrency` per average slot time. */
  private expectedWaitMs(): number {
    return ((this.queue.length + 1) * this.avgMs) / Math.max(1, this.concurrency);
  }

  private overloaded(why: string): AppError {
    this.rejected++;
    const wait = this.expectedWaitMs();
    return new AppError(
      'SERVICE_UNAVAILABLE',
      `the service is busy with expensive requests (${why}); retry after a few seconds`,
      { pool: this.name, active: this.active, queued: this.queue.length },
      { 'retry-after': retryAfterSeconds(wait) },
    );
  }

  private releaser(): Release {
    const started = performance.now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.avgMs = this.avgMs * 0.8 + (performance.now() - started) * 0.2;
      const next = this.queue.shift();
      if (next) {
        clearTimeout(next.timer);
        next.grant(this.releaser());
      } else {
        this.active--;
      }
    };
  }

  /** A slot now, a place in the queue, or a 503 at once when the queue is full. `cancel` leaves the queue. */
  acquire(): { slot: Promise<Release>; cancel: () => void } {
    if (this.active < this.concurrency) {
      this.active++;
      return { slot: Promise.resolve(this.releaser()), cancel: () => {} };
    }
    if (this.queue.length >= this.maxQueue) return { slot: Promise.reject(this.overloaded('queue full')), cancel: () => {} };
    let waiter!: Waiter;
    const slot = new Promise<Release>((grant, fail) => {
      waiter = {
        grant,
        fail,
        timer: setTimeout(() => {
          this.remove(waiter);
          fail(this.overloaded(`waited ${this.maxWaitMs} ms`));
        }, this.maxWaitMs),
      };
      this.queue.push(waiter);
    });
    return {
      slot,
      cancel: () => {
        if (this.remove(waiter)) {
          clearTimeout(waiter.timer);
          waiter.fail(new AppError('SERVICE_UNAVAILABLE', 'request abandoned by the client while queued'));
        }
      },
    };
  }

  private remove(w: Waiter): boolean {
    const i = this.queue.indexOf(w);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    return true;
  }

  status(): PoolStatus {
    return { active: this.active, queued: this.queue.length, concurrency: this.concurrency, maxQueue: this.maxQueue, avgMs: Math.round(this.avgMs), rejected: this.rejected };
  }

  /** Busy: every slot taken and the queue full, so the next request would be refused. */
  saturated(): boolean {
    return this.active >= this.concurrency && this.queue.length >= this.maxQueue;
  }
}

interface Account {
  inFlight: number;
  /** Server milliseconds left in the bucket (may go negative: the last request's cost is charged after it ran). */
  tokens: number;
  at: number;
}

/** Per-key accounting: requests in flight and a token bucket of server time refilled continuously. */
export class CostAccounts {
  private readonly accounts = new Map<string, Account>();
  constructor(private readonly opts: Pick<CostLimitOptions, 'perKeyInFlight' | 'budgetMs' | 'windowMs'>) {}

  private account(key: string, now: number): Account {
    let a = this.accounts.get(key);
    if (!a) {
      if (this.accounts.size >= 50_000) this.prune(now);
      a = { inFlight: 0, tokens: this.opts.budgetMs, at: now };
      this.accounts.set(key, a);
    }
    if (this.opts.budgetMs > 0) {
      a.tokens = Math.min(this.opts.budgetMs, a.tokens + ((now - a.at) * this.opts.budgetMs) / this.opts.windowMs);
    }
    a.at = now;
    return a;
  }

  /** Idle accounts with a full bucket carry no information: forget them. */
  private prune(now: number): void {
    for (const [k, a] of this.accounts) {
      const refilled = a.tokens + ((now - a.at) * this.opts.budgetMs) / this.opts.windowMs;
      if (a.inFlight === 0 && (this.opts.budgetMs === 0 || refilled >= this.opts.budgetMs)) this.accounts.delete(k);
    }
  }

  /** Admit one expensive request for `key` or throw 429 RATE_LIMITED with Retry-After; returns its completion callback. */
  admit(key: string): (spentMs: number) => void {
    const now = Date.now();
    const a = this.account(key, now);
    if (a.inFlight >= this.opts.perKeyInFlight) {
      throw new AppError(
        'RATE_LIMITED',
        `at most ${this.opts.perKeyInFlight} expensive requests in flight per API key; wait for one to finish`,
        { inFlight: a.inFlight, limit: this.opts.perKeyInFlight },
        { 'retry-after': '1' },
      );
    }
    if (this.opts.budgetMs > 0 && a.tokens <= 0) {
      const refillMs = (-a.tokens * this.opts.windowMs) / this.opts.budgetMs;
      throw new AppError(
        'RATE_LIMITED',
        `this API key used its server-time budget for expensive requests (${this.opts.budgetMs} ms per ${this.opts.windowMs} ms)`,
        { budgetMs: this.opts.budgetMs, windowMs: this.opts.windowMs },
        { 'retry-after': retryAfterSeconds(refillMs) },
      );
    }
    a.inFlight++;
    let done = false;
    return (spentMs) => {
      if (done) return;
      done = true;
      const acc = this.account(key, Date.now());
      acc.inFlight--;
      if (this.opts.budgetMs > 0) acc.tokens -= spentMs;
    };
  }
}

export class CostLimiter {
  readonly pools: Record<CostClass, CostPool>;
  readonly accounts: CostAccounts;

  constructor(readonly opts: CostLimitOptions) {
    this.pools = {
      heavy: new CostPool('heavy', opts.heavyConcurrency, opts.heavyQueue, opts.queueWaitMs),
      bulk: new CostPool('bulk', opts.bulkConcurrency, opts.bulkQueue, opts.queueWaitMs),
    };
    this.accounts = new CostAccounts(opts);
  }

  status(): Record<CostClass, PoolStatus> {
    return { heavy: this.pools.heavy.status(), bulk: this.pools.bulk.status() };
  }

  /** True when the next expensive request would be refused (readiness reports it as busy). */
  busy(): boolean {
    return this.pools.heavy.saturated();
  }
}

interface Ticket {
  /** The handler has started: from then on only its end frees the slot (an abort must not free a busy slot). */
  inHandler: boolean;
  finish: () => void;
  cancel?: () => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    costTicket: Ticket | null;
  }
}

const accountKey = (request: FastifyRequest): string => (request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`);

const costLimitPlugin: FastifyPluginAsync<Partial<CostLimitOptions>> = async (app, options) => {
  const cores = availableParallelism();
  const opts: CostLimitOptions = {
    heavyConcurrency: options.heavyConcurrency || cores,
    heavyQueue: options.heavyQueue ?? 2 * cores,
    bulkConcurrency: options.bulkConcurrency || 1,
    bulkQueue: options.bulkQueue ?? 0,
    queueWaitMs: options.queueWaitMs ?? 5000,
    perKeyInFlight: options.perKeyInFlight ?? 2,
    budgetMs: options.budgetMs ?? 60_000,
    windowMs: options.windowMs ?? 60_000,
  };
  const limiter = new CostLimiter(opts);
  app.decorate('costLimit', limiter);
  app.decorateRequest('costTicket', null);

  // After authorisation (auth's hook is added first): an unauthenticated caller never takes a slot.
  const admit = async (request: FastifyRequest): Promise<void> => {
    const cls = request.routeOptions.config?.cost;
    if (!cls) return;
    const charge = limiter.accounts.admit(accountKey(request));
    const { slot, cancel } = limiter.pools[cls].acquire();
    const ticket: Ticket = { inHandler: false, finish: () => charge(0), cancel };
    request.costTicket = ticket;
    let release: Release;
    try {
      release = await slot;
    } catch (err) {
      ticket.cancel = undefined;
      charge(0);
      throw err;
    }
    ticket.cancel = undefined;
    const started = performance.now();
    let finished = false;
    ticket.finish = () => {
      if (finished) return;
      finished = true;
      release();
      // A bulk import is one big job already held to its own pool: it does not drain the key's budget for the rest.
      charge(cls === 'bulk' ? 0 : performance.now() - started);
    };
  };

  // A request that never reaches its handler (bad body, abort) gives its place back here.
  const settle = async (request: FastifyRequest): Promise<void> => {
    const t = request.costTicket;
    if (!t || t.inHandler) return;
    if (t.cancel) t.cancel();
    else t.finish();
  };

  app.addHook('onRoute', (route) => {
    const cls = (route.config as { cost?: CostClass } | undefined)?.cost;
    if (!cls) return;
    const asArray = <T>(h: T | T[] | undefined): T[] => (h ? (Array.isArray(h) ? h : [h]) : []);
    route.onRequest = [...asArray(route.onRequest), admit] as typeof route.onRequest;
    route.onResponse = [...asArray(route.onResponse), settle] as typeof route.onResponse;
    route.onRequestAbort = [...asArray(route.onRequestAbort), settle] as typeof route.onRequestAbort;
    const handler = route.handler as (this: unknown, request: FastifyRequest, reply: FastifyReply) => unknown;
    // The slot is held exactly while the handler works, even when the client has gone away meanwhile.
    route.handler = async function limited(this: unknown, request: FastifyRequest, reply: FastifyReply) {
      const t = request.costTicket;
      if (t) t.inHandler = true;
      try {
        return await handler.call(this, request, reply);
      } finally {
        t?.finish();
      }
    } as RouteHandlerMethod;
  });
};

export default fp(costLimitPlugin, { name: 'passerelle-cost-limit', dependencies: ['passerelle-auth'] });
