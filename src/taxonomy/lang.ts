import { LANGS, type Lang } from './files.js';

export const SUPPORTED_LANGS: readonly Lang[] = LANGS;

/** Parse a requested language: 'fr-BE' → 'fr'; unknown → undefined with a flag. */
export function resolveLang(lang: string | undefined): { lang: Lang | undefined; unsupported: boolean } {
  if (!lang) return { lang: undefined, unsupported: false };
  const base = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  if ((LANGS as readonly string[]).includes(base)) return { lang: base as Lang, unsupported: false };
  return { lang: undefined, unsupported: true };
}
