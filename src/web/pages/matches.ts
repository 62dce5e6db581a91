// The seeker's ranked matches, explained: the same service call as GET /v1/candidates/me/matches (and its audit record).
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';
import { requirePrincipal } from '../../plugins/auth.js';
import { matchesForCandidate, type MatchPage } from '../../services/matches.js';
import type { VacancySummary } from '../../services/match-engine.js';
import { attr, html, type SafeHtml } from '../html.js';
import { countryName, formatPercent, languageName, type MessageKey } from '../i18n/index.js';
import { layout, type PageContext } from '../layout.js';
import { field, queryOf } from '../form.js';
import { isCountry, seekerRow } from '../seeker.js';
import type { WebDeps } from '../plugin.js';

export const PAGE_SIZE = 10;

type Page = MatchPage<{ vacancyId: string; vacancy: VacancySummary }>;
type Item = Page['items'][number];

/** The score in words: the bands a person reads before the number. */
export function fitWords(score: number): MessageKey {
  if (score >= 0.7) return 'fitExcellent';
  if (score >= 0.5) return 'fitGood';
  if (score >= 0.3) return 'fitPartial';
  return 'fitWeak';
}

const COMPONENT_KEYS: Record<string, MessageKey> = {
  semantic: 'compSemantic',
  essentialSkills: 'compEssentialSkills',
  optionalSkills: 'compOptionalSkills',
  occupation: 'compOccupation',
  language: 'compLanguage',
  location: 'compLocation',
  experience: 'compExperience',
  education: 'compEducation',
  licences: 'compLicences',
};

/** A label from the explanation, marked with its language when it is not the page's (screen readers switch voice). */
const label = (display: { text: string; lang: string | null } | undefined, fallback: string): SafeHtml =>
  display ? html`<li${display.lang ? html` lang="${display.lang}"` : ''}>${display.text}</li>` : html`<li>${fallback}</li>`;

const pct = (x: number): number => Math.round(x * 100);

/** A bar drawn with SVG attributes (no inline style, so the CSP needs no 'unsafe-inline'); mirrored in RTL by CSS. */
const scoreBar = (score: number): SafeHtml =>
  html`<svg class="bar-svg" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="track" width="100" height="8"/><rect class="fill" width="${Math.max(0, Math.min(100, pct(score)))}" height="8"/></svg>`;

/** Vacancy warnings, when the service attaches them (fair-recruitment screening): rendered as given. */
function flagsOf(v: VacancySummary): string[] {
  const flags = (v as { flags?: unknown }).flags;
  if (!Array.isArray(flags)) return [];
  return flags.flatMap((f: unknown) => {
    if (typeof f === 'string') return [f];
    const o = f as { message?: unknown; label?: unknown; code?: unknown } | null;
    const text = o?.message ?? o?.label ?? o?.code;
    return typeof text === 'string' ? [text] : [];
  });
}

function matchCard(ctx: PageContext, item: Item, auditId: string): SafeHtml {
  const { t, lang } = ctx;
  const v = item.vacancy;
  const e = item.explanation;
  const place = [countryName(lang, v.country), v.region].filter(Boolean).join(', ');
  const id = `m-${item.rank}`;
  const flags = flagsOf(v);
  return html`<article class="card" aria-labelledby="${id}">
<h2 id="${id}">${item.rank}. ${v.title}</h2>
<p class="meta">${place}${v.shortage ? html` · <span class="badge">${t('shortageBadge')}</span>` : ''}</p>
<p class="score">${t(fitWords(item.score))} ${scoreBar(item.score)} <span>${t('scoreOutOf', { pct: pct(item.score) })}</span></p>
<p lang="${e.lang}">${e.summary}</p>
${e.outlook ? html`<p class="meta" lang="${e.outlook.lang}">${e.outlook.text}</p>` : ''}
${flags.length ? html`<div class="flag"><h3>${t('flagsTitle')}</h3><ul>${flags.map((f) => html`<li>${f}</li>`)}</ul></div>` : ''}
<div class="cols">
${e.matchedSkills.length ? html`<div><h3>${t('matchedSkills')}</h3><ul class="have">${e.matchedSkills.map((s) => label(s.display, s.label))}</ul></div>` : ''}
${e.missingSkills.length ? html`<div><h3>${t('missingSkills')}</h3><ul class="miss">${e.missingSkills.map((s) => label(s.display, s.label))}</ul></div>` : ''}
${e.languageGaps.length
  ? html`<div><h3>${t('languageGaps')}</h3><ul>${e.languageGaps.map((g) =>
      html`<li>${g.have ? t('languageGap', { language: languageName(lang, g.code), required: g.required, have: g.have }) : t('languageGapNone', { language: languageName(lang, g.code), required: g.required })}</li>`,
    )}</ul></div>`
  : ''}
</div>
${e.improve.length
  ? html`<h3>${t('improveTitle')}</h3><ul>${e.improve.map((i) =>
      html`<li>${
        i.kind === 'skill' ? t('improveSkill', { label: i.display?.text ?? i.label, pct: pct(i.scoreAfter) })
        : i.kind === 'language' ? t('improveLanguage', { level: i.level, language: languageName(lang, i.code), pct: pct(i.scoreAfter) })
        : t('improveLicence', { label: i.display.text, pct: pct(i.scoreAfter) })
      }</li>`,
    )}</ul>`
  : ''}
<details><summary>${t('howScoreMade')}</summary>
<div class="table-wrap"><table><thead><tr><th scope="col">${t('componentColumn')}</th><th scope="col">${t('valueColumn')}</th><th scope="col">${t('weightColumn')}</th></tr></thead>
<tbody>${e.components.map((c) => html`<tr><th scope="row">${COMPONENT_KEYS[c.name] ? t(COMPONENT_KEYS[c.name]!) : c.name}</th><td class="num">${formatPercent(lang, c.value)}</td><td class="num">${formatPercent(lang, c.weight)}</td></tr>`)}</tbody></table></div>
</details>
<p><a href="/app/contest?audit=${auditId}&amp;vacancy=${item.vacancyId}">${t('contestThis')}<span class="visually-hidden">: ${v.title}</span></a></p>
</article>`;
}

interface Filters {
  destination: string;
  shortage: boolean;
  cursor?: string;
}

function filterForm(ctx: PageContext, destinations: string[], f: Filters): SafeHtml {
  const { t, lang } = ctx;
  return html`<form method="get" action="/app/matches" class="card">
<fieldset><legend>${t('filtersLegend')}</legend>
<div class="row">
<div class="field"><label for="destination">${t('filterDestination')}</label>
<select id="destination" name="destination"><option value="">${t('filterAllDestinations')}</option>${destinations.map(
    (d) => html`<option value="${d}"${attr('selected', f.destination === d)}>${countryName(lang, d)}</option>`,
  )}</select></div>
<div class="field"><div class="choice"><input type="checkbox" id="shortage" name="shortage" value="1"${attr('checked', f.shortage)}><label for="shortage">${t('filterShortage')}</label></div></div>
<div class="field"><button type="submit">${t('applyFilters')}</button></div>
</div></fieldset>
</form>`;
}

function matchesPage(ctx: PageContext, destinations: string[], f: Filters, result: Page | { blocked: 'consent' | 'profile' }): SafeHtml {
  const { t } = ctx;
  let body: SafeHtml;
  if ('blocked' in result) {
    body = html`<p class="notice">${result.blocked === 'consent' ? t('needConsent') : t('needProfile')}</p>
<p><a class="button" href="/app/profile?step=${result.blocked === 'consent' ? 5 : 1}">${t('goToProfile')}</a></p>`;
  } else if (result.items.length === 0) {
    body = html`<p>${t('matchesNone')}</p>`;
  } else {
    const first = result.items[0]!.rank;
    const last = result.items[result.items.length - 1]!.rank;
    const qs = (cursor?: string) => {
      const p = new URLSearchParams();
      if (f.destination) p.set('destination', f.destination);
      if (f.shortage) p.set('shortage', '1');
      if (cursor) p.set('cursor', cursor);
      return p.toString();
    };
    body = html`<p role="status">${t('matchesCount', { from: first, to: last })}</p>
${result.items.map((i) => matchCard(ctx, i, result.auditId))}
<p class="meta">${t('rankingId', { id: result.auditId })}</p>
<div class="actions">
${result.nextCursor ? html`<a class="button" href="/app/matches?${qs(result.nextCursor)}">${t('nextPage')}</a>` : ''}
${f.cursor ? html`<a href="/app/matches?${qs()}">${t('firstPage')}</a>` : ''}
</div>`;
  }
  return layout(ctx, {
    title: t('matchesTitle'),
    current: '/app/matches',
    body: html`<h1>${t('matchesTitle')}</h1>
${filterForm(ctx, destinations, f)}
${body}`,
  });
}

export async function matchPages(s: FastifyInstance, deps: WebDeps): Promise<void> {
  const { app } = deps;

  s.get('/matches', { config: { roles: ['jobseeker'], cost: 'heavy' }, schema: { hide: true } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const row = (await seekerRow(app, request));
    const q = queryOf(request.query);
    const destination = field(q, 'destination');
    const cursor = field(q, 'cursor');
    const f: Filters = { destination: isCountry(destination) ? destination : '', shortage: field(q, 'shortage') === '1', ...(cursor ? { cursor: cursor.slice(0, 300) } : {}) };
    const ctx = deps.context(request, reply, 'seeker', true);
    let result: Page | { blocked: 'consent' | 'profile' };
    try {
      result = await matchesForCandidate(
        app,
        principal,
        row,
        { destination: f.destination ? [f.destination] : undefined, shortageOnly: f.shortage || undefined },
        { limit: PAGE_SIZE, cursor: f.cursor, acceptLanguage: ctx.lang },
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONSENT_REQUIRED') result = { blocked: 'consent' };
      else if (err instanceof AppError && err.code === 'PROFILE_INCOMPLETE') result = { blocked: 'profile' };
      else throw err;
    }
    const destinations = [...new Set([...row.destinations, ...(f.destination ? [f.destination] : [])])];
    return deps.send(reply, matchesPage(ctx, destinations, f, result));
  });
}
