// A small browser-like client over app.inject: a cookie jar, Accept: text/html, and the CSRF token of the last form.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class WebClient {
  readonly cookies = new Map<string, string>();
  lastHtml = '';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = res.body;
    return res;
  }

  /** The CSRF token of the last page's forms. */
  csrf(): string {
    return /name="_csrf" value="([^"]*)"/.exec(this.lastHtml)?.[1] ?? '';
  }

  async post(url: string, form: Record<string, string | string[]>, opts: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf() : opts.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
      payload: body.toString(),
    });
    this.keep(res);
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = res.body;
    return res;
  }

  /** Register a seeker through the form and return the sign-in name. */
  async register(login: string, password = 'a long enough passphrase', lang = 'en'): Promise<LightMyRequestResponse> {
    await this.get(`/app/register?lang=${lang}`);
    return this.post('/app/register', { displayName: 'Test Seeker', login, password, password2: password });
  }
}
