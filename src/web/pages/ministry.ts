// The ministry dashboard: shortage ratings, trend and forecast per occupation × region, the forecast charts, CSV,
// backtest accuracy and data freshness. Everything comes from the forecast service the API uses (aggregates only).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { renderForecastSvg } from '../../forecast/chart.js';
import { ForecastLookupError, type ShortageForecastItem } from '../../forecast/service.js';
import { itemsToCsv } from '../../routes/forecasts.js';
import { attr, html, type SafeHtml } from '../html.js';
import { countryName, formatMonth, formatNumber, formatPercent, type MessageKey, type WebLang } from '../i18n/index.js';
import { csrfField, describedBy, errorSummary, fieldError, layout, type PageContext, type PageError } from '../layout.js';
import { field, formBody, queryOf } from '../form.js';
import { ministryKey } from '../sessions.js';
import type { WebDeps } from '../plugin.js';

export const ROWS_PER_PAGE = 25;
const ROLES = ['ministry', 'admin'] as const;
const RATINGS: Record<string, MessageKey> = {
  shortage: 'ratingShortage',
  'no shortage': 'ratingNoShortage',
  'regional shortage': 'ratingRegional',
  'insufficient-data': 'ratingInsufficient',
  'not-rated': 'ratingNotRated',
};

interface DashboardQuery {
  country: string;
  region: string;
  q: string;
  rating: string;
  page: number;
  chart: string;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Trend and forecast as plain percentage changes of the 12-month mean, computed from the item's own series. */
export function rowFigures(item: ShortageForecastItem) {
  const obs = item.history.filter((h): h is { period: string; value: number } => h.value !== null);
  const last12 = mean(obs.slice(-12).map((h) => h.value));
  const prev12 = obs.length >= 24 ? mean(obs.slice(-24, -12).map((h) => h.value)) : null;
  const next12 = item.forecast.length >= 12 ? mean(item.forecast.slice(0, 12).map((f) => f.value)) : null;
  const change = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b - 1 : null);
  return {
    trend: change(last12, prev12),
    forecast: change(next12, last12),
    mase: item.accuracy?.mase ?? null,
    lastObservation: item.lastObservation ?? obs[obs.length - 1]?.period ?? null,
    stale: item.stale,
  };
}

function parseQuery(raw: unknown, countries: string[]): DashboardQuery {
  const q = queryOf(raw);
  const country = field(q, 'country');
  const page = Number(field(q, 'page'));
  return {
    country: countries.includes(country) ? country : (countries[0] ?? 'AU'),
    region: /^[A-Z*]{1,6}$/.test(field(q, 'region')) ? field(q, 'region') : '',
    q: field(q, 'q').slice(0, 100),
    rating: field(q, 'rating') in RATINGS ? field(q, 'rating') : '',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    chart: /^[A-Za-z0-9.-]{1,20}$/.test(field(q, 'chart')) ? field(q, 'chart') : '',
  };
}

function select(app: FastifyInstance, dq: DashboardQuery): { regions: string[]; region: string; items: ShortageForecastItem[] } {
  let all: ShortageForecastItem[];
  try {
    all = app.forecasts.shortages({ country: dq.country, horizon: 12, historyMonths: 24 });
  } catch (err) {
    if (err instanceof ForecastLookupError) return { regions: [], region: '', items: [] };
    throw err;
  }
  const regions = [...new Set(all.map((i) => i.region))].sort();
  const national = regions.find((r) => r === 'AUST' || r === dq.country) ?? regions[0] ?? '';
  const region = dq.region === '*' || regions.includes(dq.region) ? dq.region : national;
  const needle = dq.q.toLowerCase();
  const order = (i: ShortageForecastItem) => (i.rating.value === 'shortage' ? 0 : i.rating.value === 'regional shortage' ? 1 : i.rating.value === 'no shortage' ? 2 : 3);
  const score = (i: ShortageForecastItem) => Number((i.rating.indicators as { score?: unknown }).score ?? -Infinity);
  const items = all
    .filter((i) => region === '*' || i.region === region)
    .filter((i) => !needle || i.occupation.label.toLowerCase().includes(needle) || i.occupation.code.startsWith(needle))
    .filter((i) => !dq.rating || i.rating.value === dq.rating)
    .sort((a, b) => order(a) - order(b) || score(b) - score(a) || a.occupation.code.localeCompare(b.occupation.code) || a.region.localeCompare(b.region));
  return { regions, region, items };
}

const signed = (lang: WebLang, x: number | null): string => (x === null ? '–' : `${x > 0 ? '+' : ''}${formatPercent(lang, x)}`);

function queryString(dq: DashboardQuery, region: string, over: Partial<DashboardQuery> = {}): string {
  const p = new URLSearchParams();
  const v = { ...dq, region, ...over };
  p.set('country', v.country);
  if (v.region) p.set('region', v.region);
  if (v.q) p.set('q', v.q);
  if (v.rating) p.set('rating', v.rating);
  if (v.page > 1) p.set('page', String(v.page));
  if (v.chart) p.set('chart', v.chart);
  return p.toString();
}

function accuracySection(ctx: PageContext, app: FastifyInstance): SafeHtml {
  const { t, lang } = ctx;
  // Computed by the forecast service (a background backtest at start-up); the served model's evaluation origins.
  const sources = ['ivi', 'jolts'].flatMap((src) => {
    const acc = app.forecasts.accuracy(src);
    const model = acc?.evaluation.models.find((m) => m.model === acc.chosen) ?? acc?.evaluation.models.find((m) => m.model === 'auto');
    return acc && model ? [{ src, chosen: acc.chosen, horizons: model.horizons }] : [];
  });
  return html`<section aria-labelledby="accuracy-title">
<h2 id="accuracy-title">${t('accuracyTitle')}</h2>
${sources.length
  ? html`<p>${t('accuracyIntro')}</p>${sources.map(
      (x) => html`<div class="table-wrap"><table><caption>${x.src.toUpperCase()} · ${x.chosen}</caption><thead><tr><th scope="col">${t('accuracyHorizon')}</th><th scope="col">${t('accuracyMase')}</th><th scope="col">${t('accuracyCov80')}</th><th scope="col">${t('accuracyCov95')}</th></tr></thead>
<tbody>${x.horizons.map((h) => html`<tr><th scope="row">${h.h}</th><td class="num">${Number.isFinite(h.relMase?.median) ? formatNumber(lang, h.relMase.median) : '–'}</td><td class="num">${Number.isFinite(h.coverage80) ? formatPercent(lang, h.coverage80) : '–'}</td><td class="num">${Number.isFinite(h.coverage95) ? formatPercent(lang, h.coverage95) : '–'}</td></tr>`)}</tbody></table></div>`,
    )}`
  : html`<p>${t('accuracyNone')}</p>`}
</section>`;
}

function dashboardPage(ctx: PageContext, app: FastifyInstance, dq: DashboardQuery, countries: string[]): SafeHtml {
  const { t, lang } = ctx;
  const { regions, region, items } = select(app, dq);
  const pages = Math.max(1, Math.ceil(items.length / ROWS_PER_PAGE));
  const page = Math.min(dq.page, pages);
  const rows = items.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
  const figures = items.map(rowFigures);
  const lastObs = figures.map((f) => f.lastObservation).filter((x): x is string => !!x).sort().at(-1);
  const stale = figures.filter((f) => f.stale).length;
  const chartItem = dq.chart ? items.find((i) => i.occupation.code === dq.chart) : undefined;
  const from = items.length ? (page - 1) * ROWS_PER_PAGE + 1 : 0;
  const to = Math.min(items.length, page * ROWS_PER_PAGE);
  return layout(ctx, {
    title: t('dashboardTitle'),
    body: html`<h1>${t('dashboardTitle')}</h1>
<p>${t('dashboardIntro')}</p>
<form method="get" action="/app/ministry" class="card">
<div class="row">
<div class="field"><label for="country">${t('fieldCountry')}</label><select id="country" name="country">${countries.map((c) => html`<option value="${c}"${attr('selected', c === dq.country)}>${countryName(lang, c)}</option>`)}</select></div>
<div class="field"><label for="region">${t('fieldRegion')}</label><select id="region" name="region"><option value="*"${attr('selected', region === '*')}>${t('allRegions')}</option>${regions.map((r) => html`<option value="${r}"${attr('selected', r === region)}>${r}</option>`)}</select></div>
<div class="field"><label for="q">${t('fieldOccupationSearch')}</label><input type="search" id="q" name="q" value="${dq.q}" maxlength="100"></div>
<div class="field"><label for="rating">${t('fieldRating')}</label><select id="rating" name="rating"><option value="">${t('allRatings')}</option>${Object.entries(RATINGS).map(([v, k]) => html`<option value="${v}"${attr('selected', v === dq.rating)}>${t(k)}</option>`)}</select></div>
<div class="field"><button type="submit">${t('show')}</button></div>
</div>
</form>
<section aria-labelledby="freshness-title">
<h2 id="freshness-title">${t('freshnessTitle')}</h2>
<p>${lastObs ? t('freshnessLast', { date: formatMonth(lang, lastObs) }) : t('noRows')}${stale ? html` <strong>${t('freshnessStale', { n: stale })}</strong>` : ''}</p>
</section>
<p><a class="button secondary" href="/app/ministry/shortages.csv?${queryString(dq, region, { page: 1, chart: '' })}" download>${t('downloadCsv')}</a></p>
${items.length === 0
  ? html`<p>${t('noRows')}</p>`
  : html`<p role="status">${t('rowsShown', { from, to, total: items.length })}</p>
<div class="table-wrap"><table id="shortage-table">
<thead><tr><th scope="col">${t('colOccupation')}</th><th scope="col">${t('colRegion')}</th><th scope="col">${t('colRating')}</th><th scope="col">${t('colTrend')}</th><th scope="col">${t('colForecast')}</th><th scope="col">${t('colAccuracy')}</th><th scope="col">${t('colLastObservation')}</th><th scope="col">${t('colChart')}</th></tr></thead>
<tbody>${rows.map((i) => {
      const f = rowFigures(i);
      return html`<tr><th scope="row">${i.occupation.label} <span class="meta">(${i.occupation.code})</span></th><td>${i.region}</td><td${i.rating.value === 'shortage' ? html` class="rating-shortage"` : ''}>${RATINGS[i.rating.value] ? t(RATINGS[i.rating.value]!) : i.rating.value}</td><td class="num">${signed(lang, f.trend)}</td><td class="num">${signed(lang, f.forecast)}</td><td class="num">${f.mase === null ? '–' : formatNumber(lang, f.mase)}</td><td>${f.lastObservation ? formatMonth(lang, f.lastObservation) : '–'}</td><td><a href="/app/ministry?${queryString(dq, region, { page, chart: i.occupation.code })}#chart">${t('colChart')}<span class="visually-hidden">: ${i.occupation.label}, ${i.region}</span></a></td></tr>`;
    })}</tbody></table></div>
<nav class="actions" aria-label="${t('rowsShown', { from, to, total: items.length })}">
${page > 1 ? html`<a href="/app/ministry?${queryString(dq, region, { page: page - 1, chart: '' })}">${t('previous')}</a>` : ''}
${page < pages ? html`<a href="/app/ministry?${queryString(dq, region, { page: page + 1, chart: '' })}">${t('next')}</a>` : ''}
</nav>`}
<section aria-labelledby="chart-title" id="chart" class="chart">
<h2 id="chart-title">${t('chartTitle')}</h2>
${chartItem
  ? html`<figure><img src="/app/ministry/chart.svg?country=${dq.country}&amp;region=${chartItem.region}&amp;occupation=${chartItem.occupation.code}" width="800" height="400" alt="${t('showChart', { label: `${chartItem.occupation.label}, ${chartItem.region}` })}"><figcaption>${t('chartCaption')}</figcaption></figure>`
  : html`<p>${t('chartChoose')}</p>`}
</section>
${accuracySection(ctx, app)}`,
  });
}

function signInPage(ctx: PageContext, next: string, errors: PageError[]): SafeHtml {
  const { t } = ctx;
  return layout(ctx, {
    title: t('ministrySignInTitle'),
    body: html`<h1>${t('ministrySignInTitle')}</h1>
${errorSummary(ctx, errors)}
<p id="key-hint">${t('ministrySignInIntro')}</p>
<form method="post" action="/app/ministry/signin" novalidate>
${csrfField(ctx)}
<input type="hidden" name="next" value="${next}">
<div class="field"><label for="key">${t('fieldAccessKey')}</label>${fieldError(errors, 'key')}
<input type="password" id="key" name="key" maxlength="200" required autocomplete="off" spellcheck="false" dir="ltr"${describedBy(errors, 'key', 'key-hint')}></div>
<div class="actions"><button type="submit">${t('signInSubmit')}</button></div>
</form>`,
  });
}

export async function ministryPages(s: FastifyInstance, deps: WebDeps): Promise<void> {
  const { app } = deps;
  const countries = (): string[] => app.forecasts.countries().sort();
  const limited = { rateLimit: { max: app.config.ANON_RATE_LIMIT_MAX, timeWindow: app.config.RATE_LIMIT_WINDOW_MS } };

  s.get('/ministry/signin', { config: { roles: 'public' }, schema: { hide: true } }, async (request, reply) =>
    deps.send(reply, signInPage(deps.context(request, reply, 'public', true), deps.safeNext(queryOf(request.query).next, '/app/ministry'), [])),
  );

  s.post('/ministry/signin', { config: { roles: 'public', ...limited }, schema: { hide: true } }, async (request, reply) => {
    const b = formBody(request.body);
    const next = deps.safeNext(field(b, 'next'), '/app/ministry');
    const key = typeof b.key === 'string' ? b.key.slice(0, 200) : '';
    const principal = key ? await ministryKey(app.storage.read, key) : null;
    if (principal) {
      deps.signIn(request, reply, { apiKeyId: principal.keyId, candidateId: null });
      return reply.redirect(next, 303);
    }
    const ctx = deps.context(request, reply, 'public', true);
    return deps.send(reply, signInPage(ctx, next, [{ field: 'key', message: ctx.t('errAccessKey') }]), 401);
  });

  s.post('/ministry/signout', { config: { roles: ROLES }, schema: { hide: true } }, async (request, reply) => {
    deps.signOut(request, reply);
    return reply.redirect('/app?signedout=1', 303);
  });

  s.get('/ministry', { config: { roles: ROLES }, schema: { hide: true } }, async (request, reply) => {
    const cs = countries();
    return deps.send(reply, dashboardPage(deps.context(request, reply, 'ministry', true), app, parseQuery(request.query, cs), cs));
  });

  s.get('/ministry/shortages.csv', { config: { roles: ROLES }, schema: { hide: true } }, async (request, reply) => {
    const dq = parseQuery(request.query, countries());
    const { items, region } = select(app, dq);
    const name = `shortages-${dq.country}${region && region !== '*' ? `-${region}` : ''}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(itemsToCsv(items));
  });

  s.get('/ministry/chart.svg', { config: { roles: ROLES }, schema: { hide: true } }, async (request: FastifyRequest, reply) => {
    const q = queryOf(request.query);
    const country = field(q, 'country');
    const region = field(q, 'region');
    const occupation = field(q, 'occupation');
    if (!countries().includes(country) || !/^[A-Z*]{1,6}$/.test(region) || !/^[A-Za-z0-9.-]{1,20}$/.test(occupation)) {
      throw new AppError('VALIDATION_FAILED', 'query: country, region and occupation must name an existing series', [{ path: 'query', rule: 'series' }]);
    }
    let items: ShortageForecastItem[];
    try {
      items = app.forecasts.shortages({ country, region, occupation, horizon: 12, historyMonths: 60 });
    } catch (err) {
      if (err instanceof ForecastLookupError) throw new AppError('NOT_FOUND', err.message);
      throw err;
    }
    const item = items[0];
    if (!item) throw new AppError('NOT_FOUND', 'no series matches this query');
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, max-age=3600').send(renderForecastSvg(item, { width: 800, height: 400 }));
  });
}
