import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTestApp, concreteUrl, PATH_PARAM_SAMPLES, type TestApp } from './helper.js';
import type { Role } from '../src/db/schema/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

// Random path segments, query strings and bodies: whatever a client sends, the answer is never a 5xx.
describe('property: no route answers 5xx to client input', () => {
  it('holds for random bodies, query strings and path parameters on every route', async () => {
    const routes = t.app.routeTable.filter((r) => !r.url.startsWith('/docs') && r.url !== '/openapi.json');
    const keys = new Map<Role, string>();
    const keyFor = (role: Role) => {
      if (!keys.has(role)) keys.set(role, t.keyFor(role));
      return keys.get(role)!;
    };
    const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...Object.values(PATH_PARAM_SAMPLES)));
    const query = fc.dictionary(fc.constantFrom('limit', 'cursor', 'country', 'lang', 'horizon', 'format', 'occupation', 'region', 'minScore', 'status', 'destination', 'kind', 'q'), fc.string({ maxLength: 30 }), { maxKeys: 4 });
    for (const route of routes) {
      // DELETE of one's own profile would end the key used for the rest of the run.
      if (route.method === 'DELETE' && route.url === '/v1/candidates/me') continue;
      const role: Role | null = route.roles === 'public' ? null : route.roles[0]!;
      await fc.assert(
        fc.asyncProperty(segment, query, fc.jsonValue({ maxDepth: 3 }), async (seg, q, body) => {
          const path = concreteUrl(route.url, () => encodeURIComponent(seg) || 'x');
          const qs = new URLSearchParams(q).toString();
          const res = await t.request(role ? keyFor(role) : null, {
            method: route.method as 'GET',
            url: `${path}${qs ? `?${qs}` : ''}`,
            ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) } : {}),
          });
          expect(res.statusCode, `${route.method} ${path}?${qs} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        }),
        { numRuns: 15 },
      );
    }
  });
});
