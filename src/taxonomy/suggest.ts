import type { Taxonomy } from './taxonomy.js';

export interface OccupationSuggestion {
  uri: string;
  label: string;
  iscoGroup?: string;
  score: number;
  source: 'suggested';
}

/** On-write helper: best occupation for a vacancy/profile title, stored as a suggestion (never over a user code). */
export async function suggestOccupation(tax: Taxonomy, title: string, lang?: string, minScore = 0.05): Promise<OccupationSuggestion | null> {
  const [top] = await tax.normalizeTitle(title, { lang, limit: 1 });
  if (!top || top.score < minScore) return null;
  return { uri: top.id, label: top.label, iscoGroup: top.iscoGroup, score: top.score, source: 'suggested' };
}

export interface SkillSuggestion {
  input: string;
  uri: string | null;
  label: string | null;
  score: number;
  source: 'suggested';
}

/** On-write helper: free-text skills → ESCO skill URIs (null when nothing is close enough). */
export function linkSkills(tax: Taxonomy, labels: string[], lang?: string): SkillSuggestion[] {
  return tax.linkSkills(labels, lang).map((r) => ({ input: r.input, uri: r.id, label: r.label, score: r.score, source: 'suggested' }));
}
