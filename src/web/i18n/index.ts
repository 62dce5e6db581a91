import { negotiateLanguage } from '../../matching/i18n.js';
import { ar } from './ar.js';
import { en, type MessageKey, type Messages } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

export type { MessageKey, Messages };
export const WEB_LANGS = ['en', 'fr', 'es', 'ar'] as const;
export type WebLang = (typeof WEB_LANGS)[number];

export const MESSAGES: Record<WebLang, Messages> = { en, fr, es, ar };
/** The language's own name, shown in the language switch. */
export const LANG_NAMES: Record<WebLang, string> = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية' };
export const isWebLang = (x: unknown): x is WebLang => typeof x === 'string' && (WEB_LANGS as readonly string[]).includes(x);
export const textDirection = (lang: WebLang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

/** ?lang= wins, then the language cookie, then Accept-Language, then English. */
export function pickLanguage(query: unknown, cookie: unknown, acceptLanguage: string | undefined): WebLang {
  if (isWebLang(query)) return query;
  if (isWebLang(cookie)) return cookie;
  const negotiated = negotiateLanguage(acceptLanguage, WEB_LANGS, 'en');
  return isWebLang(negotiated) ? negotiated : 'en';
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: WebLang): Translate {
  const table = MESSAGES[lang];
  return (key, vars) => {
    const text = table[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

const displayNames = new Map<string, Intl.DisplayNames>();
function names(lang: WebLang, type: 'region' | 'language'): Intl.DisplayNames {
  const k = `${lang}|${type}`;
  let d = displayNames.get(k);
  if (!d) {
    d = new Intl.DisplayNames([lang], { type, fallback: 'code' });
    displayNames.set(k, d);
  }
  return d;
}

/** Country and language names come from the runtime's ICU data (CLDR), in every language. */
export const countryName = (lang: WebLang, code: string): string => names(lang, 'region').of(code.toUpperCase()) ?? code;
export const languageName = (lang: WebLang, code: string): string => names(lang, 'language').of(code) ?? code;

export function formatPercent(lang: WebLang, x: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(x);
}
export function formatNumber(lang: WebLang, x: number, digits = 2): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(x);
}
export function formatDate(lang: WebLang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
/** A "YYYY-MM" period as a month name and year. */
export function formatMonth(lang: WebLang, period: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(period);
  if (!m) return period;
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}
