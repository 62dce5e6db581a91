import { describe, expect, it } from 'vitest';
import { MESSAGES, WEB_LANGS, textDirection } from '../src/web/i18n/index.js';
import { en } from '../src/web/i18n/en.js';
import { DECISION_REASON_CODES } from '../src/schemas/audit.js';

// Words that are the same in every language (names, codes, units).
const SAME_EVERYWHERE = new Set(['appName']);
// Checked by hand: the French word is spelt as the English one.
const SAME_WORD = new Set(['fr.step4', 'fr.decisionDate']);
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const LATIN_LETTER = /[A-Za-z]/g;

describe('web app messages', () => {
  const keys = Object.keys(en) as (keyof typeof en)[];

  it('has every key in every language, non-empty, with the same placeholders as English', () => {
    expect(keys.length).toBeGreaterThan(200);
    for (const lang of WEB_LANGS) {
      const table = MESSAGES[lang];
      expect(Object.keys(table).sort(), lang).toEqual([...keys].sort());
      for (const k of keys) {
        expect(table[k].trim().length, `${lang}.${k}`).toBeGreaterThan(0);
        expect(placeholders(table[k]), `${lang}.${k}`).toEqual(placeholders(en[k]));
      }
    }
  });

  it('translates every key: no message is left in English in fr, es or ar', () => {
    const untranslated: string[] = [];
    for (const lang of WEB_LANGS.filter((l) => l !== 'en')) {
      for (const k of keys) {
        if (SAME_EVERYWHERE.has(k)) continue;
        if (MESSAGES[lang][k] === en[k] && !SAME_WORD.has(`${lang}.${k}`)) untranslated.push(`${lang}.${k}`);
      }
    }
    expect(untranslated).toEqual([]);
  });

  it('writes Arabic in Arabic script: Latin letters only in codes, names and units', () => {
    const latinHeavy: string[] = [];
    for (const k of keys) {
      if (SAME_EVERYWHERE.has(k)) continue;
      // Strip placeholders and the codes that stay in Latin letters (CEFR levels, ESCO, CSV, JSON, MASE).
      const text = MESSAGES.ar[k].replace(/\{\w+\}/g, '').replace(/\b(A1|A2|B1|B2|C1|C2|ESCO|CSV|JSON|MASE)\b/g, '');
      const latin = (text.match(LATIN_LETTER) ?? []).length;
      if (latin > 0) latinHeavy.push(`${k}: ${MESSAGES.ar[k]}`);
    }
    expect(latinHeavy).toEqual([]);
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('fr')).toBe('ltr');
  });

  it('has a message for every decision reason code of the API', () => {
    for (const code of DECISION_REASON_CODES) {
      const k = `reason${code.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
      expect(k in en, code).toBe(true);
    }
  });
});
