/**
 * Skill lines that the linker read as neighbouring concepts (issue 11: the essential-skills component agreed with hand
 * coverage in about half of the pairs): each line keeps its machine reading (the other ESCO skills it may mean, its
 * English reading), and two lines whose readings meet earn `readingOverlapCredit`, listed as evidence like any other.
 * Pure scorer with hand-made features, plus the service's stored reading of a real line.
 */
import { describe, expect, it } from 'vitest';
import { buildProfileFeatures, buildVacancyFeatures, loadMatchWeights, scoreMatch } from '../src/matching/index.js';
import { loadTaxonomy } from '../src/taxonomy/index.js';
import { MatchEngine } from '../src/services/match-engine.js';
import { nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

const S = (id: string): string => `http://data.europa.eu/esco/skill/${id}`;
const base = loadMatchWeights();
const { readingOverlapCredit: _off, ...offParams } = base.params;
const on = { ...base, params: { ...base.params, readingOverlapCredit: 0.5 } };
const off = { ...base, params: offParams };
const ctx = { semantic: 0.3, relatedness };

// An ad asking for personal care (read as "apply hygiene standards", runner-up "maintain personal hygiene standards").
const ad = nurseVacancy({
  skills: [
    { label: "soins d'hygiène", esco: S('apply-hygiene'), alts: [S('personal-hygiene')], reading: 'care hygiene', essential: true },
    { label: 'Essen anreichen', reading: 'feeding meals', essential: true },
  ],
});
const comp = (s: ReturnType<typeof scoreMatch>, n: string) => s.components.find((c) => c.name === n)!;

describe('skill readings', () => {
  it("credits a line whose concept is among the requirement's alternatives, and lists it as evidence", () => {
    const p = nurseProfile({ skills: [{ label: 'Körperpflege', esco: S('personal-hygiene') }] });
    const withReadings = scoreMatch(ad, p, on, ctx);
    expect(comp(scoreMatch(ad, p, off, ctx), 'essentialSkills').value).toBe(0);
    expect(comp(withReadings, 'essentialSkills').value).toBeGreaterThan(0);
    const m = withReadings.matchedSkills.find((x) => x.label === "soins d'hygiène")!;
    expect(m).toMatchObject({ credit: 0.5, evidence: { label: 'Körperpflege', how: 'related' } });
    // counts and lists come from the same matched set: one requirement met in part, one missing
    expect(withReadings.matchedSkills).toHaveLength(1);
    expect(withReadings.missingSkills.map((x) => x.label)).toEqual(['Essen anreichen']);
  });

  it('compares the English readings of two unlinked lines in two other languages', () => {
    const p = nurseProfile({ skills: [{ label: 'aide aux repas', reading: 'feeding meals' }] });
    const s = scoreMatch(ad, p, on, ctx);
    expect(s.matchedSkills.find((x) => x.label === 'Essen anreichen')?.evidence).toMatchObject({ how: 'lexical', label: 'aide aux repas' });
    expect(scoreMatch(ad, p, off, ctx).matchedSkills).toHaveLength(0);
  });

  it('never beats an exact link, and two unrelated readings earn nothing', () => {
    const exact = nurseProfile({ skills: [{ label: 'hygiene', esco: S('apply-hygiene'), alts: [S('x')] }] });
    expect(scoreMatch(ad, exact, on, ctx).matchedSkills[0]).toMatchObject({ credit: 1, evidence: { how: 'exact' } });
    const unrelated = nurseProfile({ skills: [{ label: 'soudage', esco: S('weld'), alts: [S('grind')], reading: 'welding' }] });
    expect(scoreMatch(ad, unrelated, on, ctx).matchedSkills).toHaveLength(0);
  });

  it('features keep at most four alternatives and a short reading, from raw rows only as machine readings', () => {
    const p = buildProfileFeatures({ skills: [{ label: 'x', alts: ['a', 'b', 'c', 'd', 'e', 7], reading: 'y' }], consent: { matching: true } });
    expect(p.skills[0]).toEqual({ label: 'x', alts: ['a', 'b', 'c', 'd'], reading: 'y' });
    const v = buildVacancyFeatures({ title: 't', status: 'open', skills: [{ label: 'x', reading: 'r'.repeat(300) }] });
    expect(v.skills[0]).toEqual({ label: 'x', essential: true });
  });

  it('the service stores the English reading of a French line, and no alternatives for gibberish', async () => {
    const engine = new MatchEngine(loadTaxonomy());
    const r = await engine.linkSkills([{ label: "soins d'hygiène" }, { label: 'xqzv wbrt' }]);
    const line = [...r.links, ...r.unlinked].find((x) => x.label === "soins d'hygiène")!;
    expect(line.reading).toBe('hygiene care'); // "soins d'hygiène" reads as one expression (care given, not the worker's own hygiene)
    expect(r.unlinked.find((x) => x.label === 'xqzv wbrt')?.alts ?? []).toEqual([]);
  });
});
