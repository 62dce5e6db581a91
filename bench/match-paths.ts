/**
 * npm run bench:match-paths [-- --title]
 *
 * Stored profile vs one-off query, on the realistic set: every seeker is registered and stored (PUT
 * /v1/candidates/me) and also sent as a one-off POST /v1/matches/query with the same content (experience, skills,
 * languages, residence, destinations, education, licences, occupation, lang). The two rankings must hold the same ids
 * in the same order with the same scores and component values. With --title the first experience entry is sent as the
 * query's `title` instead (the query form's "the job I do"), to show what that shortcut changes.
 */
import { parseArgs } from 'node:util';
import { loadRealisticService } from './match-realistic-load.js';

const { values: args } = parseArgs({ options: { title: { type: 'boolean', default: false } } });

type Item = { vacancyId: string; score: number; explanation: { components: { name: string; value: number; weight: number; contribution: number }[] } };

/** The one-off query body of a stored profile's content (optionally its first job sent as `title`). */
export function queryOfProfile(p: Record<string, unknown>, asTitle = false): Record<string, unknown> {
  const exp = (p.experience as { title: string; years: number; country?: string }[] | undefined) ?? [];
  const { displayName: _n, consent: _c, ...rest } = p;
  return asTitle && exp[0] ? { ...rest, title: exp[0].title, experience: exp.slice(1) } : rest;
}

async function main() {
  const r = await loadRealisticService();
  let sameOrder = 0;
  let sameAll = 0;
  const diffs: string[] = [];
  try {
    for (const s of r.seekers) {
      const key = r.seekerKey.get(s.key)!;
      const stored = (await r.call(key, 'GET', '/v1/candidates/me/matches?limit=100')).items as Item[];
      const adhoc = (await r.call(key, 'POST', '/v1/matches/query?limit=100', queryOfProfile(s.profile, args.title))).items as Item[];
      const ids = (xs: Item[]) => xs.map((x) => x.vacancyId).join(',');
      const comps = (xs: Item[]) => JSON.stringify(xs.map((x) => [x.vacancyId, x.score, x.explanation.components.map((c) => [c.name, c.value, c.weight, c.contribution])]));
      const order = ids(stored) === ids(adhoc);
      const all = order && comps(stored) === comps(adhoc);
      if (order) sameOrder++;
      if (all) sameAll++;
      if (!all) {
        const first = stored.findIndex((x, i) => JSON.stringify(x.explanation.components) !== JSON.stringify(adhoc[i]?.explanation.components) || x.vacancyId !== adhoc[i]?.vacancyId);
        const a = stored[first];
        const b = adhoc.find((x) => x.vacancyId === a?.vacancyId);
        const delta = a && b ? a.explanation.components.flatMap((c) => {
          const o = b.explanation.components.find((x) => x.name === c.name)!;
          return o.value !== c.value || o.weight !== c.weight ? [`${c.name} ${c.value}→${o.value} (w ${c.weight}→${o.weight})`] : [];
        }) : [];
        diffs.push(`  ${s.key} ${s.group}: first difference at rank ${first + 1} (${a?.vacancyId}${b ? '' : ', absent from the query'}): stored ${a?.score} vs query ${b?.score}; ${delta.join(', ')}`);
      }
    }
  } finally {
    await r.close();
  }
  console.log(`stored vs one-off query${args.title ? ' (first job sent as title)' : ''}, ${r.seekers.length} seekers: same ids in the same order ${sameOrder}, same scores and components too ${sameAll}`);
  for (const d of diffs) console.log(d);
}

await main();
