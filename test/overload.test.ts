import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ MAX_EVENT_LOOP_DELAY_MS: 50 });
});
afterAll(async () => {
  await t.close();
});

describe('under pressure', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After while the event loop lags, then recovers', async () => {
    // Block the event loop well past the threshold, then let under-pressure sample it.
    const until = Date.now() + 600;
    while (Date.now() < until) {
      /* busy */
    }
    await new Promise((r) => setTimeout(r, 20));
    const res = await t.request(t.admin.key, { method: 'GET', url: '/v1/employers' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('10');
    let recovered = 503;
    for (let i = 0; i < 50 && recovered === 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      recovered = (await t.request(t.admin.key, { method: 'GET', url: '/v1/employers' })).statusCode;
    }
    expect(recovered).toBe(200);
  });
});
