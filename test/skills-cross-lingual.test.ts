/**
 * Skills as people write them, across languages (issue 11): a French, Spanish, German or Arabic skill line reaches the
 * same ESCO skill as the English requirement it means, so it counts against that requirement in the score. Real
 * taxonomy, real linking, real scorer; no mocks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type Taxonomy } from '../src/taxonomy/index.js';
import { MatchEngine } from '../src/services/match-engine.js';
import { buildProfileFeatures, buildVacancyFeatures, scoreMatch } from '../src/matching/index.js';

let tax: Taxonomy;
let engine: MatchEngine;

beforeAll(() => {
  tax = loadTaxonomy();
  engine = new MatchEngine(tax);
});

const top = (t: string) => tax.linkSkillDetailed(t, { limit: 1 });

describe('cross-lingual skill reading', () => {
  it('reads French and Spanish nouns through the workplace glossary into the English labels', () => {
    expect(top('plonge')).toMatchObject({ readLang: 'fr', translated: 'wash dishes' });
    expect(top('plonge').links[0]!.label).toBe('wash the dishes');
    expect(top('prise de tension').links[0]!.label).toBe('take and analyse blood pressure');
    expect(top('pose de perfusion').links[0]!.label).toBe('intravenous infusion');
    expect(top('repassage').links[0]!.label).toBe('iron textiles');
    expect(top('limpieza de habitaciones').links[0]!.label).toBe('clean rooms');
    expect(top('manejo de tractor').links[0]!.label).toBe('operate tractor');
    // a glossary word is not "repaired" into a look-alike of the label vocabulary (meulage is grinding, not moulage)
    expect(top('meulage').links[0]!.label).not.toMatch(/mould/);
  });

  it('repairs English typos but leaves real English words alone, and lets the rare word of a line decide', () => {
    // an English word that is no label word is not a typo ("ironing" is not "zoning", "grill" is not "drill")
    expect(tax.linkSkillDetailed('ironing', { limit: 3 }).links.map((l) => l.label)).not.toContain('zoning codes');
    expect(tax.linkSkillDetailed('ironing', { limit: 1 }).links[0]!.label).toBe('iron textiles');
    expect(tax.linkSkillDetailed('grill station', { limit: 3 }).links.map((l) => l.matchedLabel).join(' ')).not.toMatch(/drill/);
    // misspellings are still repaired
    expect(top('personal hygine').links[0]!.label).toBe('maintain personal hygiene standards');
    expect(top('medicaton administration').links[0]!.label).toBe('administer prescribed medication');
    // word overlap weighted by rarity: "blood" decides, not "pressure"
    expect(top('measure blood pressure').links[0]!.label).toBe('take and analyse blood pressure');
  });

  it('reads a coordination whose parts share a head or a complement as two skills', () => {
    const labels = (t: string) => tax.extractSkills(t).map((s) => s.label);
    // "installation de prises et d'éclairage": the second part borrows "installation de"
    expect(labels("installation de prises et d'éclairage")).toEqual(expect.arrayContaining(['install electricity sockets', 'install lighting']));
  });

  it('reads a one-word German line as German even when language detection of one word cannot tell', () => {
    expect(top('Gabelstapler')).toMatchObject({ readLang: 'de', translated: 'forklift' });
    expect(top('Gabelstapler').links[0]!.label).toBe('operate forklift');
  });

  it('reads two adjacent words as one thing in either order, and a German compound of glossary words as German', () => {
    // "pressure blood" (Arabic order) and "blood pressure measure" (German order) hold the pair "blood pressure":
    // the label that holds it beats "check water pressure", which shares the words apart
    expect(top('قياس ضغط الدم').links[0]!.label).toBe('take and analyse blood pressure');
    expect(top('Blutdruck messen').links[0]!.label).toBe('take and analyse blood pressure');
    // rohr + installation: every part German workplace vocabulary, one of them not English
    expect(top('Rohrinstallation')).toMatchObject({ readLang: 'de', translated: 'pipe installation' });
    expect(top('Sanitärinstallation').links[0]!.label).toBe('install plumbing systems');
  });

  it('links a trade term written inside a short line, and reads fixed multi-word expressions as one', () => {
    expect(top('MAG-Schweißen').links[0]!.label).toBe('perform metal active gas welding');
    expect(top('لحام ارجون TIG').links[0]!.label).toBe('perform tungsten inert gas welding');
    expect(top('normes HACCP').links[0]!.label).toBe('comply with food safety and hygiene');
    // a short term in lower case inside a line is an ordinary word ("ce" in French), never the licence
    expect(top('ce poste de nuit').links[0]?.label).not.toBe('manoeuvre heavy trucks');
    // "paramètres vitaux" are vital signs, "كبار السن" the elderly, "soins d'hygiène" hygiene care given to someone
    expect(top('surveillance des paramètres vitaux').links[0]!.label).toBe("monitor patient's vital signs");
    expect(top('رعاية كبار السن')).toMatchObject({ readLang: 'ar', translated: 'care elderly people' });
    expect(top("soins d'hygiène").links[0]!.label).toBe('provide basic support to patients');
  });

  it('links care tasks ESCO has no concept for to the nearest concept of the right family, never the worker\'s own hygiene', () => {
    const support = 'provide basic support to patients';
    const labels = (t: string, n = 3) => tax.linkSkillDetailed(t, { limit: n }).links.map((l) => l.label);
    // help with someone else's washing or meals, in five languages
    for (const t of ['help residents with personal hygiene', 'assisting with personal hygine', 'feeding patients', 'aide à la toilette', 'aide aux repas', 'ayuda con el aseo', 'Unterstützung bei der Körperpflege', 'Grundpflege', 'مساعدة المسنين في الاستحمام']) {
      expect(labels(t, 1), t).toEqual([support]);
      expect(labels(t), t).not.toContain('maintain personal hygiene standards');
    }
    // not a care task: the worker's own hygiene, kitchen hygiene, feeding animals, helping in a kitchen
    expect(top('personal hygiene').links[0]!.label).toBe('maintain personal hygiene standards');
    for (const t of ["respect des normes d'hygiène", 'dar de comer a los animales', 'help prepare meals', 'preparing meals for patients', 'Küchenhilfe, Essen vorbereiten']) expect(labels(t, 5), t).not.toContain(support);
    // in a care text, a bare "hygiène" line is care given too (extraction reads the text around it)
    const ex = tax.extractSkillsDetailed('Aide-soignante en EHPAD : hygiène, repas, transferts', { limit: 5 });
    expect(ex.skills.map((s) => s.label)).toContain(support);
    expect(tax.extractSkills('Commis de cuisine : hygiène, mise en place').map((s) => s.label)).not.toContain(support);
  });

  it("ranks each clause's best reading before another clause's runner-up in the extraction candidates", () => {
    // "Betten machen und Zimmer reinigen": two clauses, two skills; "service rooms", the second reading of "Zimmer
    // reinigen", is an alternative to its first (clean rooms), not a skill the line names
    const c = tax.extractSkillsDetailed('Betten machen und Zimmer reinigen', { limit: 5 }).candidates.map((x) => x.label);
    expect(c.slice(0, 2)).toEqual(expect.arrayContaining(['clean rooms', 'make the beds']));
    // fixed expressions of warehouse and site work read as one
    expect(top('préparation de commandes').links[0]!.label).toBe('pick orders for dispatching');
    expect(top('port de charges lourdes').links[0]!.label).toBe('lift heavy weights');
  });

  it('splits an Arabic clause at the "و" prefix and the Arabic comma, and links each part', () => {
    const labels = (t: string) => tax.extractSkills(t).map((s) => s.label);
    expect(labels('تنظيف الغرف وترتيب الأسرة')).toEqual(expect.arrayContaining(['clean rooms', 'make the beds']));
    expect(labels('غسل الصحون، تنظيف الغرف')).toEqual(expect.arrayContaining(['wash the dishes', 'clean rooms']));
    // "وضع" (placing) starts with و but is one word: not split into و + ضع
    const tokens = tax.extractSkillsDetailed('وضع الطوب', { limit: 5 });
    expect(tokens.readLang).toBe('ar');
  });

  it("counts a French seeker's skills against an English ad's requirements, and a Spanish one against a German ad", async () => {
    const score = async (skills: string[], requirements: string[]) => {
      const v = await engine.suggestForVacancy({ title: 'Job', description: '', country: 'FR', skills: requirements.map((label) => ({ label, essential: true })) } as never);
      const p = await engine.suggestForProfile({ skills: skills.map((label) => ({ label })), experience: [], languages: [], destinations: ['FR'] });
      const vByLabel = new Map((v.skills ?? []).map((l) => [l.label, l.esco]));
      const pByLabel = new Map((p.skills ?? []).map((l) => [l.label, l.esco]));
      const vacancy = buildVacancyFeatures({ id: 'v', title: 'Job', status: 'open', country: 'FR', skills: requirements.map((label) => ({ label, essential: true, ...(vByLabel.get(label) ? { esco: vByLabel.get(label) } : {}) })) });
      const profile = buildProfileFeatures({ id: 'p', skills: skills.map((label) => ({ label, ...(pByLabel.get(label) ? { esco: pByLabel.get(label) } : {}) })), destinations: ['FR'], consent: { matching: true } });
      return scoreMatch(vacancy, profile, engine.weights, engine.context(0));
    };
    const fr = await score(['plonge', 'repassage', 'prise de tension'], ['wash the dishes', 'iron clothes', 'take blood pressure']);
    expect(fr.matchedSkills.map((m) => [m.label, m.evidence.label, m.evidence.how])).toEqual([
      ['wash the dishes', 'plonge', 'exact'],
      ['iron clothes', 'repassage', 'exact'],
      ['take blood pressure', 'prise de tension', 'exact'],
    ]);
    expect(fr.components.find((c) => c.name === 'essentialSkills')!.value).toBe(1);
    const es = await score(['carretilla elevadora', 'limpieza de habitaciones'], ['Gabelstapler', 'Zimmerreinigung']);
    expect(es.matchedSkills.map((m) => m.evidence.label).sort()).toEqual(['carretilla elevadora', 'limpieza de habitaciones']);
    // and a skill the seeker does not have stays missing
    const none = await score(['plonge'], ['Gabelstapler']);
    expect(none.matchedSkills).toEqual([]);
    expect(none.missingSkills.map((m) => m.label)).toEqual(['Gabelstapler']);
  });
});
