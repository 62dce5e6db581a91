import { html, raw, type SafeHtml } from './html.js';
import { LANG_NAMES, textDirection, WEB_LANGS, type MessageKey, type Translate, type WebLang } from './i18n/index.js';

/** What every page knows about its request. */
export interface PageContext {
  lang: WebLang;
  t: Translate;
  /** Path and query of this request, without lang= (the language switch adds it). */
  path: string;
  csrf: string;
  audience: 'public' | 'seeker' | 'ministry';
  assets: { css: string; js: string };
}

export interface PageError {
  /** The field's id, so the summary links to it. */
  field?: string;
  message: string;
}

const SEEKER_NAV: [string, MessageKey][] = [
  ['/app/profile', 'navProfile'],
  ['/app/profile/reading', 'navReading'],
  ['/app/matches', 'navMatches'],
  ['/app/decisions', 'navDecisions'],
  ['/app/data', 'navData'],
];

export function withLang(path: string, lang: WebLang): string {
  const [p, q = ''] = path.split('?');
  const params = new URLSearchParams(q);
  params.set('lang', lang);
  return `${p}?${params.toString()}`;
}

/** A hidden CSRF field for every form. */
export const csrfField = (ctx: PageContext): SafeHtml => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

/** The error summary: focused on load by app.js, announced by screen readers (role=alert), each error linked to its field. */
export function errorSummary(ctx: PageContext, errors: PageError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-autofocus>
<h2 id="error-summary-title">${ctx.t('errorSummary')}</h2>
<ul>${errors.map((e) => html`<li>${e.field ? html`<a href="#${e.field}">${e.message}</a>` : e.message}</li>`)}</ul>
</div>`;
}

/** The message of one field's error, referenced by aria-describedby. */
export function fieldError(errors: PageError[], field: string): SafeHtml {
  const e = errors.find((x) => x.field === field);
  return e ? html`<p class="field-error" id="${field}-error">${e.message}</p>` : html``;
}

export const describedBy = (errors: PageError[], field: string, hint?: string): SafeHtml => {
  const ids = [hint, errors.some((e) => e.field === field) ? `${field}-error` : undefined].filter(Boolean).join(' ');
  const invalid = errors.some((e) => e.field === field);
  return raw(`${ids ? ` aria-describedby="${ids}"` : ''}${invalid ? ' aria-invalid="true"' : ''}`);
};

export function layout(ctx: PageContext, opts: { title: string; current?: string; body: SafeHtml; notice?: string }): SafeHtml {
  const { t, lang } = ctx;
  const nav =
    ctx.audience === 'seeker'
      ? SEEKER_NAV.map(([href, key]) => html`<li><a href="${href}"${raw(opts.current === href ? ' aria-current="page"' : '')}>${t(key)}</a></li>`)
      : ctx.audience === 'ministry'
        ? [html`<li><a href="/app/ministry" aria-current="page">${t('navDashboard')}</a></li>`]
        : [html`<li><a href="/app/register">${t('register')}</a></li>`, html`<li><a href="/app/signin">${t('signIn')}</a></li>`];
  const signOut =
    ctx.audience === 'public'
      ? html``
      : html`<form method="post" action="${ctx.audience === 'ministry' ? '/app/ministry/signout' : '/app/signout'}" class="signout">${csrfField(ctx)}<button type="submit" class="link-button">${t('signOut')}</button></form>`;
  const switcher = WEB_LANGS.map(
    (l) =>
      html`<li><a href="${withLang(ctx.path, l)}" lang="${l}" hreflang="${l}"${raw(l === lang ? ' aria-current="true"' : '')}>${LANG_NAMES[l]}</a></li>`,
  );
  return html`<!doctype html>
<html lang="${lang}" dir="${textDirection(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · ${t('appName')}</title>
<style>${raw(ctx.assets.css)}</style>
</head>
<body>
<a class="skip-link" href="#main">${t('skipToContent')}</a>
<header class="site-header">
<div class="bar">
<a class="brand" href="/app">${t('appName')}</a>
<nav class="lang-switch" aria-label="${t('language')}"><ul>${switcher}</ul></nav>
</div>
<div class="bar">
<nav aria-label="${t('mainNav')}" class="main-nav"><ul>${nav}</ul></nav>
${signOut}
</div>
</header>
<main id="main" tabindex="-1">
${opts.notice ? html`<p class="notice" role="status">${opts.notice}</p>` : ''}
${opts.body}
</main>
<footer class="site-footer"><p>${t('footerPeopleDecide')} ${t('footerLocal')}</p></footer>
<script src="${ctx.assets.js}" async></script>
</body>
</html>`;
}
