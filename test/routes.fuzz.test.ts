import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';
import { fuzzRoutes } from './reliability/route-fuzz.js';

// The quick pass of the reliability fuzz (npm run test:reliability sends 10,000+): every route, every role,
// schema-driven valid-but-extreme and invalid bodies, the NDJSON parser; each answer checked against the contract.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1000);

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('route fuzz (schema-driven, every role)', () => {
  it(`answers ${REQUESTS} generated requests as documented, never with a 5xx, and changes nothing on a 4xx`, async () => {
    const report = await fuzzRoutes(t, { requests: REQUESTS, seed: Number(process.env.FUZZ_SEED ?? 20261201) });
    expect(report.failures).toEqual([]);
    expect(report.serverErrors).toBe(0);
    expect(report.requests).toBeGreaterThanOrEqual(REQUESTS * 0.9);
    // The generated input reaches the handlers: most routes answer 2xx to some of it, and bodies are both kinds.
    expect(report.routesWith2xx, `no 2xx on: ${report.routesWithout2xx?.join(", ")}`).toBeGreaterThan(report.routes * 0.8);
    expect(report.kinds['body:valid-extreme']).toBeGreaterThan(50);
    expect(report.kinds['body:invalid-mutation']).toBeGreaterThan(50);
    expect(report.kinds['caller:denied']).toBeGreaterThan(50);
    expect(report.kinds['ndjson-lines']).toBeGreaterThan(20);
    for (const [name, c] of Object.entries(report.checks)) expect(c.fail, name).toBe(0);
  }, 600_000);
});
