// The text each item is embedded from. Deliberately short and focused: what the job/person is, then the skills.
// (Case and whitespace are handled inside the embedder; use-lite lowercases, and truncates at 256 pieces.)
import type { CandidateSkillRow, ExperienceRow } from '../db/schema/candidates.js';
import type { VacancySkillRow } from '../db/schema/vacancies.js';

/** Characters of a vacancy description that go into its vector: the opening states the job, the rest is boilerplate. */
export const DESCRIPTION_CHARS = 400;

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const labels = (xs: ReadonlyArray<{ label: string }>): string => xs.map((x) => clean(x.label)).filter(Boolean).join(', ');

function firstPart(text: string, max: number): string {
  const t = clean(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
}

export interface VacancyTextInput {
  title: string;
  description?: string | null;
  skills: ReadonlyArray<Pick<VacancySkillRow, 'label' | 'essential'>>;
}

/** Title, then essential skills before optional ones, then the first part of the description. */
export function vacancyEmbeddingText(row: VacancyTextInput): string {
  const essential = row.skills.filter((s) => s.essential);
  const optional = row.skills.filter((s) => !s.essential);
  const skillText = labels([...essential, ...optional]);
  return [clean(row.title), skillText && `skills: ${skillText}`, firstPart(row.description ?? '', DESCRIPTION_CHARS)]
    .filter(Boolean)
    .join('. ');
}

export interface CandidateTextInput {
  skills: ReadonlyArray<Pick<CandidateSkillRow, 'label'>>;
  experience: ReadonlyArray<Pick<ExperienceRow, 'title' | 'years'>>;
}

/** Job titles held (longest experience first), then skills. No names, contacts or protected attributes. */
export function candidateEmbeddingText(row: CandidateTextInput): string {
  const titles = [...row.experience]
    .sort((a, b) => (b.years ?? 0) - (a.years ?? 0))
    .map((e) => clean(e.title))
    .filter(Boolean);
  const skillText = labels(row.skills);
  return [titles.join(', '), skillText && `skills: ${skillText}`].filter(Boolean).join('. ');
}
