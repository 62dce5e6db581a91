import { eq, or, type SQL } from 'drizzle-orm';
import type { SqlHandle } from '../storage/sql.js';
import { nowIso } from '../db/client.js';
import { vacancies, type SuggestionRow } from '../db/schema/index.js';
import { AppError, notFound, validationFailed } from '../errors.js';
import { newId } from '../ids.js';
import type { CreateVacancy, ListVacanciesQuery, UpdateVacancy, Vacancy } from '../schemas/vacancy.js';
import type { Principal } from './api-keys.js';
import { keysetWhere, page } from './pagination.js';
import type { VacancyScreeningDraft } from './writers.js';
import { screeningView, type ScreeningAudience } from '../screening/view.js';
import type { ExplanationLanguage } from '../screening/messages.js';

export type VacancyRow = typeof vacancies.$inferSelect;

/** Who reads the vacancy and in which language (the screening flags and their explanations depend on it). */
export interface VacancyReader {
  lang: ExplanationLanguage;
  audience: ScreeningAudience;
}
const PUBLIC_EN: VacancyReader = { lang: 'en', audience: 'public' };

export function toVacancy(row: VacancyRow, reader: VacancyReader = PUBLIC_EN): Vacancy {
  return {
    id: row.id,
    employerId: row.employerId,
    title: row.title,
    description: row.description,
    country: row.country,
    region: row.region,
    remote: row.remote,
    occupation: { esco: row.occupationEsco, isco: row.occupationIsco },
    skills: row.skills,
    languages: row.languages,
    requirements: row.requirements ?? null,
    salary:
      row.salaryMin !== null && row.salaryMax !== null && row.salaryCurrency && row.salaryPeriod
        ? { min: row.salaryMin, max: row.salaryMax, currency: row.salaryCurrency, period: row.salaryPeriod }
        : null,
    contractType: row.contractType,
    hoursPerWeek: row.hoursPerWeek,
    positions: row.positions,
    startDate: row.startDate,
    expiresAt: row.expiresAt,
    shortage: row.shortage,
    status: row.status,
    recruitmentFees: row.feesChargedToWorker === null ? null : { chargedToWorker: row.feesChargedToWorker, note: row.feesNote },
    lang: row.lang,
    suggestions: row.suggestions ?? null,
    screening: screeningView(row.screening ?? null, row.status, { ...reader, review: row.screening?.review ?? null }),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function columnsFrom(input: Partial<CreateVacancy>): Partial<typeof vacancies.$inferInsert> {
  const out: Partial<typeof vacancies.$inferInsert> = {};
  if (input.title !== undefined) out.title = input.title;
  if (input.description !== undefined) out.description = input.description;
  if (input.country !== undefined) out.country = input.country;
  if (input.region !== undefined) out.region = input.region;
  if (input.remote !== undefined) out.remote = input.remote;
  if (input.occupation !== undefined) {
    out.occupationEsco = input.occupation.esco ?? null;
    out.occupationIsco = input.occupation.isco ?? null;
  }
  if (input.skills !== undefined) out.skills = input.skills;
  if (input.languages !== undefined) out.languages = input.languages;
  if (input.requirements !== undefined) out.requirements = input.requirements;
  if (input.salary !== undefined) {
    out.salaryMin = input.salary.min;
    out.salaryMax = input.salary.max;
    out.salaryCurrency = input.salary.currency;
    out.salaryPeriod = input.salary.period;
  }
  if (input.contractType !== undefined) out.contractType = input.contractType;
  if (input.hoursPerWeek !== undefined) out.hoursPerWeek = input.hoursPerWeek;
  if (input.positions !== undefined) out.positions = input.positions;
  if (input.startDate !== undefined) out.startDate = input.startDate;
  if (input.expiresAt !== undefined) out.expiresAt = input.expiresAt;
  if (input.shortage !== undefined) out.shortage = input.shortage;
  if (input.status !== undefined) out.status = input.status;
  if (input.recruitmentFees !== undefined) {
    out.feesChargedToWorker = input.recruitmentFees.chargedToWorker;
    out.feesNote = input.recruitmentFees.note ?? null;
  }
  if (input.lang !== undefined) out.lang = input.lang;
  return out;
}

/** The row a new vacancy is stored as (both back ends: see src/storage). */
export function vacancyInsertRow(
  employerId: string,
  input: CreateVacancy,
  suggestions: SuggestionRow | null = null,
  screening?: VacancyScreeningDraft,
): typeof vacancies.$inferInsert {
  const now = nowIso();
  // Screening may hold what the employer asked to open.
  const status = screening?.status ?? input.status ?? 'open';
  return {
    id: newId('vac'),
    employerId,
    title: input.title,
    description: input.description,
    skills: input.skills,
    languages: input.languages,
    country: input.country,
    ...columnsFrom(input),
    status,
    suggestions,
    screening: screening?.record ?? null,
    openedAt: status === 'open' ? now : null,
    closedAt: status === 'closed' || status === 'filled' ? now : null,
    createdAt: now,
    updatedAt: now,
  } satisfies typeof vacancies.$inferInsert;
}

export async function insertVacancy(
  q: SqlHandle,
  employerId: string,
  input: CreateVacancy,
  suggestions: SuggestionRow | null = null,
  screening?: VacancyScreeningDraft,
): Promise<VacancyRow> {
  const [row] = await q.db.insert(q.t.vacancies).values(vacancyInsertRow(employerId, input, suggestions, screening)).returning();
  return row!;
}

/** Merge a partial update into the columns to set; keeps the date rule across stored and new values, and tracks open/close times. */
export function vacancyUpdateSet(
  current: VacancyRow,
  input: UpdateVacancy,
  suggestions?: SuggestionRow | null,
  screening?: VacancyScreeningDraft,
): Partial<typeof vacancies.$inferInsert> {
  const startDate = input.startDate ?? current.startDate;
  const expiresAt = input.expiresAt ?? current.expiresAt;
  if (startDate && expiresAt && expiresAt < startDate) {
    throw validationFailed('body.expiresAt', 'custom', 'must not be before startDate');
  }
  const now = nowIso();
  const set: Partial<typeof vacancies.$inferInsert> = { ...columnsFrom(input), updatedAt: now };
  const status = screening?.status ?? input.status;
  if (status) set.status = status;
  if (status && status !== current.status) {
    if (status === 'open' && !current.openedAt) set.openedAt = now;
    if ((status === 'closed' || status === 'filled') && !current.closedAt) set.closedAt = now;
    if (status === 'open') set.closedAt = null;
  }
  if (suggestions !== undefined) set.suggestions = suggestions;
  if (screening) set.screening = screening.record;
  return set;
}

export async function updateVacancy(
  q: SqlHandle,
  current: VacancyRow,
  input: UpdateVacancy,
  suggestions?: SuggestionRow | null,
  screening?: VacancyScreeningDraft,
): Promise<VacancyRow> {
  const { vacancies } = q.t;
  const [row] = await q.db.update(vacancies).set(vacancyUpdateSet(current, input, suggestions, screening)).where(eq(vacancies.id, current.id)).returning();
  return row!;
}

/** Who can read a vacancy: anyone authenticated when it is open; its owner and admins always. */
export function canRead(principal: Principal, row: VacancyRow): boolean {
  return row.status === 'open' || principal.role === 'admin' || (principal.role === 'employer' && principal.employerId === row.employerId);
}

/**
 * Only an open vacancy reaches people: a draft, a vacancy held by fair-recruitment screening, a closed or a filled
 * one ranks no one and takes no new contact request (409 VACANCY_NOT_OPEN, naming the status and what was refused).
 */
export function requireOpenVacancy(row: Pick<VacancyRow, 'id' | 'status'>, what: string): void {
  if (row.status !== 'open') {
    throw new AppError('VACANCY_NOT_OPEN', `vacancy ${row.id} is ${row.status}; ${what} needs an open vacancy`, { vacancyId: row.id, status: row.status });
  }
}

export function canWrite(principal: Principal, row: VacancyRow): boolean {
  return principal.role === 'admin' || (principal.role === 'employer' && principal.employerId === row.employerId);
}

export async function getVacancyRow(q: SqlHandle, id: string): Promise<VacancyRow | undefined> {
  const { vacancies } = q.t;
  return (await q.db.select().from(vacancies).where(eq(vacancies.id, id)).limit(1))[0];
}

/** Fetch for a caller: another tenant's non-public vacancy answers 404, so its existence does not leak. */
export async function getVisibleVacancy(q: SqlHandle, principal: Principal, id: string, forWrite = false): Promise<VacancyRow> {
  const row = await getVacancyRow(q, id);
  if (!row || !(forWrite ? canWrite(principal, row) : canRead(principal, row))) throw notFound('vacancy', id);
  return row;
}

export async function listVacancies(h: SqlHandle, principal: Principal, q: ListVacanciesQuery, readerOf: (row: VacancyRow) => VacancyReader = () => PUBLIC_EN) {
  const { vacancies } = h.t;
  const conds: SQL[] = [];
  if (principal.role === 'employer') {
    conds.push(or(eq(vacancies.status, 'open'), eq(vacancies.employerId, principal.employerId!))!);
  } else if (principal.role !== 'admin') {
    conds.push(eq(vacancies.status, 'open'));
  }
  if (q.country) conds.push(eq(vacancies.country, q.country));
  if (q.status) conds.push(eq(vacancies.status, q.status));
  if (q.shortage !== undefined) conds.push(eq(vacancies.shortage, q.shortage));
  if (q.employerId) conds.push(eq(vacancies.employerId, q.employerId));
  if (q.occupation) {
    conds.push(q.occupation.startsWith('http') ? eq(vacancies.occupationEsco, q.occupation) : eq(vacancies.occupationIsco, q.occupation));
  }
  const rows = await h.db
    .select()
    .from(vacancies)
    .where(keysetWhere(vacancies.id, conds, q.cursor, 'vac'))
    .orderBy(vacancies.id)
    .limit(q.limit + 1);
  return page(rows, q.limit, (row) => toVacancy(row, readerOf(row)));
}
