// My data: export (GDPR Art. 20, JSON) and erasure with a confirmation, through the same writer as the API.
import type { FastifyInstance } from 'fastify';
import { exportCandidate, type CandidateRow } from '../../services/candidates.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/index.js';
import { csrfField, describedBy, errorSummary, fieldError, layout, type PageContext, type PageError } from '../layout.js';
import { field, formBody } from '../form.js';
import { loginOf, sessionsOf } from '../sessions.js';
import { seekerRow } from '../seeker.js';
import type { WebDeps } from '../plugin.js';
import { eraseCandidateEverywhere } from '../../services/erasure.js';

/** Everything stored about the seeker (the API's export, GET /v1/candidates/me/export), plus the web sign-in and sessions. */
export async function exportSeekerData(app: FastifyInstance, row: CandidateRow) {
  const read = app.storage.read;
  const login = await loginOf(read, row.id);
  return {
    ...(await exportCandidate(read, row.id)),
    webSignIn: login ? { login: login.login, createdAt: login.createdAt, password: 'stored only as an scrypt hash, not exported' } : null,
    webSessions: await sessionsOf(read, row.id),
  };
}

function dataPage(ctx: PageContext, row: CandidateRow, errors: PageError[]): SafeHtml {
  const { t, lang } = ctx;
  return layout(ctx, {
    title: t('dataTitle'),
    current: '/app/data',
    body: html`<h1>${t('dataTitle')}</h1>
${errorSummary(ctx, errors)}
<h2>${t('dataSummary')}</h2>
<ul>
<li>${t('dataExperience', { n: row.experience.length })}</li>
<li>${t('dataSkills', { n: row.skills.length })}</li>
<li>${t('dataLanguages', { n: row.languages.length })}</li>
<li>${t('dataDestinations', { n: row.destinations.length })}</li>
<li>${t('dataCreated', { date: formatDate(lang, row.createdAt) })}</li>
</ul>
<section aria-labelledby="export-title" class="card">
<h2 id="export-title">${t('dataExportTitle')}</h2>
<p>${t('dataExportText')}</p>
<p><a class="button" href="/app/data/export" download>${t('dataExportButton')}</a></p>
</section>
<section aria-labelledby="erase-title" class="card">
<h2 id="erase-title">${t('dataEraseTitle')}</h2>
<p id="erase-text">${t('dataEraseText')}</p>
<form method="post" action="/app/data/erase" novalidate>
${csrfField(ctx)}
${fieldError(errors, 'confirm')}
<div class="choice"><input type="checkbox" id="confirm" name="confirm" value="yes" required${describedBy(errors, 'confirm', 'erase-text')}><label for="confirm">${t('dataEraseConfirm')}</label></div>
<div class="actions"><button type="submit" class="danger">${t('dataEraseButton')}</button></div>
</form>
</section>`,
  });
}

export async function dataPages(s: FastifyInstance, deps: WebDeps): Promise<void> {
  const { app } = deps;
  const roles = ['jobseeker'] as const;

  s.get('/data', { config: { roles }, schema: { hide: true } }, async (request, reply) =>
    deps.send(reply, dataPage(deps.context(request, reply, 'seeker', true), (await seekerRow(app, request)), [])),
  );

  s.get('/data/export', { config: { roles }, schema: { hide: true } }, async (request, reply) => {
    const row = (await seekerRow(app, request));
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="passerelle-${row.id}.json"`)
      .send(JSON.stringify(await exportSeekerData(app, row), null, 2));
  });

  s.post('/data/erase', { config: { roles }, schema: { hide: true } }, async (request, reply) => {
    const row = (await seekerRow(app, request));
    const b = formBody(request.body);
    if (field(b, 'confirm') !== 'yes') {
      const ctx = deps.context(request, reply, 'seeker', true);
      return deps.send(reply, dataPage(ctx, row, [{ field: 'confirm', message: ctx.t('errEraseConfirm') }]), 400);
    }
    await eraseCandidateEverywhere(app, row);
    deps.signOut(request, reply);
    return reply.redirect('/app?erased=1', 303);
  });
}
