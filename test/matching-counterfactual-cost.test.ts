import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { counterfactualImprovements, loadMatchWeights, scoreMatch, type Improvement, type ProfileFeatures, type ProfileSkill, type VacancyFeatures } from '../src/matching/index.js';
import { MAX_SKILL_TRIES } from '../src/matching/explain.js';
import { evidenceOnlyProfile } from '../src/matching/evidence-skills.js';
import { nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

const weights = loadMatchWeights();
const ctx = { semantic: 0.62, relatedness };
const S = (id: string): string => `http://data.europa.eu/esco/skill/${id}`;

// Labels and URIs drawn from a small pool so that exact, related, lexical and duplicate evidence all occur.
const LABELS = ['administer medication', 'give medicine to patients', 'monitor patient vital signs', 'check vital signs', 'apply wound care',
  'wound dressing', 'maintain patient records', 'maintaining patient record', 'use electronic health records', 'provide palliative care', 'welding'];
const URIS = [S('administer-medication'), S('monitor-vitals'), S('monitor-vitals-adjacent'), S('wound-care'), S('ehr'), S('palliative')];
const skillArb: fc.Arbitrary<ProfileSkill> = fc.record(
  { label: fc.constantFrom(...LABELS), esco: fc.option(fc.constantFrom(...URIS), { nil: undefined }) },
  { requiredKeys: ['label'] },
).map((s) => (s.esco ? s : { label: s.label }));

const scoreParts = (p: ProfileFeatures, extra?: ProfileSkill) => {
  const s = scoreMatch(nurseVacancy(), extra ? { ...p, skills: [...p.skills, extra] } : p, weights, ctx);
  return { score: s.score, rawScore: s.rawScore, components: s.components, matchedSkills: s.matchedSkills, missing: s.missingSkills };
};

describe('evidenceOnlyProfile (the counterfactual works on the evidence skills only)', () => {
  it('scores exactly like the full profile, alone and with any one skill added', () => {
    fc.assert(
      fc.property(fc.array(skillArb, { maxLength: 40 }), (skills) => {
        const full = nurseProfile({ skills });
        const reduced = evidenceOnlyProfile(full, scoreMatch(nurseVacancy(), full, weights, ctx));
        expect(reduced.skills.length).toBeLessThanOrEqual(nurseVacancy().skills.length);
        expect(scoreParts(reduced)).toEqual(scoreParts(full));
        for (const req of nurseVacancy().skills) {
          const added = { label: req.label, ...(req.esco ? { esco: req.esco } : {}) };
          expect(scoreParts(reduced, added)).toEqual(scoreParts(full, added));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a 200-skill profile down to the vacancy’s evidence', () => {
    const filler = Array.from({ length: 200 }, (_, i) => ({ label: `unrelated skill number ${i}` }));
    const full = nurseProfile({ skills: [...filler, { label: 'give medicine to patients', esco: S('administer-medication') }] });
    const reduced = evidenceOnlyProfile(full, scoreMatch(nurseVacancy(), full, weights, ctx));
    expect(reduced.skills).toEqual([{ label: 'give medicine to patients', esco: S('administer-medication') }]);
  });
});

/** The unbounded greedy counterfactual on the full profile: every missing skill and language level tried at each step. */
function bruteForce(v: VacancyFeatures, p: ProfileFeatures): Improvement[] {
  const steps: Improvement[] = [];
  let cur = p;
  let curScore = scoreMatch(v, cur, weights, ctx);
  while (steps.length < 3) {
    let best: { step: Improvement; profile: ProfileFeatures; s: ReturnType<typeof scoreMatch> } | null = null;
    const credited = new Map(curScore.matchedSkills.map((m) => [`${m.essential}|${m.esco ?? ''}|${m.label}`, m.credit]));
    const tries: { step: Omit<Improvement, 'scoreAfter' | 'gain'>; profile: ProfileFeatures }[] = [];
    for (const r of v.skills) {
      if ((credited.get(`${r.essential}|${r.esco ?? ''}|${r.label}`) ?? 0) >= 1) continue;
      const add = { label: r.label, ...(r.esco ? { esco: r.esco } : {}) };
      tries.push({ step: { kind: 'skill', ...add, essential: r.essential } as never, profile: { ...cur, skills: [...cur.skills, add] } });
    }
    for (const g of curScore.languageGaps) {
      tries.push({
        step: { kind: 'language', code: g.code, level: g.required, from: g.have } as never,
        profile: { ...cur, languages: [...cur.languages.filter((l) => l.code.toLowerCase() !== g.code), { code: g.code, level: g.required }] },
      });
    }
    for (const t of tries) {
      const s = scoreMatch(v, t.profile, weights, ctx);
      if (s.rawScore > curScore.rawScore + 1e-12 && (!best || s.rawScore > best.s.rawScore + 1e-12)) {
        best = { step: { ...t.step, scoreAfter: s.score, gain: Math.round((s.score - curScore.score) * 1e4) / 1e4 } as Improvement, profile: t.profile, s };
      }
    }
    if (!best) break;
    steps.push(best.step);
    cur = best.profile;
    curScore = best.s;
  }
  return steps;
}

describe('counterfactualImprovements (bounded work)', () => {
  it(`equals the unbounded greedy search on the full profile when at most ${MAX_SKILL_TRIES} requirements are unmet`, () => {
    const reqArb = fc.record({ label: fc.constantFrom(...LABELS), esco: fc.option(fc.constantFrom(...URIS), { nil: undefined }), essential: fc.boolean() });
    fc.assert(
      fc.property(fc.array(reqArb, { minLength: 1, maxLength: MAX_SKILL_TRIES }), fc.array(skillArb, { maxLength: 40 }), (reqs, skills) => {
        const v = nurseVacancy({ skills: reqs.map((r) => (r.esco ? r : { label: r.label, essential: r.essential })) });
        const p = nurseProfile({ skills });
        expect(counterfactualImprovements(v, p, weights, ctx)).toEqual(bruteForce(v, p));
      }),
      { numRuns: 200 },
    );
  });

  it('on a 100-skill ad still finds steps that raise the score to what the scorer gives', () => {
    const v = nurseVacancy({ skills: Array.from({ length: 100 }, (_, i) => ({ label: `${LABELS[i % LABELS.length]} ${i}`, essential: i % 3 === 0 })) });
    const p = nurseProfile({ skills: Array.from({ length: 100 }, (_, i) => ({ label: `${LABELS[(i * 7) % LABELS.length]} ${i + 3}` })) });
    const steps = counterfactualImprovements(v, p, weights, ctx);
    expect(steps.length).toBeGreaterThan(0);
    let profile = p;
    for (const st of steps) {
      profile = st.kind === 'skill'
        ? { ...profile, skills: [...profile.skills, { label: st.label, ...(st.esco ? { esco: st.esco } : {}) }] }
        : { ...profile, languages: [...profile.languages.filter((l) => l.code !== st.code), { code: st.code, level: st.level }] };
      expect(scoreMatch(v, profile, weights, ctx).score).toBe(st.scoreAfter);
    }
  });
});
