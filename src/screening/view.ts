// Screening as each reader sees it: explanations in their language; job seekers and ministries see the flags that
// stand (not those an admin dismissed) and no review details; the employer and admins see everything.
import { negotiateLanguage } from '../matching/i18n.js';
import { sha256Hex } from '../hash.js';
import type { ScreeningRow } from '../db/schema/index.js';
import type { ScreeningFlagView, VacancyScreening } from '../schemas/screening.js';
import { EXPLANATION_LANGUAGES, explainFlag, type ExplanationLanguage } from './messages.js';
import type { ScreeningFlag } from './types.js';

export type ScreeningAudience = 'public' | 'owner';

export function explanationLanguage(preference: string | undefined | null, fallback?: string | null): ExplanationLanguage {
  const fb = fallback && (EXPLANATION_LANGUAGES as readonly string[]).includes(fallback) ? fallback : 'en';
  return negotiateLanguage(preference ?? undefined, EXPLANATION_LANGUAGES, fb) as ExplanationLanguage;
}

/** A flag's identity across re-screenings: its type and what it points at (an admin's release covers exactly that). */
export function flagKey(f: Pick<ScreeningFlag, 'type' | 'evidence'>): string {
  const what = f.evidence.map((e) => `${e.field}:${e.text.replace(/\s+/g, ' ').trim().toLowerCase()}`).sort().join('|');
  return `${f.type}:${sha256Hex(what).slice(0, 16)}`;
}

export function flagView(f: ScreeningFlag, lang: ExplanationLanguage, audience: ScreeningAudience): ScreeningFlagView {
  return {
    type: f.type,
    severity: f.severity,
    explanation: explainFlag(f, lang),
    evidence: f.evidence,
    source: f.source,
    ...(f.facts ? { facts: f.facts } : {}),
    ...(audience === 'owner' && f.dismissed ? { dismissed: true } : {}),
  };
}

export interface ReviewRef {
  id: string;
  status: 'pending' | 'released' | 'rejected' | 'superseded';
  decision: 'release' | 'reject' | null;
  reason: string | null;
  resolvedAt: string | null;
}

export function screeningView(
  record: ScreeningRow | null,
  vacancyStatus: string,
  opts: { lang: ExplanationLanguage; audience: ScreeningAudience; review?: ReviewRef | null },
): VacancyScreening {
  if (!record) return { status: 'not-screened', lang: opts.lang, version: null, screenedAt: null, flags: [], wage: null, ...(opts.audience === 'owner' ? { review: opts.review ?? null } : {}) };
  const shown = opts.audience === 'owner' ? record.flags : record.flags.filter((f) => !f.dismissed);
  const standing = record.flags.filter((f) => !f.dismissed);
  const status = vacancyStatus === 'held' ? 'held' : standing.length > 0 ? 'flagged' : 'clear';
  return {
    status,
    lang: opts.lang,
    version: record.version,
    screenedAt: record.screenedAt,
    flags: shown.map((f) => flagView(f, opts.lang, opts.audience)),
    wage: record.wage,
    ...(opts.audience === 'owner' ? { review: opts.review ?? null } : {}),
  };
}
