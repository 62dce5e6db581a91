// The web app under /app: server-rendered pages on the same Fastify process, calling the services directly.
// Encapsulated (not fastify-plugin): its cookie and form parsers, CSP, error pages and hooks stay inside /app.
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import compress from '@fastify/compress';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';
import { bearerToken } from '../plugins/auth.js';
import { toAppError, sendError } from '../plugins/error-handler.js';
import { loadAssets, type WebAssets } from './assets.js';
import { html, type SafeHtml } from './html.js';
import { pickLanguage, translator, type Translate, type WebLang } from './i18n/index.js';
import { layout, type PageContext } from './layout.js';
import { ANONYMOUS_TTL_MS, closeSession, findSession, newSession, purgeExpiredSessions, saveSession, SIGNED_IN_TTL_MS, sessionPrincipal, type WebSessionRow } from './sessions.js';
import { publicPages } from './pages/public.js';
import { profilePages } from './pages/profile.js';
import { readingPages } from './pages/reading.js';
import { matchPages } from './pages/matches.js';
import { oversightPages } from './pages/oversight.js';
import { dataPages } from './pages/data.js';
import { ministryPages } from './pages/ministry.js';

export const SESSION_COOKIE = 'psl_sid';
export const LANG_COOKIE = 'psl_lang';

// Scripts only from our own files; the one inline stylesheet by its hash; nothing from another origin.
export function webCsp(cssHash: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src '${cssHash}'`,
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export interface WebRequestState {
  lang: WebLang;
  t: Translate;
  session: WebSessionRow | null;
  /** Session writes started while the page is built; settled (error or null) before the reply is sent. */
  pending: Promise<unknown>[];
  /** The caller sent an Authorization header: no cookie is involved, so no CSRF check and no session. */
  viaBearer: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    web: WebRequestState;
  }
}

export interface WebDeps {
  app: FastifyInstance;
  assets: WebAssets;
  /** The page context for this request; creates an anonymous session when a form needs a CSRF token. */
  context(request: FastifyRequest, reply: FastifyReply, audience: PageContext['audience'], needsForm?: boolean): PageContext;
  /** Send a page (HTML, no caching of personal pages). */
  send(reply: FastifyReply, page: SafeHtml, status?: number): FastifyReply;
  /** Replace the session (sign-in, registration): the old one is deleted, a new id is issued (no fixation). */
  signIn(request: FastifyRequest, reply: FastifyReply, who: { apiKeyId: string; candidateId: string | null }): void;
  signOut(request: FastifyRequest, reply: FastifyReply): void;
  /** Only local paths are followed after sign-in. */
  safeNext(next: unknown, fallback: string): string;
}

/** Start a session write now; its outcome is collected (never left unhandled) and checked before the reply is sent. */
function defer(request: FastifyRequest, write: Promise<unknown>): void {
  request.web.pending.push(write.then(() => null, (err: unknown) => err));
}

const wantsHtml = (request: FastifyRequest): boolean => String(request.headers.accept ?? '').includes('text/html');

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const webPlugin: FastifyPluginAsync = async (scope) => {
  const app = scope;
  const assets = loadAssets();
  const csp = webCsp(assets.cssHash);
  const secure = (request: FastifyRequest): boolean =>
    app.config.WEB_COOKIE_SECURE === 'always' || (app.config.WEB_COOKIE_SECURE === 'auto' && request.protocol === 'https');

  await scope.register(cookie);
  await scope.register(formbody, { bodyLimit: 64 * 1024 });
  await scope.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });

  scope.decorateRequest('web', null as unknown as WebRequestState);

  scope.addHook('onRequest', async (request, reply) => {
    const query = request.query as Record<string, unknown> | undefined;
    const lang = pickLanguage(query?.lang, request.cookies[LANG_COOKIE], request.headers['accept-language'] as string | undefined);
    if (typeof query?.lang === 'string' && query.lang === lang && request.cookies[LANG_COOKIE] !== lang) {
      reply.setCookie(LANG_COOKIE, lang, { path: '/app', httpOnly: true, sameSite: 'strict', secure: secure(request), maxAge: 365 * 24 * 3600 });
    }
    const viaBearer = bearerToken(request) !== null || request.headers.authorization !== undefined;
    const session = viaBearer ? null : await findSession(app.storage, request.cookies[SESSION_COOKIE]);
    request.web = { lang, t: translator(lang), session, viaBearer, pending: [] };
    // A signed-in session acts as its API key's principal; the route's roles are then checked by the auth plugin.
    if (!viaBearer && session) request.principal = await sessionPrincipal(app.storage.read, session);
  });

  // Every form carries the session's CSRF token; requests with an Authorization header carry no ambient credential.
  scope.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || request.web.viaBearer) return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent = typeof body?._csrf === 'string' ? body._csrf : '';
    const session = request.web.session;
    if (!session || !sent || !sameToken(sent, session.csrfToken)) throw new AppError('FORBIDDEN', 'the form is missing its CSRF token or it has expired', { csrf: true });
  });

  scope.addHook('onSend', async (request, reply, payload) => {
    // Session writes decided while building the page (open, sign in, sign out) commit before the reply leaves.
    if (request.web?.pending.length) {
      const failed = (await Promise.all(request.web.pending.splice(0))).find((e) => e !== null);
      if (failed) throw failed;
    }
    reply.header('content-security-policy', csp);
    reply.header('referrer-policy', 'same-origin');
    reply.header('vary', 'accept-language, cookie');
    if (!request.url.startsWith('/app/assets/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  const context: WebDeps['context'] = (request, reply, audience, needsForm = false) => {
    let session = request.web.session;
    if (!session && needsForm && !request.web.viaBearer) {
      const opened = newSession({ apiKeyId: null, candidateId: null }, ANONYMOUS_TTL_MS);
      defer(request, saveSession(app.storage, opened.row));
      reply.setCookie(SESSION_COOKIE, opened.token, { path: '/app', httpOnly: true, sameSite: 'strict', secure: secure(request) });
      session = opened.row;
      request.web.session = session;
    }
    const url = new URL(request.url, 'http://x');
    url.searchParams.delete('lang');
    return {
      lang: request.web.lang,
      t: request.web.t,
      path: `${url.pathname}${url.search}`,
      csrf: session?.csrfToken ?? '',
      audience,
      assets: { css: assets.css, js: assets.jsUrl },
    };
  };

  const deps: WebDeps = {
    app,
    assets,
    context,
    send: (reply, page, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(page.value),
    signIn(request, reply, who) {
      if (request.web.session) defer(request, closeSession(app.storage, request.web.session.idHash));
      const opened = newSession({ apiKeyId: who.apiKeyId, candidateId: who.candidateId }, SIGNED_IN_TTL_MS);
      defer(request, saveSession(app.storage, opened.row));
      reply.setCookie(SESSION_COOKIE, opened.token, { path: '/app', httpOnly: true, sameSite: 'strict', secure: secure(request), maxAge: SIGNED_IN_TTL_MS / 1000 });
      request.web.session = opened.row;
    },
    signOut(request, reply) {
      if (request.web.session) defer(request, closeSession(app.storage, request.web.session.idHash));
      request.web.session = null;
      reply.clearCookie(SESSION_COOKIE, { path: '/app', httpOnly: true, sameSite: 'strict', secure: secure(request) });
    },
    safeNext(next, fallback) {
      const ok = typeof next === 'string' && /^\/app(\/[A-Za-z0-9/_.-]*)?(\?[A-Za-z0-9=&_.%-]*)?$/.test(next) && !/\/\.\.?(\/|$|\?)|\/\//.test(next);
      return ok ? next : fallback;
    },
  };

  // Error pages for people, the JSON envelope for programs.
  scope.setErrorHandler((error, request, reply) => {
    const err = toAppError(error as Error, request);
    if (!wantsHtml(request) || !request.web) return sendError(request, reply, err);
    if (err.code === 'UNAUTHENTICATED') {
      const target = request.url.startsWith('/app/ministry') ? '/app/ministry/signin' : '/app/signin';
      return reply.redirect(request.method === 'GET' ? `${target}?next=${encodeURIComponent(request.url)}` : target, 303);
    }
    const t = request.web.t;
    const csrf = (err.details as { csrf?: boolean } | undefined)?.csrf === true;
    const message =
      csrf ? t('errorCsrf')
      : err.code === 'FORBIDDEN' ? t('errorForbidden')
      : err.code === 'NOT_FOUND' ? t('errorNotFound')
      : err.code === 'RATE_LIMITED' ? t('errorTooMany')
      : err.code === 'SERVICE_UNAVAILABLE' ? t('errorBusy')
      : err.statusCode >= 500 ? t('errorGeneric')
      : err.message;
    const back = csrf ? String(request.url) : '/app';
    const audience = request.principal?.role === 'jobseeker' ? 'seeker' : request.principal ? 'ministry' : 'public';
    const ctx = context(request, reply, audience, audience !== 'public');
    if (err.headers) reply.headers(err.headers);
    return deps.send(reply, layout(ctx, { title: message, body: html`<h1>${message}</h1><p><a href="${back}">${csrf ? t('back') : t('backHome')}</a></p>` }), err.statusCode);
  });
  scope.setNotFoundHandler((request, reply) => {
    throw new AppError('NOT_FOUND', `route ${request.method} ${request.url.split('?')[0]} does not exist`);
  });

  const purge = setInterval(() => void purgeExpiredSessions(app.storage).catch((err: unknown) => app.log.error({ err }, 'session purge failed')), 3600_000);
  purge.unref();
  scope.addHook('onClose', async () => clearInterval(purge));

  assets.routes(scope);
  await scope.register(async (s) => publicPages(s, deps));
  await scope.register(async (s) => profilePages(s, deps));
  await scope.register(async (s) => readingPages(s, deps));
  await scope.register(async (s) => matchPages(s, deps));
  await scope.register(async (s) => oversightPages(s, deps));
  await scope.register(async (s) => dataPages(s, deps));
  await scope.register(async (s) => ministryPages(s, deps));
};

export default webPlugin;
