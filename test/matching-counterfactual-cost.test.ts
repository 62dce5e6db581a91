import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  alreadyListed,
  counterfactualImprovements,
  loadMatchWeights,
  scoreMatch,
  type Improvement,
  type MatchScore,
  type ProfileFeatures,
  type ProfileSkill,
  type VacancyFeatures,
} from '../src/matching/index.js';
import { MAX_SKILL_TRIES } from '../src/matching/explain.js';
import { evidenceOnlyProfile } from '../src/matching/evidence-skills.js';
import { credentialLabel } from '../src/matching/licences.js';
import type { RequiredCredential } from '../src/matching/types.js';
import { nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

const weights = loadMatchWeights();
const ctx = { semantic: 0.62, relatedness };
const S = (id: string): string => `http://data.europa.eu/esco/skill/${id}`;

// Labels and URIs drawn from a small pool so that exact, related, lexical, duplicate and certificate evidence all occur.
const LABELS = ['administer medication', 'give medicine to patients', 'monitor patient vital signs', 'check vital signs', 'apply wound care',
  'wound dressing', 'maintain patient records', 'maintaining patient record', 'use electronic health records', 'provide palliative care', 'welding',
  'HACCP food hygiene', 'basic life support', 'BLS certified', 'forklift licence'];
const URIS = [S('administer-medication'), S('monitor-vitals'), S('monitor-vitals-adjacent'), S('wound-care'), S('ehr'), S('palliative')];
const CERTS = ['HACCP', 'basic life support (BLS)', 'forklift licence'];

const skillArb: fc.Arbitrary<ProfileSkill> = fc
  .record(
    { label: fc.constantFrom(...LABELS), esco: fc.option(fc.constantFrom(...URIS), { nil: undefined }), escoLabel: fc.option(fc.constantFrom(...LABELS), { nil: undefined }) },
    { requiredKeys: ['label'] },
  )
  .map((s) => ({ label: s.label, ...(s.esco ? { esco: s.esco, ...(s.escoLabel ? { escoLabel: s.escoLabel } : {}) } : {}) }));
const requiredCertArb: fc.Arbitrary<RequiredCredential> = fc.record({ kind: fc.constant('certificate' as const), label: fc.constantFrom(...CERTS), essential: fc.boolean() });
const reqArb = fc.record({ label: fc.constantFrom(...LABELS), esco: fc.option(fc.constantFrom(...URIS), { nil: undefined }), essential: fc.boolean() });

const parts = (s: MatchScore) => ({ score: s.score, rawScore: s.rawScore, components: s.components, matchedSkills: s.matchedSkills, licences: s.licences });

describe('evidenceOnlyProfile (the counterfactual scores the evidence skills only)', () => {
  it('scores exactly like the full profile, alone and with any requirements added after it', () => {
    fc.assert(
      fc.property(fc.array(skillArb, { maxLength: 40 }), fc.array(requiredCertArb, { maxLength: 3 }), fc.array(fc.nat(5), { maxLength: 3 }), (skills, certs, adds) => {
        const v = nurseVacancy({ requirements: { licences: certs } });
        const full = nurseProfile({ skills });
        const reduced = evidenceOnlyProfile(full, scoreMatch(v, full, weights, ctx));
        expect(reduced.skills.length).toBeLessThanOrEqual(full.skills.length);
        expect(parts(scoreMatch(v, reduced, weights, ctx))).toEqual(parts(scoreMatch(v, full, weights, ctx)));
        const extra = adds.map((i) => ({ label: v.skills[i]!.label, ...(v.skills[i]!.esco ? { esco: v.skills[i]!.esco } : {}) }));
        const plus = (p: ProfileFeatures) => ({ ...p, skills: [...p.skills, ...extra] });
        expect(parts(scoreMatch(v, plus(reduced), weights, ctx))).toEqual(parts(scoreMatch(v, plus(full), weights, ctx)));
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

/**
 * The unbounded greedy counterfactual on the full profile (the search before the bound): every unmet, unlisted
 * skill, every licence short of full credit and every language gap tried at each step.
 */
function bruteForce(v: VacancyFeatures, p: ProfileFeatures): Improvement[] {
  const MET = 1 - 1e-9;
  const key = (s: { label: string; esco?: string; essential: boolean }) => `${s.essential ? 'E' : 'O'}|${s.esco ?? ''}|${s.label}`;
  const steps: Improvement[] = [];
  let cur = p;
  let curScore = scoreMatch(v, cur, weights, ctx);
  while (steps.length < 3) {
    const credited = new Map(curScore.matchedSkills.map((m) => [key(m), m.credit]));
    const tries: { step: Omit<Improvement, 'scoreAfter' | 'gain'>; profile: ProfileFeatures }[] = [];
    for (const r of v.skills) {
      if ((credited.get(key(r)) ?? 0) >= MET || alreadyListed(r, cur.skills)) continue;
      const add = { label: r.label, ...(r.esco ? { esco: r.esco } : {}) };
      tries.push({ step: { kind: 'skill', ...add, essential: r.essential, display: { text: r.label, lang: null } } as never, profile: { ...cur, skills: [...cur.skills, add] } });
    }
    for (const l of curScore.licences) {
      if (l.credit >= MET) continue;
      const { essential: _e, ...held } = l.required;
      tries.push({ step: { kind: 'licence', licence: l.required, display: { text: credentialLabel(l.required), lang: 'en' } } as never, profile: { ...cur, licences: [...cur.licences, held] } });
    }
    for (const g of curScore.languageGaps) {
      tries.push({
        step: { kind: 'language', code: g.code, level: g.required, from: g.have } as never,
        profile: { ...cur, languages: [...cur.languages.filter((l) => l.code.toLowerCase() !== g.code), { code: g.code, level: g.required }] },
      });
    }
    let best: { step: Improvement; profile: ProfileFeatures; s: MatchScore } | null = null;
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
    fc.assert(
      fc.property(
        fc.array(reqArb, { minLength: 1, maxLength: MAX_SKILL_TRIES }),
        fc.array(skillArb, { maxLength: 40 }),
        fc.array(requiredCertArb, { maxLength: 2 }),
        (reqs, skills, certs) => {
          const v = nurseVacancy({ skills: reqs.map((r) => (r.esco ? r : { label: r.label, essential: r.essential })), requirements: { licences: certs } });
          const p = nurseProfile({ skills });
          expect(counterfactualImprovements(v, p, weights, ctx)).toEqual(bruteForce(v, p));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('on a 100-skill ad against a 100-skill profile still finds steps that raise the score to what the scorer gives, never a listed skill', () => {
    const v = nurseVacancy({ skills: Array.from({ length: 100 }, (_, i) => ({ label: `${LABELS[i % LABELS.length]} ${i}`, essential: i % 3 === 0 })) });
    const p = nurseProfile({ skills: Array.from({ length: 100 }, (_, i) => ({ label: `${LABELS[(i * 7) % LABELS.length]} ${i + 3}` })) });
    const steps = counterfactualImprovements(v, p, weights, ctx);
    expect(steps.length).toBe(3);
    let profile = p;
    for (const st of steps) {
      if (st.kind === 'skill') {
        expect(alreadyListed(st, profile.skills)).toBe(false);
        profile = { ...profile, skills: [...profile.skills, { label: st.label, ...(st.esco ? { esco: st.esco } : {}) }] };
      } else if (st.kind === 'language') {
        profile = { ...profile, languages: [...profile.languages.filter((l) => l.code !== st.code), { code: st.code, level: st.level }] };
      } else throw new Error('no licence is required here');
      expect(scoreMatch(v, profile, weights, ctx).score).toBe(st.scoreAfter);
    }
  });
});
