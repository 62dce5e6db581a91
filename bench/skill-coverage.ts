/**
 * npm run bench:skill-coverage [-- --split dev|test|all] [-- --verbose]
 *
 * Does the essential-skills component see what a person reading both texts sees? On the realistic set
 * (bench/fixtures/realistic/, judged by hand in judgements.json), for each seeker and each ad of the seeker's own
 * occupation group that states essential requirements: the hand-judged coverage (share of the ad's requirement tags
 * the seeker has) against the essential-skills component the service computes from the same texts (each skill line
 * linked as the service links it, with the titles' likely occupations as context). Figures:
 *   - pair agreement: among pairs of such ads for the same seeker whose hand coverage differs, the share where the
 *     component orders them the same way (ties count half) — 0.5 is chance;
 *   - cross-language: the same, restricted to pairs where the seeker writes in another language than the ad;
 *   - mean component where the hand coverage is 1 and where it is 0;
 *   - link rate: the share of skill lines (seekers' and ads') that link to an ESCO skill.
 * No HTTP, no embedding of the profiles: only the taxonomy and the matching features (about a minute).
 */
import { parseArgs } from 'node:util';
import { createScriptEmbedder } from '../src/embedding/index.js';
import { loadTaxonomy } from '../src/taxonomy/index.js';
import { MatchEngine, type ProfileContent } from '../src/services/match-engine.js';
import { buildProfileFeatures, buildVacancyFeatures, computeComponents } from '../src/matching/index.js';
import type { CreateVacancy } from '../src/schemas/vacancy.js';
import { coverage, loadRealisticSet } from './match-realistic-set.js';

const { values: args } = parseArgs({ options: { split: { type: 'string', default: 'dev' }, verbose: { type: 'boolean', default: false }, params: { type: 'string' } } });
// --params '{"readingOverlapCredit":0.5}': scoring params overlaid on the served weights' (measure before a version carries them)
const overlay = args.params ? (JSON.parse(args.params) as Record<string, unknown>) : {};

/** A skill line with its suggested link and machine reading (as MatchEngine.withLinks attaches them). */
function withReading<T extends { label: string }>(x: T, sug: Awaited<ReturnType<MatchEngine['suggestForProfile']>>) {
  const l = sug.skills?.find((k) => k.label === x.label);
  const u = sug.unlinkedSkills?.find((k) => k.label === x.label);
  const r = l ?? u;
  return { ...x, ...(l ? { esco: l.esco, escoLabel: l.escoLabel } : {}), ...(r?.alts ? { alts: r.alts } : {}), ...(r?.reading ? { reading: r.reading } : {}) };
}

const embedder = await createScriptEmbedder(1);
try {
  const tax = loadTaxonomy().withEmbedder(embedder);
  const engine = new MatchEngine(tax);
  const { vacancies, seekers, judgements } = loadRealisticSet();
  const inSplit = (x: { split: string }) => args.split === 'all' || x.split === args.split;
  let lines = 0;
  let linked = 0;
  const vf = new Map<string, ReturnType<typeof buildVacancyFeatures>>();
  for (const v of vacancies.filter(inSplit)) {
    const ad = v.ad as unknown as CreateVacancy;
    const sug = await engine.suggestForVacancy({ ...ad, skills: ad.skills ?? [] } as CreateVacancy);
    const byLabel = new Map((sug.skills ?? []).map((l) => [l.label, l.esco]));
    lines += (ad.skills ?? []).length;
    linked += (ad.skills ?? []).filter((s) => byLabel.has(s.label)).length;
    vf.set(v.key, buildVacancyFeatures({ ...ad, status: 'open', skills: (ad.skills ?? []).map((s) => withReading(s, sug)) }));
    if (args.verbose) console.log(`${v.key} ${v.occupation} [${judgements.vacancies[v.key]?.join(',') ?? '-'}] ${(ad.skills ?? []).map((s) => `${s.label} → ${sug.skills?.find((l) => l.label === s.label)?.escoLabel ?? '∅'}`).join(' | ')}`);
  }
  const hi: number[] = [];
  const lo: number[] = [];
  const agree: Record<"all" | "cross", [number, number]> = { all: [0, 0], cross: [0, 0] };
  for (const s of seekers.filter(inSplit)) {
    const p = s.profile as unknown as ProfileContent & { skills: { label: string }[] };
    const sug = await engine.suggestForProfile({ ...p, experience: p.experience ?? [], languages: p.languages ?? [], destinations: p.destinations ?? [] });
    const byLabel = new Map((sug.skills ?? []).map((l) => [l.label, l]));
    lines += p.skills.length;
    linked += p.skills.filter((x) => byLabel.has(x.label)).length;
    const features = buildProfileFeatures({
      ...p,
      skills: p.skills.map((x) => withReading(x, sug)),
      consent: { matching: true, visibleToEmployers: true },
    });
    if (args.verbose) console.log(`${s.key} ${s.group} ${s.occupation} [${judgements.seekers[s.key]!.join(',')}] ${p.skills.map((x) => `${x.label} → ${byLabel.get(x.label)?.escoLabel ?? '∅'}`).join(' | ')}`);
    const ads = vacancies.filter((v) => inSplit(v) && v.occupation === s.occupation && judgements.vacancies[v.key]?.length);
    const rows = ads.map((v) => {
      const c = computeComponents(vf.get(v.key)!, features, { ...engine.weights.params, ...overlay }, engine.context(0));
      return { v, hand: coverage(judgements, s, v), comp: c.stated.essentialSkills ? c.values.essentialSkills : 0, cross: (v.ad.lang ?? 'und') !== s.group };
    });
    for (const r of rows) {
      if (r.hand === 1) hi.push(r.comp);
      if (r.hand === 0) lo.push(r.comp);
    }
    for (const a of rows)
      for (const b of rows) {
        if (a.hand <= b.hand) continue;
        const score = a.comp > b.comp ? 1 : a.comp === b.comp ? 0.5 : 0;
        agree.all[0] += score;
        agree.all[1]++;
        if (a.cross || b.cross) {
          agree.cross[0] += score;
          agree.cross[1]++;
        }
      }
    if (args.verbose) for (const r of rows) console.log(`    ${r.v.key} ${String(r.v.ad.lang ?? '?')} hand ${r.hand.toFixed(2)} component ${r.comp.toFixed(2)}`);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(`split ${args.split}: pair agreement ${(agree.all[0] / agree.all[1]).toFixed(3)} (${agree.all[1]} pairs); with a cross-language side ${(agree.cross[0] / Math.max(1, agree.cross[1])).toFixed(3)} (${agree.cross[1]}); mean component at hand coverage 1: ${mean(hi).toFixed(3)} (${hi.length}), at 0: ${mean(lo).toFixed(3)} (${lo.length}); skill lines linked ${linked}/${lines} (${(linked / lines).toFixed(3)})`);
} finally {
  await embedder.close();
}
