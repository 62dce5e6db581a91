/**
 * npm run bench:match-realistic [-- --verbose] [-- --adhoc] [-- --weights mw-a,mw-b]
 *
 * Ranking quality on the hand-written realistic set (bench/fixtures/realistic/, judged by hand; see its README),
 * through the real service: a fresh SQLite database, the real USE-lite embedder and HNSW index, every vacancy posted
 * with POST /v1/vacancies, every seeker registered with POST /v1/jobseekers and PUT /v1/candidates/me, then
 *   - seeker side: GET /v1/candidates/me/matches?limit=10 (no destination filter: destinations are the profile's);
 *   - employer side: GET /v1/vacancies/:id/matches?limit=5;
 *   - with --adhoc, the same seekers through POST /v1/matches/query (never stored);
 *   - with --weights, the rankings once per committed weights version, on the same loaded service (the weights are
 *     read at ranking time only, so one load compares versions side by side).
 * Figures per split (dev: where things were tuned; test: reported) and for the whole set:
 *   nDCG@10 (linear gains 2/1), recall@5 of the right-occupation vacancies in the seeker's destinations, the same per
 *   language the seeker writes in, and employer-side recall@5 of right-occupation candidates.
 */
import { parseArgs } from 'node:util';
import { loadRealisticService } from './match-realistic-load.js';
import { loadMatchWeights, MATCH_WEIGHTS_VERSION } from '../src/matching/weights.js';
import { gain, ndcgLinear, ratio, recallParts, type RealisticSeeker, type RealisticVacancy } from './match-realistic-set.js';

const { values: args } = parseArgs({ options: { verbose: { type: 'boolean', default: false }, adhoc: { type: 'boolean', default: false }, weights: { type: 'string' } } });
const log = (...a: unknown[]) => console.error(...a);

interface SeekerResult {
  seeker: RealisticSeeker;
  ndcg: number;
  recall: { hit: number; possible: number };
  top: { key: string; gain: number; score: number; title: string }[];
  occupation: string;
}
interface VacancyResult {
  vacancy: RealisticVacancy;
  recall: { hit: number; possible: number };
  top: { key: string; relevant: boolean; score: number }[];
  occupation: string;
}

async function main() {
  const loaded = await loadRealisticService();
  const { app, vacancies, seekers, vacancyId, keyOfVacancy, seekerKey, candidateOf, employerKey, call } = loaded;
  try {
    log(`loaded ${vacancies.length} vacancies and ${seekers.length} seekers through the API in ${loaded.loadSeconds.toFixed(1)} s`);

    type Reading = { status: string; candidates: { label: { text: string }; probability: number }[] };
    const occupationShown = (explanation: unknown, side: 'profile' | 'vacancy' = 'profile'): string => {
      const o = explanation as { occupation?: { profile: Reading; vacancy: Reading } } | undefined;
      const r = o?.occupation?.[side];
      if (!r) return '?';
      if (r.candidates.length === 0) return r.status;
      return r.candidates.slice(0, 2).map((x) => `${x.label.text} (${x.probability.toFixed(2)})`).join('; ');
    };

    const seekerSide = async (mode: 'stored' | 'adhoc'): Promise<SeekerResult[]> => {
      const out: SeekerResult[] = [];
      for (const s of seekers) {
        let page: { items: { vacancyId: string; score: number; vacancy: { title: string }; explanation: unknown }[]; interpreted?: unknown };
        if (mode === 'stored') page = await call(seekerKey.get(s.key)!, 'GET', '/v1/candidates/me/matches?limit=10');
        else {
          const p = s.profile as Record<string, unknown>;
          const exp = p.experience as { title: string; years: number }[];
          page = await call(seekerKey.get(s.key)!, 'POST', '/v1/matches/query?limit=10', {
            title: exp[0]?.title,
            skills: p.skills,
            experience: exp.slice(1),
            languages: p.languages,
            residenceCountry: p.residenceCountry,
            destinations: p.destinations,
            ...(p.educationLevel !== undefined ? { educationLevel: p.educationLevel } : {}),
            ...(p.lang ? { lang: p.lang } : {}),
          });
        }
        const top = page.items.map((it) => {
          const v = keyOfVacancy.get(it.vacancyId)!;
          return { key: v.key, gain: gain(s, v), score: it.score, title: v.ad.title };
        });
        const pool = vacancies.map((v) => gain(s, v));
        const inDest = new Set(vacancies.filter((v) => gain(s, v) === 2).map((v) => vacancyId.get(v.key)!));
        const first = page.items[0]?.explanation as Record<string, unknown> | undefined;
        out.push({
          seeker: s,
          ndcg: ndcgLinear(top.map((t) => t.gain), pool, 10),
          recall: recallParts(page.items.map((it) => it.vacancyId), inDest, 5),
          top,
          occupation: occupationShown(first),
        });
      }
      return out;
    };

    const employerSide = async (): Promise<VacancyResult[]> => {
      const out: VacancyResult[] = [];
      const judged = new Set(seekers.map((s) => s.occupation));
      for (const v of vacancies) {
        if (!judged.has(v.occupation)) continue;
        const page = (await call(employerKey(v.ad.country), 'GET', `/v1/vacancies/${vacancyId.get(v.key)}/matches?limit=5`)) as {
          items: { candidateId: string; score: number; explanation: unknown }[];
        };
        const relevant = new Set([...candidateOf.entries()].filter(([, s]) => s.occupation === v.occupation).map(([id]) => id));
        out.push({
          vacancy: v,
          recall: recallParts(page.items.map((i) => i.candidateId), relevant, 5),
          top: page.items.map((i) => ({ key: candidateOf.get(i.candidateId)!.key, relevant: relevant.has(i.candidateId), score: i.score })),
          occupation: occupationShown(page.items[0]?.explanation, 'vacancy'),
        });
      }
      return out;
    };

    const report = (title: string, seek: SeekerResult[], emp: VacancyResult[] | null) => {
      console.log(`\n## ${title}\n`);
      console.log('| split | seekers | nDCG@10 (goal ≥ 0.85) | recall@5 in destinations (goal ≥ 0.90) | fr | es | ar | en | employer recall@5 (goal ≥ 0.90) | vacancies |');
      console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
      for (const split of ['dev', 'test', 'all'] as const) {
        const ss = seek.filter((r) => split === 'all' || r.seeker.split === split);
        const es = emp?.filter((r) => split === 'all' || r.vacancy.split === split) ?? [];
        const ndcg = ss.reduce((a, r) => a + r.ndcg, 0) / Math.max(1, ss.length);
        const group = (g: string) => ratio(ss.filter((r) => r.seeker.group === g).map((r) => r.recall)).toFixed(3);
        console.log(
          `| ${split} | ${ss.length} | ${ndcg.toFixed(3)} | ${ratio(ss.map((r) => r.recall)).toFixed(3)} | ${group('fr')} | ${group('es')} | ${group('ar')} | ${group('en')} | ${emp ? ratio(es.map((r) => r.recall)).toFixed(3) : '–'} | ${es.length} |`,
        );
      }
      if (emp) {
        const byLang = new Map<string, { hit: number; possible: number }[]>();
        for (const r of emp) {
          const l = String(r.vacancy.ad.lang ?? 'unstated');
          byLang.set(l, [...(byLang.get(l) ?? []), r.recall]);
        }
        console.log(`\nemployer recall@5 by the ad's stated language (all splits): ${[...byLang.entries()].map(([l, p]) => `${l} ${ratio(p).toFixed(2)} (${p.length})`).join(', ')}`);
      }
      if (args.verbose) {
        console.log('\nper seeker (top 5: vacancy key, gain):');
        for (const r of seek) {
          console.log(`  ${r.seeker.key} ${r.seeker.group} ${r.seeker.occupation.padEnd(18)} nDCG ${r.ndcg.toFixed(2)} recall ${r.recall.hit}/${r.recall.possible}  read as: ${r.occupation}`);
          console.log(`      ${r.top.slice(0, 5).map((t) => `${t.key}:${t.gain} ${t.score.toFixed(2)} ${t.title.slice(0, 28)}`).join(' | ')}`);
        }
        if (emp) {
          console.log('\nper vacancy (top 5 candidates, * = right occupation):');
          for (const r of emp) {
            console.log(`  ${r.vacancy.key} ${r.vacancy.occupation.padEnd(18)} ${r.recall.hit}/${r.recall.possible}  ${r.top.map((t) => `${t.key}${t.relevant ? '*' : ''}`).join(' ')}  read as: ${r.occupation}`);
          }
        }
      }
    };

    const versions = args.weights ? args.weights.split(',').map((v) => v.trim()).filter(Boolean) : [MATCH_WEIGHTS_VERSION];
    const engine = app.matchEngine as unknown as { weights: ReturnType<typeof loadMatchWeights> };
    for (const version of versions) {
      engine.weights = loadMatchWeights(version);
      const tag = versions.length > 1 || version !== MATCH_WEIGHTS_VERSION ? ` — weights ${version}` : '';
      report(`Stored profiles (GET /v1/candidates/me/matches, GET /v1/vacancies/:id/matches)${tag}`, await seekerSide('stored'), await employerSide());
      if (args.adhoc) report(`Ad-hoc queries (POST /v1/matches/query)${tag}`, await seekerSide('adhoc'), null);
    }
    console.log('\nGains: 2 right occupation in one of the seeker\'s destinations, 1 right occupation elsewhere (nDCG with linear gains, ideal over the whole pool).');
  } finally {
    await loaded.close();
  }
}

await main();
