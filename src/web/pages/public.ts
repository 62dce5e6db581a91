import type { FastifyInstance } from 'fastify';
import { html } from '../html.js';
import { csrfField, describedBy, errorSummary, fieldError, layout, type PageContext, type PageError } from '../layout.js';
import { field, formBody, queryOf } from '../form.js';
import { LOGIN_PATTERN, LoginTakenError, registerSeeker, signInSeeker } from '../sessions.js';
import type { WebDeps } from '../plugin.js';
import { displayNameSchema } from '../../schemas/candidate.js';

// Sign-in and registration are rate-limited per address like the API's self-registration.
const limited = (app: FastifyInstance) => ({ rateLimit: { max: app.config.ANON_RATE_LIMIT_MAX, timeWindow: app.config.RATE_LIMIT_WINDOW_MS } });

function homePage(ctx: PageContext, signedIn: boolean, notice?: string) {
  const { t } = ctx;
  return layout(ctx, {
    title: t('homeTitle'),
    notice,
    body: html`<h1>${t('homeTitle')}</h1>
<p>${t('homeIntro')}</p>
<ul>
<li>${t('homePoint1')}</li>
<li>${t('homePoint2')}</li>
<li>${t('homePoint3')}</li>
<li>${t('homePoint4')}</li>
</ul>
<div class="actions">
${signedIn ? html`<a class="button" href="/app/matches">${t('navMatches')}</a><a class="button secondary" href="/app/profile">${t('navProfile')}</a>` : html`<a class="button" href="/app/register">${t('register')}</a><a class="button secondary" href="/app/signin">${t('signIn')}</a>`}
</div>
<p><a href="/app/ministry">${t('homeMinistry')}</a></p>`,
  });
}

interface RegisterValues {
  displayName: string;
  login: string;
}

function registerPage(ctx: PageContext, values: RegisterValues, errors: PageError[]) {
  const { t } = ctx;
  return layout(ctx, {
    title: t('registerTitle'),
    body: html`<h1>${t('registerTitle')}</h1>
${errorSummary(ctx, errors)}
<p>${t('registerIntro')}</p>
<form method="post" action="/app/register" novalidate>
${csrfField(ctx)}
<div class="field">
<label for="displayName">${t('fieldDisplayName')}</label>
<p class="hint" id="displayName-hint">${t('fieldDisplayNameHint')}</p>
${fieldError(errors, 'displayName')}
<input type="text" id="displayName" name="displayName" value="${values.displayName}" maxlength="80" required autocomplete="nickname"${describedBy(errors, 'displayName', 'displayName-hint')}>
</div>
<div class="field">
<label for="login">${t('fieldLogin')}</label>
<p class="hint" id="login-hint">${t('fieldLoginHint')}</p>
${fieldError(errors, 'login')}
<input type="text" id="login" name="login" value="${values.login}" maxlength="40" required autocomplete="username" autocapitalize="none" spellcheck="false" dir="ltr"${describedBy(errors, 'login', 'login-hint')}>
</div>
<div class="field">
<label for="password">${t('fieldPassword')}</label>
<p class="hint" id="password-hint">${t('fieldPasswordHint')}</p>
${fieldError(errors, 'password')}
<input type="password" id="password" name="password" minlength="10" maxlength="200" required autocomplete="new-password"${describedBy(errors, 'password', 'password-hint')}>
</div>
<div class="field">
<label for="password2">${t('fieldPassword2')}</label>
${fieldError(errors, 'password2')}
<input type="password" id="password2" name="password2" maxlength="200" required autocomplete="new-password"${describedBy(errors, 'password2')}>
</div>
<div class="actions"><button type="submit">${t('registerSubmit')}</button></div>
</form>
<p><a href="/app/signin">${t('registerHaveAccount')}</a></p>`,
  });
}

function signInPage(ctx: PageContext, login: string, next: string, errors: PageError[]) {
  const { t } = ctx;
  return layout(ctx, {
    title: t('signInTitle'),
    body: html`<h1>${t('signInTitle')}</h1>
${errorSummary(ctx, errors)}
<form method="post" action="/app/signin" novalidate>
${csrfField(ctx)}
<input type="hidden" name="next" value="${next}">
<div class="field">
<label for="login">${t('fieldLogin')}</label>
${fieldError(errors, 'login')}
<input type="text" id="login" name="login" value="${login}" maxlength="40" required autocomplete="username" autocapitalize="none" spellcheck="false" dir="ltr"${describedBy(errors, 'login')}>
</div>
<div class="field">
<label for="password">${t('fieldPassword')}</label>
<input type="password" id="password" name="password" maxlength="200" required autocomplete="current-password">
</div>
<div class="actions"><button type="submit">${t('signInSubmit')}</button></div>
</form>
<p><a href="/app/register">${t('signInNoAccount')}</a></p>`,
  });
}

export async function publicPages(s: FastifyInstance, deps: WebDeps): Promise<void> {
  const { app } = deps;

  s.get('/', { config: { roles: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const q = queryOf(request.query);
    const t = request.web.t;
    const notice = q.erased === '1' ? `${t('erasedTitle')}. ${t('erasedText')}` : q.signedout === '1' ? t('signedOutText') : undefined;
    const signedIn = request.principal?.role === 'jobseeker';
    return deps.send(reply, homePage(deps.context(request, reply, signedIn ? 'seeker' : 'public'), signedIn, notice));
  });

  s.get('/register', { config: { roles: 'public' }, schema: { hide: true } }, async (request, reply) =>
    deps.send(reply, registerPage(deps.context(request, reply, 'public', true), { displayName: '', login: '' }, [])),
  );

  s.post('/register', { config: { roles: 'public', ...limited(app) }, schema: { hide: true } }, async (request, reply) => {
    const b = formBody(request.body);
    const t = request.web.t;
    const values = { displayName: field(b, 'displayName'), login: field(b, 'login') };
    const password = typeof b.password === 'string' ? b.password : '';
    const errors: PageError[] = [];
    // The API's own rule (POST /v1/jobseekers, PUT /v1/candidates/me): no control, invisible or bidi-override
    // characters, stored in NFC with single spaces, 1..80 characters.
    const name = displayNameSchema.safeParse(values.displayName);
    if (!name.success) {
      const chars = name.error.issues.some((i) => (i as { params?: { rule?: string } }).params?.rule === 'characters');
      errors.push({ field: 'displayName', message: t(chars ? 'errInvisibleChars' : 'errDisplayName') });
    }
    if (!LOGIN_PATTERN.test(values.login)) errors.push({ field: 'login', message: t('errLogin') });
    if (password.length < 10 || password.length > 200) errors.push({ field: 'password', message: t('errPassword') });
    else if (password !== b.password2) errors.push({ field: 'password2', message: t('errPasswordMatch') });
    if (errors.length === 0) {
      try {
        const seeker = await registerSeeker(app.storage, { ...values, displayName: name.data!, password, lang: request.web.lang });
        deps.signIn(request, reply, { apiKeyId: seeker.apiKeyId, candidateId: seeker.candidateId });
        return reply.redirect('/app/profile', 303);
      } catch (err) {
        if (!(err instanceof LoginTakenError)) throw err;
        errors.push({ field: 'login', message: t('errLoginTaken') });
      }
    }
    return deps.send(reply, registerPage(deps.context(request, reply, 'public', true), values, errors), 400);
  });

  s.get('/signin', { config: { roles: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const next = deps.safeNext(queryOf(request.query).next, '/app/matches');
    return deps.send(reply, signInPage(deps.context(request, reply, 'public', true), '', next, []));
  });

  s.post('/signin', { config: { roles: 'public', ...limited(app) }, schema: { hide: true } }, async (request, reply) => {
    const b = formBody(request.body);
    const login = field(b, 'login');
    const password = typeof b.password === 'string' ? b.password.slice(0, 200) : '';
    const next = deps.safeNext(field(b, 'next'), '/app/matches');
    const who = login && password ? await signInSeeker(app.storage.read, login, password) : null;
    if (who) {
      deps.signIn(request, reply, who);
      return reply.redirect(next, 303);
    }
    const errors = [{ field: 'login', message: request.web.t('errSignIn') }];
    return deps.send(reply, signInPage(deps.context(request, reply, 'public', true), login, next, errors), 401);
  });

  s.post('/signout', { config: { roles: ['jobseeker'] }, schema: { hide: true } }, async (request, reply) => {
    deps.signOut(request, reply);
    return reply.redirect('/app?signedout=1', 303);
  });
}
