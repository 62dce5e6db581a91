import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainMatch, loadMatchWeights, scoreMatch, type Labeler, type ProfileSkill } from '../src/matching/index.js';
import { nurseProfile, nurseVacancy, relatedness } from './matching-fixtures.js';

const weights = loadMatchWeights();
const ctx = { semantic: 0.55, relatedness };
const S = (id: string) => `http://data.europa.eu/esco/skill/${id}`;

const FR: Record<string, string> = {
  [S('administer-medication')]: 'administrer des médicaments',
  [S('monitor-vitals')]: 'surveiller les signes vitaux',
  [S('wound-care')]: 'soigner des plaies',
};
const labels: Labeler = {
  skill: (uri, lang) => (lang === 'fr' ? FR[uri] : undefined),
  occupation: (uri, lang) => (lang === 'fr' && uri.endsWith('health-care-assistant') ? 'aide-soignant/aide-soignante' : undefined),
  fallbackLang: 'en',
};

/** "Vous remplissez entièrement X des Y compétences essentielles et Z en partie (couverture P %)". */
function frenchCounts(summary: string) {
  const m = /entièrement (\d+) des (\d+) compétences essentielles(?: et (\d+) en partie)? \(couverture (\d+)\s?%\)/.exec(summary);
  if (!m) return null;
  return { met: Number(m[1]), total: Number(m[2]), partial: Number(m[3] ?? 0), coverage: Number(m[4]) };
}

describe('explanations are consistent by construction', () => {
  it("the French summary's counts and coverage agree with the component and the matched list", () => {
    const skillPool: ProfileSkill[] = [
      { label: 'give medicine to patients', esco: S('administer-medication') },
      { label: 'check vital signs', esco: S('monitor-vitals-adjacent') },
      { label: 'maintaining patient record' },
      { label: 'wound care', esco: S('wound-care') },
      { label: 'palliative', esco: S('palliative') },
      { label: 'welding' },
    ];
    fc.assert(
      fc.property(fc.subarray(skillPool), fc.double({ min: -0.2, max: 1, noNaN: true }), (skills, semantic) => {
        const v = nurseVacancy();
        const { score, explanation: e } = explainMatch(v, nurseProfile({ skills }), weights, { ...ctx, semantic }, { languages: 'fr', labels });
        const counts = frenchCounts(e.summary);
        if (!counts) throw new Error(`no counts in: ${e.summary}`);
        const essential = e.matchedSkills.filter((m) => m.essential);
        const component = score.components.find((c) => c.name === 'essentialSkills')!;
        expect(counts.total).toBe(v.skills.filter((s) => s.essential).length);
        expect(counts.met).toBe(essential.filter((m) => m.credit === 1).length);
        expect(counts.partial).toBe(essential.filter((m) => m.credit < 1).length);
        expect(counts.met + counts.partial + e.missingSkills.length).toBe(counts.total);
        expect(counts.coverage).toBe(Math.round(component.value * 100));
        // "All essential skills fully met" and a component below 1 cannot both be said.
        if (counts.met === counts.total) expect(component.value).toBe(1);
        if (component.value === 1) expect(counts.met).toBe(counts.total);
      }),
      { numRuns: 64 },
    );
  });

  it('never suggests a skill already listed, by ESCO URI or by a near-identical label', () => {
    const v = nurseVacancy({
      skills: [
        { label: 'drive heavy trucks', esco: S('drive-heavy'), essential: true },
        { label: 'secure cargo', esco: S('secure-cargo'), essential: true },
        { label: 'plan routes', esco: S('plan-routes'), essential: false },
      ],
      languages: [],
    });
    // An Arabic-writing driver whose skill was linked to a related concept, and one who wrote the label with a typo.
    const arabic = nurseProfile({
      skills: [{ label: 'قيادة الشاحنات الثقيلة', esco: S('drive-trucks'), escoLabel: 'drive heavy trucks' }, { label: 'secure cargo', esco: S('secure-cargo') }],
    });
    const typo = nurseProfile({ skills: [{ label: 'drive heavy truck' }, { label: 'secure cargo', esco: S('secure-cargo') }] });
    for (const p of [arabic, typo]) {
      const { explanation } = explainMatch(v, p, weights, ctx, { languages: 'ar' });
      const suggested = explanation.improve.flatMap((i) => (i.kind === 'skill' ? [i.label] : []));
      expect(suggested).not.toContain('drive heavy trucks');
      expect(suggested).toContain('plan routes');
      expect(explanation.summary).not.toContain('إضافة «drive heavy trucks»');
    }
  });

  it("shows labels in the reader's language when ESCO has them, otherwise quoted with their language named", () => {
    const v = nurseVacancy({ skills: nurseVacancy().skills.map((s) => ({ ...s, lang: 'en' })) });
    const { explanation: e } = explainMatch(v, nurseProfile(), weights, ctx, { languages: 'fr', labels });
    const med = e.matchedSkills.find((m) => m.esco === S('administer-medication'))!;
    expect(med.display).toEqual({ text: 'administrer des médicaments', lang: 'fr' });
    expect(e.summary).toContain('«\u00a0administrer des médicaments\u00a0»');
    const records = e.matchedSkills.find((m) => m.label === 'maintain patient records');
    const wound = e.missingSkills.find((m) => m.esco === S('wound-care'))!;
    expect(wound.display.text).toBe('soigner des plaies');
    if (records) expect(records.display).toEqual({ text: 'maintain patient records', lang: 'en' });
    // A label ESCO has no French for is quoted with its language.
    const only = nurseVacancy({ skills: [{ label: 'maintain patient records', essential: true, lang: 'en' }] });
    const s = explainMatch(only, nurseProfile({ skills: [] }), weights, ctx, { languages: 'fr', labels }).explanation.summary;
    expect(s).toContain('«\u00a0maintain patient records\u00a0» (anglais)');
  });

  it("quotes the seeker's own words for a skill ESCO has no label for in the reader's language, when they listed that very skill", () => {
    const v = nurseVacancy({ skills: [{ label: 'Vitalzeichen überwachen', esco: S('monitor-vitals'), essential: true, lang: 'de' }] });
    const own = nurseProfile({ textLang: 'ar', skills: [{ label: 'مراقبة العلامات الحيوية', esco: S('monitor-vitals') }] });
    const { explanation: e } = explainMatch(v, own, weights, ctx, { languages: 'ar', labels });
    expect(e.matchedSkills[0]!.display).toEqual({ text: 'مراقبة العلامات الحيوية', lang: 'ar' });
    expect(e.summary).toContain('مراقبة العلامات الحيوية');
    expect(e.summary).not.toContain('Vitalzeichen');
    // Read in another language than the profile's, the vacancy's label stays, with its language named.
    const de = explainMatch(v, own, weights, ctx, { languages: 'en', labels }).explanation;
    expect(de.matchedSkills[0]!.display).toEqual({ text: 'Vitalzeichen überwachen', lang: 'de' });
    // ESCO's label in the reader's language still wins over the seeker's words.
    const fr = explainMatch(v, nurseProfile({ textLang: 'fr', skills: [{ label: 'surveiller les constantes', esco: S('monitor-vitals') }] }), weights, ctx, { languages: 'fr', labels }).explanation;
    expect(fr.matchedSkills[0]!.display).toEqual({ text: 'surveiller les signes vitaux', lang: 'fr' });
  });

  it('names the occupation read from the profile, with its probability, and says it can be corrected', () => {
    const p = nurseProfile({
      occupations: [
        { escoUri: 'http://data.europa.eu/esco/occupation/health-care-assistant', iscoCode: '5321.1', source: 'suggested', confidence: 0.71, label: 'healthcare assistant' },
        { escoUri: 'http://data.europa.eu/esco/occupation/nurse', iscoCode: '2221.1', source: 'suggested', confidence: 0.18, label: 'nurse responsible for general care' },
      ],
    });
    const fr = explainMatch(nurseVacancy(), p, weights, ctx, { languages: 'fr', labels }).explanation;
    expect(fr.occupation.profile.status).toBe('inferred');
    expect(fr.occupation.profile.candidates.map((c) => c.probability)).toEqual([0.71, 0.18]);
    expect(fr.summary).toContain('Nous lisons votre profil comme «\u00a0aide-soignant/aide-soignante\u00a0» (71\u00a0%)');
    expect(fr.summary).toContain('«\u00a0nurse responsible for general care\u00a0» (anglais) (18\u00a0%)');
    expect(fr.summary).toContain('vous pouvez le corriger dans votre profil');
    expect(fr.occupation.fit).toBe(scoreMatch(nurseVacancy(), p, weights, ctx).components.find((c) => c.name === 'occupation')!.value);
    const en = explainMatch(nurseVacancy(), nurseProfile({ occupations: [] }), weights, ctx, { languages: 'en' }).explanation;
    expect(en.occupation.profile.status).toBe('unknown');
    expect(en.summary).toContain('We could not tell your occupation from the profile');
    const set = explainMatch(nurseVacancy(), nurseProfile({ occupations: [{ iscoCode: '2221', source: 'set', label: 'nursing professionals' }] }), weights, ctx, { languages: 'en' }).explanation;
    expect(set.occupation.profile.status).toBe('set');
    expect(set.summary).toContain('Your occupation, as you set it: “nursing professionals”');
  });

  it('licence gaps are explained and offered as an improvement, recomputed by the scorer', () => {
    const v = nurseVacancy({ skills: [], languages: [], requirements: { licences: [{ kind: 'driving-licence', category: 'CE', essential: true }] } });
    const p = nurseProfile({ licences: [{ kind: 'driving-licence', category: 'B' }] });
    const { explanation: e } = explainMatch(v, p, weights, ctx, { languages: 'fr' });
    expect(e.licences).toMatchObject([{ required: { category: 'CE' }, credit: 0, display: { text: 'permis CE', lang: 'fr' } }]);
    const step = e.improve[0]!;
    expect(step.kind).toBe('licence');
    expect(step.scoreAfter).toBe(scoreMatch(v, { ...p, licences: [...p.licences, { kind: 'driving-licence', category: 'CE' }] }, weights, ctx).score);
    expect(e.summary).toContain('Ajouter «\u00a0permis CE\u00a0»');
  });
});
