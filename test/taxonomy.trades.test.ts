/**
 * Trades and services the first realistic sets barely covered (issue 11, t8-trades): building finishing and envelope,
 * security, retail, cleaning, farm, meat, line work, maintenance, childcare, beauty. Titles and judgements from the
 * dev-only bench/fixtures/realistic/trades-titles.json (first batch); `npm run bench:understand-trades` reports both
 * batches.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useEmbeddedTaxonomy } from './taxonomy-fixture.js';
import { readEnglishWorkplace } from '../src/taxonomy/glossary.js';
import { glossaryWord, readTitleInEnglish } from '../src/taxonomy/title-glossary.js';
import { foldText } from '../src/taxonomy/text.js';

const set = JSON.parse(readFileSync(new URL('../bench/fixtures/realistic/trades-titles.json', import.meta.url), 'utf8')) as { items: { batch: string; title: string; gold: string[] }[] };
const first = new Map(set.items.filter((i) => i.batch === 't8a').map((i) => [i.title, i]));

const taxonomy = useEmbeddedTaxonomy();

describe('trade titles', () => {
  it('reads German umlauts typed as ae/oe/ue, pair by pair ("Bauer" keeps its ue)', () => {
    expect(glossaryWord('geruestbauer', 'de')).toBe('construction scaffolder');
    expect(glossaryWord('gerustbauer', 'de')).toBe('construction scaffolder');
    expect(glossaryWord('verkaeuferin', 'de')).toBe('sales assistant');
    expect(glossaryWord('regalauffueller', 'de')).toBe('shelf filler');
    // "Steuer" keeps its ue (t12-titles added Steuer and Berater: the compound reads whole, not as a folded "stur")
    expect(glossaryWord('steuerberater', 'de')).toBe('tax advisor');
  });

  it('reads Arabic معلم before a trade as its master craftsman, and alone as a teacher', () => {
    expect(readTitleInEnglish('معلم جبس', 'ar')?.text).toBe('plasterer');
    expect(readTitleInEnglish('معلم سباكة', 'ar')?.text).toBe('plumber');
    expect(readTitleInEnglish('معلم', 'ar')?.text).toBe('teacher');
  });

  it('leaves licence and card names out of the reading', () => {
    expect(readTitleInEnglish('CISRS scaffolder', 'en')?.text).toBe(readTitleInEnglish('scaffolder', 'en')?.text);
  });

  it('reads first-batch dev titles of each trade area to an occupation the judge accepts', async () => {
    for (const title of ['dryliner', 'scaffy', 'nail tech', 'dairy hand', 'plaquiste', 'echafaudeur', 'pladurista', 'reponedor', 'عامل سقالات', 'سكيورتي', 'Geruestbauer', 'Bodenleger', 'PTA']) {
      const item = first.get(title);
      expect(item, `${title} is a first-batch dev title`).toBeDefined();
      const [top] = await taxonomy().normalizeTitle(title, { limit: 3 });
      const gold = new Set(item!.gold.map(foldText));
      expect(gold.has(foldText(taxonomy().occupations.find((o) => o.uri === top?.id)?.labels.en?.pref ?? '')), `${title} → ${top?.label}`).toBe(true);
    }
  }, 60_000);
});

describe('English workplace words in skill lines', () => {
  it('rewrites the words of UK/US/AU job boards, longest phrase first, and nothing else', () => {
    expect(readEnglishWorkplace(foldText('hoovering and mopping'))).toBe('vacuum surfaces and clean floors');
    expect(readEnglishWorkplace(foldText('nappy changing'))).toBe('change diapers');
    expect(readEnglishWorkplace(foldText('operate a forklift'))).toBeUndefined();
  });

  it('links a cleaner\'s and a cashier\'s line in their words', () => {
    const ranked = (t: string) => {
      const r = taxonomy().extractSkillsDetailed(t, { limit: 10 });
      return [...r.skills, ...r.candidates].sort((a, b) => b.score - a.score).slice(0, 5).map((s) => taxonomy().skill(s.id)?.labels.en?.pref);
    };
    expect(ranked('hoovering offices and cleaning toilets')).toContain('vacuum surfaces');
    expect(ranked('serving customers on the till')).toContain('operate cash register');
  });
});
