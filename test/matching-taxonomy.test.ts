/** The matching core driven by the real taxonomy (no mocks): French seeker → ESCO links → ranked, explained in French. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type Taxonomy } from '../src/taxonomy/index.js';
import { MatchEngine, titleBackoff } from '../src/services/match-engine.js';
import {
  buildProfileFeatures,
  buildSkillOccupationIndex,
  buildVacancyFeatures,
  explainMatch,
  inferOccupations,
  loadMatchWeights,
  rankMatches,
  scoreMatch,
  skillSpecificity,
  type SkillOccupationIndex,
  type VacancyFeatures,
} from '../src/matching/index.js';

let tax: Taxonomy;
let index: SkillOccupationIndex;
const weights = loadMatchWeights();

beforeAll(() => {
  tax = loadTaxonomy();
  index = buildSkillOccupationIndex(
    tax.occupations.flatMap((o) => {
      const rel = tax.occupationSkills(o.uri);
      return rel ? [{ uri: o.uri, iscoCode: o.code || o.iscoGroup, essential: rel.essential.map((s) => s.uri), optional: rel.optional.map((s) => s.uri) }] : [];
    }),
  );
});

async function vacancyFor(id: string, title: string): Promise<VacancyFeatures> {
  const [occ] = await tax.normalizeTitle(title, { lang: 'en', limit: 1 });
  const rel = tax.occupationSkills(occ!.id)!;
  return buildVacancyFeatures({
    id,
    title,
    status: 'open',
    country: 'FR',
    occupation: { escoUri: occ!.id, iscoCode: tax.occupation(occ!.id)!.code, source: 'set' },
    skills: [...rel.essential.slice(0, 8).map((s) => ({ label: tax.label(s, 'en'), esco: s.uri, essential: true })), ...rel.optional.slice(0, 3).map((s) => ({ label: tax.label(s, 'en'), esco: s.uri, essential: false }))],
    languages: [{ code: 'fr', level: 'B2' }],
  });
}

describe('matching with the real taxonomy', () => {
  it('a French-speaking nurse is matched to the nursing vacancy first, explained in French', async () => {
    const nurse = await vacancyFor('vac_nurse', 'specialist nurse');
    const welder = await vacancyFor('vac_welder', 'welder');
    const nurseOcc = tax.occupationSkills(nurse.occupations[0]!.escoUri!)!;
    // The seeker writes four of the occupation's essential skills in French, free text.
    const frLabels = nurseOcc.essential.slice(0, 4).map((s) => tax.label(s, 'fr'));
    const raw = {
      id: 'cand_1',
      nationality: 'SN', // must be ignored
      skills: frLabels.map((label) => {
        const [link] = tax.linkSkill(label, { lang: 'fr', limit: 1 });
        return { label, ...(link && link.score >= 0.45 ? { esco: link.id } : {}) };
      }),
      languages: [{ code: 'fr', level: 'B1' }],
      destinations: ['FR'],
      consent: { matching: true, visibleToEmployers: false },
    };
    const draft = buildProfileFeatures(raw);
    const titleSugs = (await tax.normalizeTitle('infirmière', { lang: 'fr', limit: 10 })).map((r) => ({ escoUri: r.id, score: r.score }));
    const profile = {
      ...draft,
      occupations: inferOccupations(
        titleSugs,
        draft.skills.flatMap((s) => (s.esco ? [s.esco] : [])),
        index,
        { titleWeight: weights.params.occupationTitleWeight, limit: 1 },
      ),
    };
    expect(profile.skills.filter((s) => s.esco).length).toBe(4);
    expect(profile.occupations[0]!.iscoCode!.startsWith('2221')).toBe(true);

    const specificity = skillSpecificity(index);
    const relatedness = (a: string, b: string) => tax.relatedSkills(a).find((r) => r.uri === b)?.weight ?? 0;
    const ranked = rankMatches(
      [
        { id: welder.id, vacancy: welder, profile, semantic: 0.3 },
        { id: nurse.id, vacancy: nurse, profile, semantic: 0.3 },
      ],
      weights,
      { now: '2026-11-29T00:00:00Z', requireVisibility: false, relatedness, specificity },
    );
    expect(ranked.items.map((i) => i.id)).toEqual(['vac_nurse', 'vac_welder']);
    expect(ranked.items[0]!.match.score - ranked.items[1]!.match.score).toBeGreaterThan(0.3);

    const { score, explanation } = explainMatch(nurse, profile, weights, { semantic: 0.3, relatedness, specificity }, { languages: 'fr-FR,fr;q=0.9' });
    expect(explanation.lang).toBe('fr');
    expect(explanation.summary).toMatch(/^Cette offre correspond à votre profil/);
    expect(explanation.matchedSkills.filter((m) => m.evidence.how === 'exact').length).toBe(4);
    expect(explanation.languageGaps).toEqual([{ code: 'fr', required: 'B2', have: 'B1' }]);
    expect(explanation.improve.length).toBeGreaterThan(0);
    const step = explanation.improve[0]!;
    if (step.kind === 'licence') throw new Error('no licence is required here');
    const improved =
      step.kind === 'skill'
        ? { ...profile, skills: [...profile.skills, { label: step.label, ...(step.esco ? { esco: step.esco } : {}) }] }
        : { ...profile, languages: [{ code: step.code, level: step.level }] };
    expect(scoreMatch(nurse, improved, weights, { semantic: 0.3, relatedness, specificity }).score).toBe(step.scoreAfter);
    expect(step.scoreAfter).toBeGreaterThan(score.score);
  });
});

describe('occupation title check (the part of a reading that is unknown)', () => {
  it('reads German ad titles by their ISCO unit group, and only the group they name', () => {
    const engine = new MatchEngine(tax);
    const uri = (en: string) => tax.occupations.find((o) => tax.label(o, 'en') === en)!.uri;
    const truck = uri('cargo vehicle driver');
    const nurse = uri('nurse responsible for general care');
    const welder = uri('welder');
    expect(engine.occupationTitleFit('LKW-Fahrer CE (m/w/d) Nahverkehr', truck)).toBeGreaterThanOrEqual(0.8);
    expect(engine.occupationTitleFit('Berufskraftfahrer Fernverkehr (m/w/d)', truck)).toBeGreaterThanOrEqual(0.8);
    expect(engine.occupationTitleFit('Pflegefachkraft (m/w/d) Innere Medizin', nurse)).toBeGreaterThanOrEqual(0.8);
    expect(engine.occupationTitleFit('Metallschweißer (m/w/d)', welder)).toBeGreaterThanOrEqual(0.8); // end of a compound
    // A bus driver is not a truck driver, a care helper is not a nurse, a welder is not a nurse.
    expect(engine.occupationTitleFit('Busfahrer (m/w/d) ÖPNV', truck)).toBe(0);
    expect(engine.occupationTitleFit('Pflegehelfer (m/w/d) Altenpflege', nurse)).toBe(0);
    expect(engine.occupationTitleFit('Schweißer MAG/WIG (m/w/d)', nurse)).toBe(0);
    // ESCO's own labels in every language still name the occupation exactly.
    expect(engine.occupationTitleFit('Soudeur TIG/MIG H/F', welder)).toBe(1);
  });
});

describe('an ad title read as nothing is read again without its qualifiers (titleBackoff)', () => {
  it('cuts the qualifier segment, then unit and trade codes in capitals; a title read as written is never re-read', async () => {
    expect(titleBackoff('Home carer – live-in, elderly lady with dementia', 0)).toBe('Home carer');
    expect(titleBackoff('Enfermero/a UCI', 0)).toBeUndefined(); // no separator: nothing shorter at step 0
    expect(titleBackoff('Enfermero/a UCI', 1)).toBe('Enfermero/a');
    expect(titleBackoff('OR nurse / theatre nurse - Amsterdam UMC', 1)).toBe('nurse');
    expect(titleBackoff('welder', 0)).toBeUndefined();
    const engine = new MatchEngine(tax);
    const isco = async (title: string) => {
      const s = await engine.suggestForVacancy({ title, skills: [], country: 'ES', languages: [], status: 'open' } as never);
      return { status: s.occupationStatus, isco: s.occupations?.[0]?.isco ?? null };
    };
    // as written the taxonomy abstains on both; read again, a nurse ad reads as a nursing occupation (ISCO 22/32) and a
    // live-in carer ad as a care worker (ISCO 53 or 3412, care at home worker)
    const nurse = await isco('Enfermero/a UCI');
    expect(nurse.status).toBe('inferred');
    expect(nurse.isco).toMatch(/^(222|322|532)/);
    const carer = await isco('Home carer – live-in, elderly lady with dementia');
    expect(carer.status).toBe('inferred');
    expect(carer.isco).toMatch(/^(53|3412)/);
    // a person's titles are not re-read (on the dev split that read "enfermera UCI" as a nurse assistant)
    const person = await engine.suggestForProfile({ skills: [], experience: [{ title: 'Home carer – live-in, elderly lady with dementia', years: 3 }], languages: [], destinations: [] });
    expect(person.occupationStatus).toBe('abstained');
  });
});
