/**
 * The O*NET word model (issue 11): naive Bayes evidence over the words O*NET files under each code, added to the
 * classifier's logits. Real O*NET data from data/taxonomy; no embedder needed.
 */
import { describe, expect, it } from 'vitest';
import { OnetTitleIndex, onetLogits, onetWordScores } from '../src/taxonomy/crosswalks.js';
import { OnetWordModel, onetTitleWords } from '../src/taxonomy/onet-classifier.js';
import { loadTaxonomy } from '../src/taxonomy/index.js';

const tax = loadTaxonomy();

describe('O*NET word model', () => {
  it('reads the words of a title: parentheses dropped, plurals folded', () => {
    expect(onetTitleWords('Quality Control Managers (QC Manager)')).toEqual(['quality', 'control', 'manager']);
  });

  it('the head noun counts: a tax manager is a manager, not a tax preparer', () => {
    const idx = new OnetTitleIndex(tax);
    const w = onetWordScores(idx, 'Tax Manager');
    expect(w.get('11-3031.00')!).toBeGreaterThan(w.get('13-2082.00')!); // Financial Managers above Tax Preparers
  });

  it('leaves out the titles it is told to (the bench holds some out) and smooths towards the overall frequency', () => {
    const titles = [{ code: 'A', title: 'Tax Preparer' }, { code: 'A', title: 'Tax Clerk' }, { code: 'B', title: 'Finance Manager' }, { code: 'B', title: 'Tax Manager' }];
    const m = new OnetWordModel(['A', 'B'], titles);
    const z = m.logRatios('Tax Manager');
    expect(z[1]!).toBeGreaterThan(z[0]!);
    const without = new OnetWordModel(['A', 'B'], titles.filter((t) => t.title !== 'Tax Manager')).logRatios('Tax Manager');
    expect(without[1]! - without[0]!).toBeLessThan(z[1]! - z[0]!);
    expect(Number.isFinite(without[0]!)).toBe(true);
  });

  it('the served logits add half the word evidence to the classifier and the char n-grams', () => {
    const clf = tax.onetClassifier!;
    expect(clf).toBeDefined();
    const lp = new Float64Array(clf.codes.length);
    const words = new Map([[clf.codes[0]!, 2]]);
    const z = onetLogits(clf, lp, new Map([[clf.codes[1]!, { score: 0.5 }]]), words);
    expect(z[0]).toBeCloseTo(1);
    expect(z[1]).toBeCloseTo(0.5);
    expect(onetLogits(clf, lp, new Map())[0]).toBe(0);
  });
});

describe('the served O*NET path read against a bench index', () => {
  it('withOnetTitleIndex: normalizeTitle reads O*NET titles from the given index, the shared taxonomy unchanged', async () => {
    // an alternate title O*NET lists under one code only
    const title = 'Cocktail Lounge Manager';
    const listed = tax.onetOccupations().filter((o) => o.alternateTitles.includes(title) || o.title === title);
    expect(listed.length).toBe(1);
    const code = listed[0]!.code;
    const served = await tax.normalizeTitle(title, { scheme: 'onet', limit: 5 });
    expect(served[0]?.evidence.matchedLabel).toBe(title);
    const held = new OnetTitleIndex(tax, (c, t) => c === code && t === title);
    const view = tax.withOnetTitleIndex(held);
    const r = await view.normalizeTitle(title, { scheme: 'onet', limit: 5 });
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((x) => x.evidence.matchedLabel !== title)).toBe(true);
    // a view: the shared taxonomy still reads the title from its own index
    expect((await tax.normalizeTitle(title, { scheme: 'onet', limit: 5 }))[0]?.evidence.matchedLabel).toBe(title);
  });
});
