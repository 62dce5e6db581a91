import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';
import { WebClient } from './web-client.js';
import { webSessions } from '../src/db/schema/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ REFERENCE_SERIES_LOAD: false });
});
afterAll(async () => {
  await t.close();
});

const step1 = { step: '1', displayName: 'Amal', residenceCountry: 'MA', title: ['welder', '', ''], years: ['4', '', ''], jobCountry: ['MA', '', ''], educationLevel: '3' };

describe('web app security', () => {
  it('sets the session cookie HttpOnly, SameSite=Strict and path=/app, Secure when configured, and never the API key', async () => {
    const c = new WebClient(t.app);
    const page = await c.get('/app/register');
    const cookie = (page.cookies as { name: string; httpOnly?: boolean; sameSite?: string; path?: string; secure?: boolean }[]).find((x) => x.name === 'psl_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.path).toBe('/app');
    expect(cookie.secure).toBeFalsy();
    const res = await c.post('/app/register', { displayName: 'A', login: 'cookie.check', password: 'a long enough passphrase', password2: 'a long enough passphrase' });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers['set-cookie'])).not.toMatch(/psk_/);

    const secureApp = await buildTestApp({ REFERENCE_SERIES_LOAD: false, WEB_COOKIE_SECURE: 'always' });
    try {
      const s = await new WebClient(secureApp.app).get('/app/signin');
      expect((s.cookies as { name: string; secure?: boolean }[]).find((x) => x.name === 'psl_sid')!.secure).toBe(true);
    } finally {
      await secureApp.close();
    }
  });

  it('refuses a form without its CSRF token or with another session’s token (403), and accepts the right one', async () => {
    const a = new WebClient(t.app);
    await a.register('csrf.owner');
    await a.get('/app/profile');
    const noToken = await a.post('/app/profile', step1, { csrf: null });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain('This form has expired');
    const b = new WebClient(t.app);
    await b.register('csrf.other');
    await b.get('/app/profile');
    const foreign = await a.post('/app/profile', step1, { csrf: b.csrf() });
    expect(foreign.statusCode).toBe(403);
    // Nothing was saved by the refused forms.
    await a.get('/app/profile');
    expect(a.lastHtml).not.toContain('value="welder"');
    const ok = await a.post('/app/profile', step1);
    expect(ok.statusCode).toBe(303);
    await a.get('/app/profile');
    expect(a.lastHtml).toContain('value="welder"');
    // Registration and sign-in forms need the (anonymous) session's token too.
    const fresh = new WebClient(t.app);
    expect((await fresh.post('/app/register', { displayName: 'X', login: 'no.token', password: 'a long enough passphrase', password2: 'a long enough passphrase' })).statusCode).toBe(403);
  });

  it('issues a new session id at sign-in (no fixation): a session id planted before sign-in never becomes signed in', async () => {
    const victim = new WebClient(t.app);
    await victim.get('/app/signin');
    const planted = victim.cookies.get('psl_sid')!;
    expect(planted).toBeTruthy();
    await victim.register('fixation.victim');
    const after = victim.cookies.get('psl_sid')!;
    expect(after).not.toBe(planted);
    // The attacker, holding the planted id, is not signed in.
    const attacker = new WebClient(t.app);
    attacker.cookies.set('psl_sid', planted);
    const res = await attacker.get('/app/matches');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/app\/signin/);
    // Signing in again also rotates the id.
    await victim.post('/app/signout', {});
    await victim.get('/app/signin');
    const beforeSignIn = victim.cookies.get('psl_sid')!;
    const signIn = await victim.post('/app/signin', { login: 'fixation.victim', password: 'a long enough passphrase', next: '/app/profile' });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/app/profile');
    expect(victim.cookies.get('psl_sid')).not.toBe(beforeSignIn);
  });

  it('signs out on the server: the old cookie no longer opens any page', async () => {
    const c = new WebClient(t.app);
    await c.register('logout.user');
    const sid = c.cookies.get('psl_sid')!;
    expect((await c.get('/app/profile')).statusCode).toBe(200);
    const out = await c.post('/app/signout', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/app?signedout=1');
    expect(c.cookies.has('psl_sid')).toBe(false);
    const replay = new WebClient(t.app);
    replay.cookies.set('psl_sid', sid);
    for (const url of ['/app/profile', '/app/matches', '/app/data', '/app/data/export']) {
      const res = await replay.get(url);
      expect(res.statusCode, url).toBe(303);
    }
    // Programs (no Accept: text/html) get the API's 401 envelope instead of a redirect.
    const api = await t.app.inject({ method: 'GET', url: '/app/profile', headers: { cookie: `psl_sid=${sid}` } });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects wrong passwords and unknown names alike, and never reveals which', async () => {
    const c = new WebClient(t.app);
    await c.register('pw.owner');
    await c.post('/app/signout', {});
    await c.get('/app/signin');
    const wrong = await c.post('/app/signin', { login: 'pw.owner', password: 'not the passphrase' });
    await c.get('/app/signin');
    const unknown = await c.post('/app/signin', { login: 'nobody.here', password: 'not the passphrase' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const msg = (body: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(body)?.[0];
    expect(msg(wrong.body)).toBe(msg(unknown.body));
    expect(wrong.body).toContain('aria-invalid="true"');
  });

  it('a session cookie never authenticates the JSON API, and a seeker session cannot open the ministry dashboard', async () => {
    const c = new WebClient(t.app);
    await c.register('api.cookie');
    const api = await t.app.inject({ method: 'GET', url: '/v1/candidates/me', headers: { cookie: `psl_sid=${c.cookies.get('psl_sid')}` } });
    expect(api.statusCode).toBe(401);
    const dash = await c.get('/app/ministry');
    expect(dash.statusCode).toBe(403);
    const csv = await c.get('/app/ministry/shortages.csv?country=AU');
    expect(csv.statusCode).toBe(403);
  });

  it('ministry sign-in takes a ministry key once; seeker and employer keys are refused; the key never appears in the page', async () => {
    const ministry = t.keyFor('ministry');
    const c = new WebClient(t.app);
    await c.get('/app/ministry/signin');
    const refused = await c.post('/app/ministry/signin', { key: t.keyFor('jobseeker') });
    expect(refused.statusCode).toBe(401);
    await c.get('/app/ministry/signin');
    const ok = await c.post('/app/ministry/signin', { key: ministry });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/app/ministry');
    const dash = await c.get('/app/ministry');
    expect(dash.statusCode).toBe(200);
    expect(dash.body).not.toContain(ministry);
    expect(dash.body).not.toMatch(/psk_/);
    // The ministry session is not a seeker.
    expect((await c.get('/app/matches')).statusCode).toBe(403);
    const rows = t.app.db.select().from(webSessions).all();
    expect(rows.every((r) => !JSON.stringify(r).includes(ministry))).toBe(true);
  });

  it('serves every page with a CSP without unsafe-inline, no inline script or style, and no secrets in the HTML', async () => {
    const c = new WebClient(t.app);
    await c.register('csp.check');
    await c.get('/app/profile');
    await c.post('/app/profile', step1);
    const pages = ['/app', '/app/profile', '/app/profile?step=2', '/app/profile?step=3', '/app/profile?step=4', '/app/profile?step=5', '/app/profile/reading', '/app/matches', '/app/decisions', '/app/data'];
    for (const url of pages) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.body, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.body, url).not.toMatch(/\sstyle=/);
      // The one inline stylesheet is allowed by its hash, not by 'unsafe-inline'.
      const styles = [...res.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(styles.length, url).toBe(1);
      expect(csp, url).toContain(`'sha256-${createHash('sha256').update(styles[0]!, 'utf8').digest('base64')}'`);
      expect(res.body, url).not.toMatch(/psk_|localStorage|sessionStorage/);
    }
  });

  it('escapes what people type: a script in a profile field is shown as text', async () => {
    const c = new WebClient(t.app);
    await c.register('xss.check');
    await c.get('/app/profile');
    await c.post('/app/profile', { ...step1, displayName: '<script>alert(1)</script>', title: ['"><img src=x onerror=alert(1)>', '', ''] });
    const page = await c.get('/app/profile');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<img src=x');
  });

  it('follows only local paths after sign-in', async () => {
    const c = new WebClient(t.app);
    await c.register('redirect.check');
    await c.post('/app/signout', {});
    for (const next of ['https://evil.example/', '//evil.example/app', '/app/../v1/candidates/me', 'javascript:alert(1)']) {
      await c.get('/app/signin');
      const res = await c.post('/app/signin', { login: 'redirect.check', password: 'a long enough passphrase', next });
      expect(res.headers.location, next).toBe('/app/matches');
      await c.post('/app/signout', {});
    }
  });
});
