// Part of `npm run bench:scale` (issue 15), also alone: node --import tsx bench/scale-replicas.ts [--seed 600] [--secs 10] [--clients 12] [--sustained-s 15] [--rate 8]
// Real API processes (node src/server.ts) on one PostgreSQL (a scratch database on TEST_DATABASE_URL/DATABASE_URL):
//  1. aggregate HTTP match throughput with 1, 2 and 3 replicas (closed loop, `clients` concurrent requests spread
//     round-robin over the replicas in use), measured in the order 1,2,3,3,2,1 and averaged, reported as ratios to 1;
//  2. replica lag under sustained writes through the API: writes to A at a fixed rate, each one's time from A's
//     acknowledgement to its presence in matches served by B and C (p50/p99), and the followers' own commit → applied
//     lag from /readyz.
// Everything runs on this 2-core box: the load generator and every replica share the same two cores, so more replicas
// cannot add CPU here; the ratio shows what the replicas cost and whether anything serialises, not a cluster's gain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchPgDatabase } from '../test/pg-helper.js';
import { COUNTRIES, ReplicaCluster, adminKeyFrom, call, matchedIds, percentile, replicaVacancy, setUpActors, sleep } from '../test/replica-cluster.js';
import { numberArg } from './args.js';

export interface ReplicaBenchOptions {
  seed: number;
  secs: number;
  clients: number;
  sustainedS: number;
  rate: number;
}

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export async function runReplicaBench(o: ReplicaBenchOptions): Promise<void> {
  if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  const pgDb = await scratchPgDatabase({ max: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-replicas-'));
  const rc = new ReplicaCluster(pgDb.url, dir);
  try {
    const t0 = performance.now();
    const a = await rc.start('a');
    const admin = adminKeyFrom(a.proc.stdout());
    if (!admin) throw new Error(`no admin key in:\n${a.proc.stdout()}`);
    await rc.startAll(['b', 'c']);
    console.log(`\n## HTTP replicas (real API processes on PostgreSQL): three replicas up in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const act = await setUpActors(a.base, admin);
    const seedBuckets = COUNTRIES.slice(0, 20);
    let next = 0;
    const ts = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < o.seed) {
          const i = next++;
          const res = await call(rc.get(['a', 'b', 'c'][i % 3]!).base, act.employer, 'POST', '/v1/vacancies', replicaVacancy(seedBuckets[i % seedBuckets.length]!));
          if (res.status !== 201) throw new Error(`seed write: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }),
    );
    console.log(`seeded ${o.seed} vacancies through the API (8 concurrent, spread over 3 replicas): ${fmt(o.seed / ((performance.now() - ts) / 1000), 1)} writes/s`);
    for (const n of ['a', 'b', 'c']) {
      for (;;) {
        const rz = await call(rc.get(n).base, null, 'GET', '/readyz');
        if (rz.status === 200 && rz.body.lagSeq === 0) break;
        await sleep(100);
      }
    }
    // Warm every replica (embedding cache, JIT) before measuring.
    for (const n of ['a', 'b', 'c']) for (const c of seedBuckets.slice(0, 5)) await matchedIds(rc.get(n).base, act.seeker, c);

    // 1. Aggregate match throughput.
    const measure = async (k: number): Promise<number> => {
      const bases = ['a', 'b', 'c'].slice(0, k).map((n) => rc.get(n).base);
      let done = 0;
      let bad = 0;
      let i = 0;
      const end = performance.now() + o.secs * 1000;
      await Promise.all(
        Array.from({ length: o.clients }, async () => {
          while (performance.now() < end) {
            const j = i++;
            const r = await matchedIds(bases[j % bases.length]!, act.seeker, seedBuckets[j % seedBuckets.length]!);
            if (r.status === 200) done++;
            else bad++;
          }
        }),
      );
      if (bad) console.log(`  (${bad} non-200 answers with ${k} replicas)`);
      return done / o.secs;
    };
    const rates: Record<number, number[]> = { 1: [], 2: [], 3: [] };
    for (const k of [1, 2, 3, 3, 2, 1]) rates[k]!.push(await measure(k));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const r1 = mean(rates[1]!);
    console.log(`1. aggregate match throughput (GET /v1/candidates/me/matches, ${o.clients} clients, ${o.secs} s per pass, order 1,2,3,3,2,1):`);
    for (const k of [1, 2, 3]) console.log(`   ${k} replica(s): ${fmt(mean(rates[k]!), 1)} req/s (passes ${rates[k]!.map((x) => fmt(x, 1)).join(', ')}) → ${fmt(mean(rates[k]!) / r1, 2)}× one replica`);

    // 2. Lag under sustained writes through the API.
    const lagBuckets = COUNTRIES.slice(20);
    const lags: number[] = [];
    const ackMs: number[] = [];
    const waits: Promise<void>[] = [];
    const period = 1000 / o.rate;
    const tEnd = performance.now() + o.sustainedS * 1000;
    let w = 0;
    while (performance.now() < tEnd) {
      const tick = performance.now();
      const country = lagBuckets[w++ % lagBuckets.length]!;
      const res = await call(a.base, act.employer, 'POST', '/v1/vacancies', replicaVacancy(country));
      if (res.status !== 201) throw new Error(`sustained write: ${res.status}`);
      ackMs.push(res.ms);
      const acked = performance.now();
      const id = res.body.id as string;
      for (const n of ['b', 'c']) {
        waits.push(
          (async () => {
            for (;;) {
              const m = await matchedIds(rc.get(n).base, act.seeker, country);
              if (m.ids.includes(id)) return void lags.push(performance.now() - acked);
              if (performance.now() - acked > 10_000) return void lags.push(Infinity);
              await sleep(5);
            }
          })(),
        );
      }
      const left = period - (performance.now() - tick);
      if (left > 0) await sleep(left);
    }
    await Promise.all(waits);
    const follower: string[] = [];
    for (const n of ['b', 'c']) {
      const rz = await call(rc.get(n).base, null, 'GET', '/readyz');
      const al = rz.body.checks?.replication?.detail?.applyLagMs;
      follower.push(`${n}: p50 ${al?.p50} ms, p99 ${al?.p99} ms`);
    }
    console.log(
      `2. sustained writes to A, ${o.rate}/s for ${o.sustainedS} s (${ackMs.length} writes, ack p50 ${fmt(percentile(ackMs, 0.5), 1)} ms): acknowledged by A → in matches served by B and C: p50 ${fmt(percentile(lags, 0.5), 1)} ms, p99 ${fmt(percentile(lags, 0.99), 1)} ms (n ${lags.length}, polling every 5 ms + a match request)`,
    );
    console.log(`   followers' commit → applied lag (/readyz): ${follower.join('; ')}`);
  } finally {
    await rc.stopAll();
    rmSync(dir, { recursive: true, force: true });
    await pgDb.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runReplicaBench({ seed: numberArg('seed', 600), secs: numberArg('secs', 10), clients: numberArg('clients', 12), sustainedS: numberArg('sustained-s', 15), rate: numberArg('rate', 8) });
}
