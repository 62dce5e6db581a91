import { describe, expect, it } from 'vitest';
import {
  applyHardConstraints,
  explainMatch,
  hardConstraintViolations,
  loadMatchWeights,
  MATCH_WEIGHTS_VERSION,
  negotiateLanguage,
  scoreMatch,
  sharedLevels,
  lexicalSimilarity,
  COMPONENT_NAMES,
} from '../src/matching/index.js';
import { nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

const weights = loadMatchWeights();
const ctx = { semantic: 0.62, relatedness };

describe('scoreMatch', () => {
  it('serves the committed weights version', () => {
    expect(weights.version).toBe(MATCH_WEIGHTS_VERSION);
  });

  it('gives every component a value in [0,1] and contributions that sum exactly to the score', () => {
    const s = scoreMatch(nurseVacancy(), nurseProfile(), weights, ctx);
    expect(s.components.map((c) => c.name)).toEqual([...COMPONENT_NAMES]);
    for (const c of s.components) {
      expect(c.value).toBeGreaterThanOrEqual(0);
      expect(c.value).toBeLessThanOrEqual(1);
    }
    const units = s.components.reduce((a, c) => a + Math.round(c.contribution * 1e4), 0);
    expect(units).toBe(Math.round(s.score * 1e4));
    expect(Math.abs(s.components.reduce((a, c) => a + c.contribution, 0) - s.score)).toBeLessThan(1e-12);
    expect(Math.abs(s.score - s.rawScore)).toBeLessThanOrEqual(0.00005 + 1e-12);
  });

  it('credits exact URI, ESCO-related and lexical evidence, and reports missing essentials and language gaps', () => {
    const s = scoreMatch(nurseVacancy(), nurseProfile(), weights, ctx);
    const by = new Map(s.matchedSkills.map((m) => [m.label, m]));
    expect(by.get('administer medication')?.evidence).toMatchObject({ how: 'exact', label: 'give medicine to patients' });
    expect(by.get('monitor patient vital signs')?.evidence.how).toBe('related');
    expect(by.get('monitor patient vital signs')?.credit).toBeCloseTo(weights.params.relatedCredit);
    expect(by.get('maintain patient records')?.evidence).toMatchObject({ how: 'lexical', label: 'maintaining patient record' });
    expect(s.missingSkills.map((m) => m.label)).toEqual(['apply wound care']);
    expect(s.languageGaps).toEqual([{ code: 'fr', required: 'B2', have: 'B1' }]);
  });

  it('does not let two compounds that share only their last part meet lexically', () => {
    // "Rohrinstallation" (pipes) and "Elektroinstallation" (wiring) share most trigrams but not what decides: the
    // first part; a typo or an inflection ("maintaining patient record") still meets
    const v = nurseVacancy({ skills: [{ label: 'Rohrinstallation', essential: true }, { label: 'maintain patient records', essential: true }] });
    const p = nurseProfile({ skills: [{ label: 'Elektroinstallation' }, { label: 'maintaining patient record' }] });
    expect(lexicalSimilarity('Rohrinstallation', 'Elektroinstallation')).toBeGreaterThan(weights.params.lexicalThreshold);
    const s = scoreMatch(v, p, weights, ctx);
    expect(s.matchedSkills.map((m) => m.label)).toEqual(['maintain patient records']);
    expect(s.missingSkills.map((m) => m.label)).toEqual(['Rohrinstallation']);
  });

  it('occupation fit follows the ISCO hierarchy', () => {
    expect(sharedLevels('2221', '2221')).toBe(4);
    expect(sharedLevels('2221.1', '2221.3')).toBe(4);
    expect(sharedLevels('2221', '2222')).toBe(3);
    expect(sharedLevels('2221', '2310')).toBe(1);
    expect(sharedLevels('2221', '5321')).toBe(0);
    const v = nurseVacancy();
    const occ = (code: string, uri?: string) =>
      scoreMatch(v, nurseProfile({ occupations: [{ iscoCode: code, ...(uri ? { escoUri: uri } : {}), source: 'set' }], experience: [] }), weights, ctx)
        .components.find((c) => c.name === 'occupation')!.value;
    const same = occ('2221.1', v.occupations[0]!.escoUri);
    const unit = occ('2221.3');
    const minor = occ('2222');
    const major = occ('2310');
    const none = occ('5321');
    expect(same).toBe(1);
    expect(unit).toBeLessThan(same);
    expect(minor).toBeLessThan(unit);
    expect(major).toBeLessThan(minor);
    expect(none).toBe(0);
  });

  it('lexical similarity is robust to a typo and case, and low for unrelated text', () => {
    expect(lexicalSimilarity('Maintain patient records', 'maintian patient records')).toBeGreaterThan(0.7);
    expect(lexicalSimilarity('infirmière', 'INFIRMIERE')).toBe(1);
    expect(lexicalSimilarity('weld steel pipes', 'teach mathematics')).toBeLessThan(0.2);
  });

  it('location: destination or residence fits, a stated other destination does not, remote always does', () => {
    const loc = (v: Parameters<typeof nurseVacancy>[0], p: Parameters<typeof nurseProfile>[0]) =>
      scoreMatch(nurseVacancy(v), nurseProfile(p), weights, ctx).components.find((c) => c.name === 'location')!.value;
    expect(loc({}, {})).toBe(1);
    expect(loc({ country: 'DE' }, {})).toBe(0);
    expect(loc({ country: 'DE' }, { destinations: [] })).toBe(weights.params.noDestinationValue);
    expect(loc({ country: 'DE', remote: true }, {})).toBe(1);
    expect(loc({ country: 'MA' }, {})).toBe(1);
  });
});

describe('hard constraints', () => {
  const now = '2026-11-29T00:00:00Z';
  it('exclude closed or expired vacancies and profiles without consent, with every reason', () => {
    expect(hardConstraintViolations(nurseVacancy(), nurseProfile(), { now, requireVisibility: true })).toEqual([]);
    expect(
      hardConstraintViolations(
        nurseVacancy({ status: 'closed', expiresAt: '2026-01-01T00:00:00Z' }),
        nurseProfile({ consent: { matching: false, visibleToEmployers: false } }),
        { now, requireVisibility: true },
      ),
    ).toEqual(['VACANCY_NOT_OPEN', 'VACANCY_EXPIRED', 'NO_MATCHING_CONSENT', 'NOT_VISIBLE_TO_EMPLOYERS']);
    expect(hardConstraintViolations(nurseVacancy(), nurseProfile({ consent: { matching: true, visibleToEmployers: false } }), { now, requireVisibility: false })).toEqual([]);
    // The owner's preview of a closed vacancy: its state is not checked, the seeker's consent still is.
    expect(
      hardConstraintViolations(
        nurseVacancy({ status: 'closed', expiresAt: '2026-01-01T00:00:00Z' }),
        nurseProfile({ consent: { matching: false, visibleToEmployers: false } }),
        { now, requireVisibility: true, checkVacancy: false },
      ),
    ).toEqual(['NO_MATCHING_CONSENT', 'NOT_VISIBLE_TO_EMPLOYERS']);
  });

  it('count removals by reason', () => {
    const vacancies = [
      nurseVacancy({ id: 'a' }),
      nurseVacancy({ id: 'b', status: 'draft' }),
      nurseVacancy({ id: 'c', expiresAt: '2026-11-28T23:59:59Z' }),
      nurseVacancy({ id: 'd', status: 'closed', expiresAt: '2020-01-01T00:00:00Z' }),
    ];
    const profile = nurseProfile();
    const r = applyHardConstraints(vacancies, (v) => ({ vacancy: v, profile }), { now: Date.parse(now), requireVisibility: false });
    expect(r.kept.map((v) => v.id)).toEqual(['a']);
    expect(r.removed).toBe(3);
    expect(r.removedByReason).toEqual({ VACANCY_NOT_OPEN: 2, VACANCY_EXPIRED: 2 });
  });
});

describe('explainMatch', () => {
  it('counterfactual steps raise the score to exactly the stated value when applied', () => {
    const v = nurseVacancy();
    const p = nurseProfile();
    const { score, explanation } = explainMatch(v, p, weights, ctx, { languages: 'en' });
    expect(explanation.improve.length).toBeGreaterThanOrEqual(1);
    expect(explanation.improve.length).toBeLessThanOrEqual(3);
    let profile = p;
    let prev = score.score;
    for (const step of explanation.improve) {
      if (step.kind === 'skill') profile = { ...profile, skills: [...profile.skills, { label: step.label, ...(step.esco ? { esco: step.esco } : {}) }] };
      else if (step.kind === 'language') profile = { ...profile, languages: [...profile.languages.filter((l) => l.code !== step.code), { code: step.code, level: step.level }] };
      else throw new Error('no licence is required here');
      const after = scoreMatch(v, profile, weights, ctx).score;
      expect(after).toBe(step.scoreAfter);
      expect(after).toBeGreaterThan(prev);
      prev = after;
    }
    // The single best step is at least as good as any other single missing item.
    const best = explanation.improve[0]!;
    const alt = scoreMatch(v, { ...p, skills: [...p.skills, { label: 'provide palliative care', esco: 'http://data.europa.eu/esco/skill/palliative' }] }, weights, ctx).score;
    expect(best.scoreAfter).toBeGreaterThanOrEqual(alt);
  });

  it('offers nothing to improve on a perfect match', () => {
    const v = nurseVacancy({ languages: [], requirements: { licences: [] } });
    const p = nurseProfile({ skills: v.skills.map((s) => ({ label: s.label, ...(s.esco ? { esco: s.esco } : {}) })) });
    expect(explainMatch(v, p, weights, ctx).explanation.improve).toEqual([]);
  });

  it('the summary language follows the preference list (Accept-Language)', () => {
    const run = (pref: string | string[]) => explainMatch(nurseVacancy(), nurseProfile(), weights, ctx, { languages: pref }).explanation;
    const fr = run('fr-FR,fr;q=0.9,en;q=0.8');
    expect(fr.lang).toBe('fr');
    expect(fr.summary).toMatch(/^Cette offre correspond à votre profil à \d+\s?%/);
    expect(fr.summary).toContain('il manque');
    expect(run('de-DE, es;q=0.7, en;q=0.3').lang).toBe('es');
    expect(run('de-DE, es;q=0.7, en;q=0.3').summary).toMatch(/^Esta oferta coincide/);
    expect(run(['ar-MA', 'fr']).summary).toMatch(/^تتوافق هذه الوظيفة/);
    expect(run('en;q=0.2, fr;q=0.9').lang).toBe('fr');
    expect(run('de, it').lang).toBe('en');
    const en = run('en-GB');
    expect(en.summary).toMatch(/^This vacancy matches your profile at \d+%/);
    const sentences = en.summary.split(/(?<=\.)\s+/);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(4);
    expect(en.summary).toContain(`${Math.round(en.improve[0]!.scoreAfter * 100)}%`);
  });

  it('employer audience speaks about the candidate', () => {
    const e = explainMatch(nurseVacancy(), nurseProfile(), weights, ctx, { languages: 'fr', audience: 'employer' }).explanation;
    expect(e.summary).toMatch(/^Ce candidat correspond/);
  });

  it('negotiateLanguage handles q-values, wildcards and junk', () => {
    expect(negotiateLanguage(undefined)).toBe('en');
    expect(negotiateLanguage('')).toBe('en');
    expect(negotiateLanguage('*')).toBe('en');
    expect(negotiateLanguage('fr;q=0, es')).toBe('es');
    expect(negotiateLanguage(';;;,,')).toBe('en');
    expect(negotiateLanguage('ES-mx')).toBe('es');
  });
});

describe('rankMatches', () => {
  it('removes constrained pairs with reasons, sorts by score then id, and is stable', async () => {
    const { rankMatches } = await import('../src/matching/index.js');
    const p = nurseProfile();
    const cands = [
      { id: 'vac_b', vacancy: nurseVacancy({ id: 'vac_b' }), profile: p, semantic: 0.5 },
      { id: 'vac_a', vacancy: nurseVacancy({ id: 'vac_a' }), profile: p, semantic: 0.5 },
      { id: 'vac_c', vacancy: nurseVacancy({ id: 'vac_c', status: 'closed' }), profile: p, semantic: 0.9 },
      { id: 'vac_d', vacancy: nurseVacancy({ id: 'vac_d' }), profile: p, semantic: 0.95 },
    ];
    const r = rankMatches(cands, weights, { now: '2026-11-29T00:00:00Z', requireVisibility: false, relatedness });
    expect(r.items.map((i) => [i.id, i.rank])).toEqual([
      ['vac_d', 1],
      ['vac_a', 2],
      ['vac_b', 3],
    ]);
    expect(r.removedByReason).toEqual({ VACANCY_NOT_OPEN: 1 });
    const r2 = rankMatches([...cands].reverse(), weights, { now: '2026-11-29T00:00:00Z', requireVisibility: false, relatedness });
    expect(r2.items.map((i) => i.id)).toEqual(r.items.map((i) => i.id));
  });
});

describe('skill specificity', () => {
  it('weights coverage by specificity: a specific requirement met counts more than a generic one', () => {
    const v = nurseVacancy({
      skills: [
        { label: 'meet deadlines', esco: 's:generic', essential: true },
        { label: 'apply wound care', esco: 's:specific', essential: true },
      ],
    });
    const spec = (u: string) => (u === 's:generic' ? 0.2 : 3);
    const ess = (skills: { label: string; esco: string }[]) =>
      scoreMatch(v, nurseProfile({ skills }), weights, { semantic: 0.5, specificity: spec }).components.find((c) => c.name === 'essentialSkills')!.value;
    const specific = ess([{ label: 'wound care', esco: 's:specific' }]);
    const generic = ess([{ label: 'deadlines', esco: 's:generic' }]);
    expect(specific).toBeCloseTo(3 / 3.2, 4);
    expect(generic).toBeCloseTo(0.2 / 3.2, 4);
    const plain = scoreMatch(v, nurseProfile({ skills: [{ label: 'deadlines', esco: 's:generic' }] }), weights, { semantic: 0.5 });
    expect(plain.components.find((c) => c.name === 'essentialSkills')!.value).toBe(0.5);
  });
});
