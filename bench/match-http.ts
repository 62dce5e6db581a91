/**
 * npm run bench:match [-- --n 100000 --seconds 20 --connections 8 --retrieval 200]
 *
 * Loads N open vacancies (real ESCO occupations and skills; vectors synthesised from real USE-lite embeddings of the
 * occupation titles plus noise, because embedding 100k texts takes hours here), starts the real HTTP server, and drives
 * stored-profile matches with autocannon. Reports p50/p99, req/s, and the share of server time per phase (from the
 * Server-Timing header). Absolute numbers depend on this noisy 2-core machine; compare runs side by side.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.js';
import { createApiKeyIn } from '../src/services/api-keys.js';
import { insertEmptyCandidate } from '../src/services/candidates.js';
import { vacancyInsertRow } from '../src/services/vacancies.js';
import { employers, vacancies } from '../src/db/schema/index.js';
import { nowIso } from '../src/db/client.js';
import { vacancyAttrs } from '../src/plugins/collections.js';
import { newId } from '../src/ids.js';
import { mulberry32 } from '../src/seeded-random.js';
import { gaussian } from '../src/vector-index/synthetic.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '8' },
    retrieval: { type: 'string', default: '200' },
    occupations: { type: 'string', default: '300' },
    noise: { type: 'string', default: '0.35' },
  },
});
const N = Number(values.n);
const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-match-'));
const log = (...a: unknown[]) => console.error(...a);

const rand = mulberry32(42);
const gauss = () => gaussian(rand);

async function main() {
  const app = await buildApp({
    logger: false,
    config: {
      DATABASE_PATH: join(dir, 'bench.db'),
      INDEX_DIR: join(dir, 'index'),
      PASSERELLE_DEMO: false,
      RATE_LIMIT_MAX: 10_000_000,
      MAX_EVENT_LOOP_DELAY_MS: 0,
      REFERENCE_SERIES_LOAD: false,
      MATCH_RETRIEVAL_N: Number(values.retrieval),
      INDEX_SNAPSHOT_INTERVAL_S: 0,
    },
  });
  await app.ready();
  const tax = app.taxonomy;
  const occs = tax.occupations.filter((o) => (tax.occupationSkills(o.uri)?.essential.length ?? 0) >= 4).slice(0, Number(values.occupations));
  log(`embedding ${occs.length} occupation titles (real USE-lite)…`);
  const base = await app.embedder.embed(occs.map((o) => tax.label(o, 'en')));

  const empId = newId('emp');
  app.db.insert(employers).values({ id: empId, name: 'Bench employer', country: 'DE', createdAt: nowIso(), updatedAt: nowIso() }).run();
  const countries = ['DE', 'FR', 'NL', 'ES', 'IT', 'BE', 'AT', 'SE', 'PL', 'PT'];
  const noise = Number(values.noise);
  const dims = app.embedder.dimensions;
  log(`inserting ${N} vacancies with vectors…`);
  const t0 = performance.now();
  const BATCH = 5000;
  for (let start = 0; start < N; start += BATCH) {
    app.db.transaction((tx) => {
      for (let i = start; i < Math.min(N, start + BATCH); i++) {
        const oi = Math.floor(rand() * occs.length);
        const o = occs[oi]!;
        const rel = tax.occupationSkills(o.uri)!;
        const row = tx.insert(vacancies).values(vacancyInsertRow(empId, {
          title: tax.label(o, 'en'),
          description: o.description.slice(0, 300) || tax.label(o, 'en'),
          country: countries[i % countries.length]!,
          skills: [
            ...rel.essential.slice(0, 6).map((s) => ({ label: tax.label(s, 'en'), esco: s.uri, essential: true })),
            ...rel.optional.slice(0, 3).map((s) => ({ label: tax.label(s, 'en'), esco: s.uri, essential: false })),
          ],
          languages: [{ code: 'en', level: 'B1' }],
          occupation: { esco: o.uri, isco: o.iscoGroup },
          shortage: i % 3 === 0,
          status: 'open',
        })).returning().get();
        const v = new Float32Array(dims);
        const b = base[oi]!;
        let norm = 0;
        for (let d = 0; d < dims; d++) {
          v[d] = b[d]! + (noise / Math.sqrt(dims)) * gauss();
          norm += v[d]! * v[d]!;
        }
        norm = Math.sqrt(norm);
        for (let d = 0; d < dims; d++) v[d]! /= norm;
        app.collections.vacancies.upsert(row.id, v, vacancyAttrs(row), { tx });
      }
    });
    app.collections.vacancies.catchUp();
    if ((start / BATCH) % 4 === 0) log(`  ${Math.min(N, start + BATCH)} / ${N} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const loadS = (performance.now() - t0) / 1000;
  // Bulk loads go through a full rebuild in a worker thread rather than 100k incremental graph inserts.
  const t1 = performance.now();
  await app.collections.vacancies.rebuild();
  await app.collections.vacancies.whenReady();
  const buildS = (performance.now() - t1) / 1000;
  if (app.collections.vacancies.status().pending > 0) app.collections.vacancies.drain();

  // A seeker: a real profile written with ESCO alternative labels of a nurse's skills.
  const nurse = tax.occupations.find((o) => tax.label(o, 'en') === 'specialist nurse')!;
  const cand = await app.storage.transaction((tx) => insertEmptyCandidate(tx, 'Bench seeker'));
  const skills = tax.occupationSkills(nurse.uri)!.essential.slice(0, 6).map((s) => ({ label: s.labels.en?.alt?.[0] ?? tax.label(s, 'en') }));
  await app.candidateWriter.put(cand, {
    displayName: 'Bench seeker',
    skills,
    experience: [{ title: 'nurse', years: 5 }],
    languages: [{ code: 'en', level: 'C1' }],
    residenceCountry: 'PH',
    destinations: ['DE', 'NL'],
    consent: { matching: true, visibleToEmployers: true },
  });
  const key = (await createApiKeyIn(app.storage, { role: 'jobseeker', candidateId: cand.id })).key;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/v1/candidates/me/matches?limit=10`;

  // Phase shares from Server-Timing over a sequential sample.
  const phases: Record<string, number> = {};
  for (let i = 0; i < 200; i++) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    if (res.status !== 200) throw new Error(`match request failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    for (const part of (res.headers.get('server-timing') ?? '').split(',')) {
      const m = /\s*(\w+);dur=([\d.]+)/.exec(part);
      if (m) phases[m[1]!] = (phases[m[1]!] ?? 0) + Number(m[2]);
    }
  }
  const total = Object.values(phases).reduce((a, b) => a + b, 0);

  const result = await autocannon({
    url,
    connections: Number(values.connections),
    duration: Number(values.seconds),
    headers: { authorization: `Bearer ${key}` },
  });
  const status = app.collections.vacancies.status();
  console.log(`\n## bench:match — N=${N} vacancies, retrieval N=${values.retrieval}, ${values.connections} connections, ${values.seconds} s`);
  console.log(`load: ${loadS.toFixed(0)} s (rows + vectors), HNSW build ${buildS.toFixed(0)} s in a worker; index ${status.size} items, ${status.pending} pending, state ${status.state}`);
  console.log('| measure | value |\n|---|---|');
  console.log(`| req/s (mean) | ${result.requests.average.toFixed(0)} |`);
  console.log(`| latency p50 | ${result.latency.p50} ms |`);
  console.log(`| latency p99 | ${result.latency.p99} ms |`);
  console.log(`| non-2xx | ${result.non2xx} |`);
  console.log('\nshare of server time per phase (200 sequential requests, Server-Timing):');
  console.log('| phase | mean ms | share |\n|---|---|---|');
  for (const [k, v] of Object.entries(phases)) console.log(`| ${k} | ${(v / 200).toFixed(2)} | ${((100 * v) / total).toFixed(0)}% |`);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
