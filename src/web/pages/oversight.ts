// Contest a ranking, and see the decisions and contests that concern me.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';
import { requirePrincipal } from '../../plugins/auth.js';
import { contestLimits, contestsOf, decisionsAbout, fileContest } from '../../services/contests.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate, MESSAGES, type MessageKey } from '../i18n/index.js';

const MESSAGES_HAS = (k: string): boolean => k in MESSAGES.en;
import { csrfField, describedBy, errorSummary, fieldError, layout, type PageContext, type PageError } from '../layout.js';
import { field, formBody, queryOf } from '../form.js';
import { seekerRow } from '../seeker.js';
import type { WebDeps } from '../plugin.js';
import { textSchema } from '../../schemas/common.js';

const AUDIT_ID = /^audit_[0-9a-z]{26}$/;

function contestPage(ctx: PageContext, auditId: string, message: string, errors: PageError[]): SafeHtml {
  const { t } = ctx;
  return layout(ctx, {
    title: t('contestTitle'),
    current: '/app/decisions',
    body: html`<h1>${t('contestTitle')}</h1>
${errorSummary(ctx, errors)}
<p>${t('contestIntro')}</p>
<p class="meta">${t('contestAbout', { id: auditId })}</p>
<form method="post" action="/app/contest" novalidate>
${csrfField(ctx)}
<input type="hidden" name="audit" value="${auditId}">
<div class="field">
<label for="message">${t('fieldContestMessage')}</label>
${fieldError(errors, 'message')}
<textarea id="message" name="message" maxlength="4000" required${describedBy(errors, 'message')}>${message}</textarea>
</div>
<div class="actions"><button type="submit">${t('contestSubmit')}</button><a href="/app/matches">${t('back')}</a></div>
</form>`,
  });
}

const DECISION_KEYS: Record<string, MessageKey> = { shortlisted: 'decisionShortlisted', rejected: 'decisionRejected', hired: 'decisionHired' };
/** 'missing-essential-skill' → 'reasonMissingEssentialSkill': one message per reason code of the decisions API. */
const reasonKey = (code: string): MessageKey => `reason${code.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}` as MessageKey;

function decisionsPage(ctx: PageContext, decisions: Awaited<ReturnType<typeof decisionsAbout>>, contests: Awaited<ReturnType<typeof contestsOf>>, notice?: string): SafeHtml {
  const { t, lang } = ctx;
  return layout(ctx, {
    title: t('decisionsTitle'),
    current: '/app/decisions',
    notice,
    body: html`<h1>${t('decisionsTitle')}</h1>
<h2>${t('decisionsEmployers')}</h2>
${decisions.length === 0
  ? html`<p>${t('decisionsNone')}</p>`
  : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('decisionVacancy')}</th><th scope="col">${t('decisionWhat')}</th><th scope="col">${t('decisionReason')}</th><th scope="col">${t('decisionDate')}</th></tr></thead>
<tbody>${decisions.map((d) => html`<tr><th scope="row">${d.vacancyTitle ?? d.vacancyId}</th><td>${DECISION_KEYS[d.decision] ? t(DECISION_KEYS[d.decision]!) : d.decision}</td><td>${d.reasonCode ? html`<p>${MESSAGES_HAS(reasonKey(d.reasonCode)) ? t(reasonKey(d.reasonCode)) : d.reasonCode}</p>` : ''}${d.reason ? html`<p>${d.reason}</p>` : ''}</td><td>${formatDate(lang, d.createdAt)}</td></tr>`)}</tbody></table></div>`}
<h2>${t('contestsMine')}</h2>
${contests.length === 0
  ? html`<p>${t('contestsNone')}</p>`
  : contests.map(
      (c) => html`<article class="card"><p class="meta">${formatDate(lang, c.createdAt)} · ${t('contestStatus')}: <strong>${c.status === 'open' ? t('contestStatusOpen') : t('contestStatusResolved')}</strong></p>
<h3>${t('contestMessage')}</h3><p>${c.message}</p>
${c.resolution ? html`<h3>${t('contestAnswer')}</h3><p>${c.resolution}</p>` : ''}
<p class="meta">${t('rankingId', { id: c.auditId })}</p></article>`,
    )}`,
  });
}

const CONTEST_MESSAGE = textSchema(4000);

export async function oversightPages(s: FastifyInstance, deps: WebDeps): Promise<void> {
  const { app } = deps;
  const roles = ['jobseeker'] as const;

  s.get('/contest', { config: { roles }, schema: { hide: true } }, async (request, reply) => {
    (await seekerRow(app, request));
    const audit = field(queryOf(request.query), 'audit');
    if (!AUDIT_ID.test(audit)) throw new AppError('NOT_FOUND', 'no such ranking');
    return deps.send(reply, contestPage(deps.context(request, reply, 'seeker', true), audit, '', []));
  });

  s.post('/contest', { config: { roles }, schema: { hide: true } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const b = formBody(request.body);
    const audit = field(b, 'audit');
    const message = field(b, 'message');
    const ctx = deps.context(request, reply, 'seeker', true);
    const errors: PageError[] = [];
    if (!AUDIT_ID.test(audit)) errors.push({ message: ctx.t('errContestRanking') });
    // The API's rule for the same message (POST /v1/matches/:auditId/contest): no control characters, no bidi override.
    if (message.length < 1 || message.length > 4000) errors.push({ field: 'message', message: ctx.t('errContestMessage') });
    else if (!CONTEST_MESSAGE.safeParse(message).success) errors.push({ field: 'message', message: ctx.t('errInvisibleChars') });
    let status = 400;
    if (errors.length === 0) {
      try {
        await app.storage.transaction((tx) => fileContest(tx, principal, audit, message, contestLimits(app.config)));
        return reply.redirect('/app/decisions?sent=1', 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'NOT_FOUND') errors.push({ message: ctx.t('errContestRanking') });
        else if (err.code === 'CONTEST_ALREADY_OPEN') {
          status = 409;
          errors.push({ message: ctx.t('errContestAlreadyOpen') });
        } else if (err.code === 'CONTEST_LIMIT') {
          status = 429;
          const seconds = (err.details as { retryAfterSeconds: number }).retryAfterSeconds;
          reply.header('retry-after', String(seconds));
          errors.push({
            message: ctx.t('errContestLimit', {
              limit: String(app.config.CONTEST_LIMIT_MAX),
              window: String(Math.round(app.config.CONTEST_LIMIT_WINDOW_MS / 3_600_000)),
              hours: String(Math.max(1, Math.ceil(seconds / 3600))),
            }),
          });
        } else throw err;
      }
    }
    return deps.send(reply, contestPage(ctx, AUDIT_ID.test(audit) ? audit : '', message, errors), status);
  });

  s.get('/decisions', { config: { roles }, schema: { hide: true } }, async (request, reply) => {
    const row = (await seekerRow(app, request));
    const ctx = deps.context(request, reply, 'seeker', true);
    const sent = field(queryOf(request.query), 'sent') === '1';
    return deps.send(reply, decisionsPage(ctx, await decisionsAbout(app.storage.read, row.id), await contestsOf(app.storage.read, row.id), sent ? ctx.t('contestSent') : undefined));
  });
}
