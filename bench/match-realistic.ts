/**
 * npm run bench:match-realistic [-- --verbose] [-- --adhoc] [-- --weights mw-a,mw-b] [-- --trades]
 *
 * Ranking quality on the hand-written realistic set (bench/fixtures/realistic/, judged by hand; see its README),
 * through the real service: a fresh SQLite database, the real USE-lite embedder and HNSW index, every vacancy posted
 * with POST /v1/vacancies, every seeker registered with POST /v1/jobseekers and PUT /v1/candidates/me, then
 *   - seeker side: GET /v1/candidates/me/matches?limit=100 (no destination filter: destinations are the profile's);
 *   - employer side: GET /v1/vacancies/:id/matches?limit=100;
 *   - with --adhoc, the same seekers through POST /v1/matches/query (never stored);
 *   - with --weights, the rankings once per committed weights version, on the same loaded service (the weights are
 *     read at ranking time only, so one load compares versions side by side).
 * Each ranking is read twice: restricted to the first-round items (the 52 ads and 28 seekers of the first set, with
 * their judgements: figures comparable with earlier runs, since a pair's score does not depend on the pool) and on
 * the whole set. Figures per split (dev: where things were tuned; test: reported) and for all items:
 *   nDCG@10 (linear gains 2/1 by occupation and destination), graded nDCG@10 (the same × skill coverage judged by
 *   hand), recall@5 of the right-occupation vacancies in the seeker's destinations, the same per language the seeker
 *   writes in, employer-side recall@5 of right-occupation candidates and employer graded nDCG@5.
 */
import { parseArgs } from 'node:util';
import { loadRealisticService } from './match-realistic-load.js';
import { createApiKeySync } from './sqlite-fixtures.js';
import { loadMatchWeights, MATCH_WEIGHTS_VERSION } from '../src/matching/weights.js';
import {
  coverage,
  employerGradedGain,
  gain,
  gradedGain,
  isFirstRound,
  LANGUAGE_GROUPS,
  ndcgLinear,
  ratio,
  recallParts,
  type RealisticSeeker,
  type RealisticVacancy,
} from './match-realistic-set.js';

const { values: args } = parseArgs({ options: { why: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, adhoc: { type: 'boolean', default: false }, weights: { type: 'string' }, params: { type: 'string' }, trades: { type: 'boolean', default: false } } });
// --params '[{"occupationConfidentAt":0.5}, …]': also rank with each weights version's params overlaid by each object
// (measuring a scoring param before any version carries it; the dev split decides)
const paramVariants: Record<string, unknown>[] = args.params ? (JSON.parse(args.params) as Record<string, unknown>[]) : [];
const log = (...a: unknown[]) => console.error(...a);

interface SeekerRanking {
  seeker: RealisticSeeker;
  ranked: { vacancy: RealisticVacancy; score: number; semantic: number; parts: Parts }[];
  occupation: string;
}
interface VacancyRanking {
  vacancy: RealisticVacancy;
  ranked: { seeker: RealisticSeeker; score: number; parts: Parts; closeness?: number }[];
  occupation: string;
}
/** Component contributions of one ranked pair, from its explanation (for --why). */
type Parts = Record<string, number>;
const partsOf = (explanation: unknown): Parts =>
  Object.fromEntries(((explanation as { components?: { name: string; contribution: number }[] }).components ?? []).map((c) => [c.name, c.contribution]));
/** Which components put `wrong` above `right`: the positive differences, largest first. */
const whyAbove = (wrong: Parts, right: Parts): string =>
  Object.keys(wrong)
    .map((n) => [n, (wrong[n] ?? 0) - (right[n] ?? 0)] as const)
    .filter(([, d]) => d > 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([n, d]) => `${n} +${d.toFixed(2)}`)
    .join(', ');
type View = 'first' | 'whole' | 'trades';
// 'trades' (with --trades): the figures of the third-round items (set 3, dev only), ranked in the whole pool
const inView = (view: View, item: { set?: number }) => view === 'whole' || (view === 'trades' ? item.set === 3 : isFirstRound(item));
const poolView = (view: View): View => (view === 'trades' ? 'whole' : view);

async function main() {
  const loaded = await loadRealisticService();
  const { app, vacancies, seekers, judgements, vacancyId, keyOfVacancy, seekerKey, candidateOf, employerKey, call } = loaded;
  const adminKey = createApiKeySync(app.db, { role: 'admin' }).key;
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

    const seekerSide = async (mode: 'stored' | 'adhoc'): Promise<SeekerRanking[]> => {
      const out: SeekerRanking[] = [];
      for (const s of seekers) {
        let page: { items: { vacancyId: string; score: number; explanation: unknown }[] };
        if (mode === 'stored') page = await call(seekerKey.get(s.key)!, 'GET', '/v1/candidates/me/matches?limit=100');
        else {
          const p = s.profile as Record<string, unknown>;
          const exp = p.experience as { title: string; years: number }[];
          page = await call(seekerKey.get(s.key)!, 'POST', '/v1/matches/query?limit=100', {
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
        out.push({
          seeker: s,
          ranked: page.items.map((it) => ({
            vacancy: keyOfVacancy.get(it.vacancyId)!,
            score: it.score,
            semantic: (it.explanation as { components: { name: string; value: number }[] }).components.find((c) => c.name === 'semantic')?.value ?? 0,
            parts: partsOf(it.explanation),
          })),
          occupation: occupationShown(page.items[0]?.explanation),
        });
      }
      return out;
    };

    const employerSide = async (): Promise<VacancyRanking[]> => {
      const out: VacancyRanking[] = [];
      for (const v of vacancies) {
        // A vacancy screening held ranks no one (409 VACANCY_NOT_OPEN): its employer gets nothing, so it counts with an
        // empty ranking (recall 0), never dropped from the denominator.
        const heldFlags = loaded.held.get(v.key);
        if (heldFlags) {
          out.push({ vacancy: v, ranked: [], occupation: `(held by screening: ${heldFlags.join(', ')})` });
          continue;
        }
        const page = (await call(employerKey(v.ad.country), 'GET', `/v1/vacancies/${vacancyId.get(v.key)}/matches?limit=100`)) as {
          items: { candidateId: string; score: number; explanation: unknown }[];
          auditId: string;
        };
        // the audit record's pool carries each pair's closeness (the first tie-break)
        const audit = (await call(adminKey, 'GET', `/v1/audit/records/${page.auditId}`)) as { ranking?: { pool?: [string, number, number?][] } };
        const closeness = new Map((audit.ranking?.pool ?? []).map((e) => [e[0], e[2]]));
        out.push({
          vacancy: v,
          ranked: page.items.map((i) => ({ seeker: candidateOf.get(i.candidateId)!, score: i.score, parts: partsOf(i.explanation), closeness: closeness.get(i.candidateId) })),
          occupation: occupationShown(page.items[0]?.explanation, 'vacancy'),
        });
      }
      return out;
    };

    interface SeekerFigures { seeker: RealisticSeeker; ndcg: number; graded: number; recall: { hit: number; possible: number }; order: { hit: number; possible: number }; top: { key: string; gain: number; graded: number; score: number; title: string }[] }
    const seekerFigures = (r: SeekerRanking, view: View): SeekerFigures => {
      const s = r.seeker;
      const pool = vacancies.filter((v) => inView(poolView(view), v));
      const ranked = r.ranked.filter((x) => inView(poolView(view), x.vacancy));
      const top = ranked.slice(0, 10).map((x) => ({ key: x.vacancy.key, gain: gain(s, x.vacancy), graded: gradedGain(judgements, s, x.vacancy), score: x.score, title: x.vacancy.ad.title }));
      const inDest = new Set(pool.filter((v) => gain(s, v) === 2).map((v) => v.key));
      // Within-occupation order: pairs of right-occupation ads with the same occupation gain where the seeker has more
      // of one ad's essential requirements (hand-judged) — is that ad ranked above the other?
      const rank = new Map(ranked.map((x, i) => [x.vacancy.key, i]));
      const right = pool.filter((v) => gain(s, v) > 0 && rank.has(v.key));
      const order = { hit: 0, possible: 0 };
      for (const a of right)
        for (const b of right)
          if (gain(s, a) === gain(s, b) && coverage(judgements, s, a) > coverage(judgements, s, b)) {
            order.possible++;
            if (rank.get(a.key)! < rank.get(b.key)!) order.hit++;
          }
      return {
        order,
        seeker: s,
        ndcg: ndcgLinear(top.map((t) => t.gain), pool.map((v) => gain(s, v)), 10),
        graded: ndcgLinear(top.map((t) => t.graded), pool.map((v) => gradedGain(judgements, s, v)), 10),
        recall: recallParts(ranked.map((x) => x.vacancy.key), inDest, 5),
        top,
      };
    };
    interface VacancyFigures { vacancy: RealisticVacancy; judged: boolean; recall: { hit: number; possible: number }; graded: number; top: { key: string; relevant: boolean }[] }
    const vacancyFigures = (r: VacancyRanking, view: View): VacancyFigures => {
      const v = r.vacancy;
      const pool = seekers.filter((s) => inView(poolView(view), s));
      const ranked = r.ranked.filter((x) => inView(poolView(view), x.seeker));
      const relevant = new Set(pool.filter((s) => s.occupation === v.occupation).map((s) => s.key));
      return {
        vacancy: v,
        judged: relevant.size > 0,
        recall: recallParts(ranked.map((x) => x.seeker.key), relevant, 5),
        graded: ndcgLinear(ranked.slice(0, 5).map((x) => employerGradedGain(judgements, x.seeker, v)), pool.map((s) => employerGradedGain(judgements, s, v)), 5),
        top: ranked.slice(0, 5).map((x) => ({ key: x.seeker.key, relevant: relevant.has(x.seeker.key) })),
      };
    };

    const report = (title: string, seekRank: SeekerRanking[], empRank: VacancyRanking[] | null, view: View) => {
      const seek = seekRank.filter((r) => inView(view, r.seeker)).map((r) => seekerFigures(r, view));
      const emp = empRank?.filter((r) => inView(view, r.vacancy)).map((r) => vacancyFigures(r, view)).filter((f) => f.judged) ?? null;
      const groups = LANGUAGE_GROUPS.filter((g) => seek.some((r) => r.seeker.group === g));
      console.log(`\n## ${title} — ${view === 'first' ? 'first-round items only (52 ads, 28 seekers: comparable with earlier runs)' : view === 'trades' ? 'third-round trades items only (set 3, dev; ranked in the whole pool)' : `whole set (${vacancies.length} ads, ${seekers.length} seekers)`}\n`);
      const heldHere = vacancies.filter((v) => inView(view, v) && loaded.held.has(v.key));
      if (heldHere.length) console.log(`held by screening on posting, so ranked for no one and ranking no one (counted as misses): ${heldHere.map((v) => `${v.key} (${loaded.held.get(v.key)!.join(', ')})`).join('; ')}\n`);
      console.log(`| split | seekers | nDCG@10 (goal ≥ 0.85) | graded nDCG@10 | recall@5 in destinations (goal ≥ 0.90) | ${groups.join(' | ')} | within-occupation pairs in order | employer recall@5 (goal ≥ 0.90) | employer graded nDCG@5 | ads |`);
      console.log(`|---|---:|---:|---:|---:|${groups.map(() => '---:|').join('')}---:|---:|---:|---:|`);
      for (const split of ['dev', 'test', 'all'] as const) {
        const ss = seek.filter((r) => split === 'all' || r.seeker.split === split);
        const es = emp?.filter((r) => split === 'all' || r.vacancy.split === split) ?? [];
        const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
        const group = (g: string) => ratio(ss.filter((r) => r.seeker.group === g).map((r) => r.recall)).toFixed(3);
        console.log(
          `| ${split} | ${ss.length} | ${mean(ss.map((r) => r.ndcg)).toFixed(3)} | ${mean(ss.map((r) => r.graded)).toFixed(3)} | ${ratio(ss.map((r) => r.recall)).toFixed(3)} | ${groups.map(group).join(' | ')} | ${ratio(ss.map((r) => r.order)).toFixed(3)} (${ss.reduce((a, r) => a + r.order.possible, 0)}) | ${emp ? ratio(es.map((r) => r.recall)).toFixed(3) : '–'} | ${emp ? mean(es.map((r) => r.graded)).toFixed(3) : '–'} | ${es.length} |`,
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
      if (view === 'whole') {
        // Language bias of the semantic component: unrelated pairs (different occupation groups) whose texts share the
        // written language should get no more credit than unrelated pairs across languages.
        const same: number[] = [];
        const cross: number[] = [];
        for (const r of seekRank) {
          for (const x of r.ranked) {
            if (x.vacancy.occupation === r.seeker.occupation || !x.vacancy.ad.lang) continue;
            (x.vacancy.ad.lang === r.seeker.group ? same : cross).push(x.semantic);
          }
        }
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
        console.log(`
semantic component on unrelated pairs (different occupation group), mean: same written language ${mean(same).toFixed(3)} (${same.length} pairs), different languages ${mean(cross).toFixed(3)} (${cross.length})`);
      }
      if (args.verbose && view === 'whole') {
        const shown = new Map(seekRank.map((r) => [r.seeker.key, r.occupation]));
        console.log('\nper seeker (top 5: vacancy key, occupation gain / graded gain, score):');
        for (const r of seek) {
          console.log(`  ${r.seeker.key} ${r.seeker.split} ${r.seeker.group} ${r.seeker.occupation.padEnd(18)} nDCG ${r.ndcg.toFixed(2)} graded ${r.graded.toFixed(2)} recall ${r.recall.hit}/${r.recall.possible}  read as: ${shown.get(r.seeker.key)}`);
          console.log(`      ${r.top.slice(0, 5).map((t) => `${t.key}:${t.gain}/${t.graded.toFixed(1)} ${t.score.toFixed(2)} ${t.title.slice(0, 26)}`).join(' | ')}`);
        }
        if (emp && empRank) {
          const shownV = new Map(empRank.map((r) => [r.vacancy.key, r.occupation]));
          console.log('\nper vacancy (top 5 candidates, * = right occupation):');
          for (const r of emp) {
            console.log(`  ${r.vacancy.key} ${r.vacancy.split} ${r.vacancy.occupation.padEnd(18)} ${r.recall.hit}/${r.recall.possible}  ${r.top.map((t) => `${t.key}${t.relevant ? '*' : ''}`).join(' ')}  read as: ${shownV.get(r.vacancy.key)}`);
          }
        }
      }
    };

    // --why (dev split only): every right item missing from a top 5, and the components that put each wrong item
    // above it (contribution differences), summed per component over all such pairs.
    const why = (seek: SeekerRanking[], emp: VacancyRanking[]) => {
      const total = new Map<string, number>();
      const add = (w: Parts, r: Parts) => {
        for (const n of Object.keys(w)) total.set(n, (total.get(n) ?? 0) + Math.max(0, (w[n] ?? 0) - (r[n] ?? 0)));
      };
      console.log('\n## Why (dev): right items outside the top 5, and the wrong items above them');
      for (const r of seek.filter((x) => x.seeker.split === 'dev')) {
        const s = r.seeker;
        r.ranked.forEach((x, i) => {
          if (i < 5 || gain(s, x.vacancy) !== 2) return;
          console.log(`  ${s.key} ${s.group} ${s.occupation} (${r.occupation}): ${x.vacancy.key} "${x.vacancy.ad.title}" at ${i + 1} (${x.score.toFixed(2)})`);
          for (const w of r.ranked.slice(0, 5).filter((w) => gain(s, w.vacancy) === 0)) {
            add(w.parts, x.parts);
            console.log(`      below ${w.vacancy.key} "${w.vacancy.ad.title}" ${w.score.toFixed(2)}: ${whyAbove(w.parts, x.parts)}`);
          }
        });
      }
      const seekTotal = new Map(total);
      total.clear();
      for (const r of emp.filter((x) => x.vacancy.split === 'dev')) {
        const v = r.vacancy;
        r.ranked.forEach((x, i) => {
          if (i < 5 || x.seeker.occupation !== v.occupation) return;
          console.log(`  ${v.key} ${v.occupation} "${v.ad.title}" (${r.occupation}): ${x.seeker.key} ${x.seeker.group} at ${i + 1} (${x.score.toFixed(2)})`);
          for (const w of r.ranked.slice(0, 5).filter((w) => w.seeker.occupation !== v.occupation)) {
            add(w.parts, x.parts);
            console.log(`      below ${w.seeker.key} ${w.seeker.group} ${w.seeker.occupation} ${w.score.toFixed(2)}: ${whyAbove(w.parts, x.parts)}`);
          }
        });
      }
      const fmt = (m: Map<string, number>) => [...m.entries()].filter(([, d]) => d > 0).sort((a, b) => b[1] - a[1]).map(([n, d]) => `${n} ${d.toFixed(2)}`).join(', ');
      console.log(`  summed, seeker side: ${fmt(seekTotal)}\n  summed, employer side: ${fmt(total)}`);
    };

    // Exact score ties that straddle a top-5 boundary (position 5 and 6 share a score): there the tie rule, not the
    // score, decides what the top 5 holds; mixed = the tied group holds both right and wrong items.
    const boundaryTies = (seek: SeekerRanking[], emp: VacancyRanking[]) => {
      const count = (rankings: { scores: number[]; right: boolean[] }[]) => {
        let cut = 0;
        let mixed = 0;
        for (const r of rankings) {
          if (r.scores.length < 6 || r.scores[4] !== r.scores[5]) continue;
          cut++;
          const tied = r.scores.map((s, i) => (s === r.scores[4] ? r.right[i] : undefined)).filter((x) => x !== undefined);
          if (tied.some((x) => x) && tied.some((x) => !x)) mixed++;
        }
        return `${cut} of ${rankings.length} (${mixed} mixing right and wrong items)`;
      };
      const s = count(seek.map((r) => ({ scores: r.ranked.map((x) => x.score), right: r.ranked.map((x) => gain(r.seeker, x.vacancy) === 2) })));
      if (args.verbose)
        for (const r of emp)
          if (r.ranked.length > 5 && r.ranked[4]!.score === r.ranked[5]!.score)
            console.log(`  tie at 5 in ${r.vacancy.key} ${r.vacancy.split}: ${r.ranked.filter((x) => x.score === r.ranked[4]!.score).map((x) => `${x.seeker.key}${x.seeker.occupation === r.vacancy.occupation ? '*' : ''} ${x.score} ${JSON.stringify(x.parts)}`).join('\n    ')}`);
      const e = count(emp.map((r) => ({ scores: r.ranked.map((x) => x.score), right: r.ranked.map((x) => x.seeker.occupation === r.vacancy.occupation) })));
      console.log(`\nexact score ties across the top-5 boundary (whole set): seeker rankings ${s}; employer rankings ${e}`);
      // The tie-break's own language bias: closeness of unrelated pairs (different occupation) whose texts share the
      // ad's stated language vs not (the seeker's group is the language the seeker writes in).
      const same: number[] = [];
      const cross: number[] = [];
      const tiedSame = { first: 0, n: 0 };
      for (const r of emp) {
        for (const x of r.ranked) {
          if (x.closeness === undefined || x.seeker.occupation === r.vacancy.occupation || !r.vacancy.ad.lang) continue;
          (x.seeker.group === r.vacancy.ad.lang ? same : cross).push(x.closeness);
        }
        // among exact ties of unrelated candidates in two languages, how often the ad's language comes first
        for (let i = 0; i + 1 < r.ranked.length; i++) {
          const a = r.ranked[i]!;
          for (let j = i + 1; j < r.ranked.length && r.ranked[j]!.score === a.score; j++) {
            const b = r.ranked[j]!;
            if (a.seeker.occupation === r.vacancy.occupation || b.seeker.occupation === r.vacancy.occupation) continue;
            const sa = a.seeker.group === r.vacancy.ad.lang;
            const sb = b.seeker.group === r.vacancy.ad.lang;
            if (sa === sb) continue;
            tiedSame.n++;
            if (sa) tiedSame.first++;
          }
        }
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      console.log(
        `closeness (tie-break) on unrelated employer-side pairs, mean: seeker writes the ad's language ${mean(same).toFixed(3)} (${same.length}), another ${mean(cross).toFixed(3)} (${cross.length}); exactly tied unrelated pairs in two languages with the ad's language first: ${tiedSame.first} of ${tiedSame.n}`,
      );
    };

    const versions = args.weights ? args.weights.split(',').map((v) => v.trim()).filter(Boolean) : [MATCH_WEIGHTS_VERSION];
    const engine = app.matchEngine as unknown as { weights: ReturnType<typeof loadMatchWeights> };
    for (const [version, overlay] of versions.flatMap((v) => [[v, null] as const, ...paramVariants.map((o) => [v, o] as const)])) {
      const base = loadMatchWeights(version);
      engine.weights = overlay ? { ...base, params: { ...base.params, ...overlay } } : base;
      const tag = (versions.length > 1 || version !== MATCH_WEIGHTS_VERSION ? ` — weights ${version}` : '') + (overlay ? ` with ${JSON.stringify(overlay)}` : '');
      const seek = await seekerSide('stored');
      const emp = await employerSide();
      for (const view of ['first', 'whole', ...(args.trades ? ['trades' as const] : [])] as const) report(`Stored profiles${tag}`, seek, emp, view);
      boundaryTies(seek, emp);
      if (args.why) why(seek, emp);
      if (args.adhoc) {
        const adhoc = await seekerSide('adhoc');
        for (const view of ['first', 'whole'] as const) report(`Ad-hoc queries (POST /v1/matches/query)${tag}`, adhoc, null, view);
      }
    }
    console.log("\nGains: 2 right occupation in one of the seeker's destinations, 1 right occupation elsewhere (nDCG with linear gains, ideal over the pool); graded: the same × (0.5 + 0.5 × share of the ad's essential requirements the seeker has, judged by hand). Employer graded: right occupation × (0.5 + 0.5 × coverage).");
  } finally {
    await loaded.close();
  }
}

await main();
