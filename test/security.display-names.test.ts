// Issue 12, finding 7: a display name shown to employers is NFC, bounded, and holds nothing invisible or reordering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProfile } from './helper.js';
import { startSecurityServer, type SecurityServer } from './security-server.js';

let s: SecurityServer;
let seekerKey: string;
beforeAll(async () => {
  s = await startSecurityServer('names');
  const reg = await s.call('POST', '/v1/jobseekers', { key: null, body: {} });
  seekerKey = reg.body.key;
});
afterAll(async () => {
  await s?.cleanup();
});

const put = (displayName: string) => s.call('PUT', '/v1/candidates/me', { key: seekerKey, body: sampleProfile({ displayName }) });

describe('display names (finding 7)', () => {
  const refused: [string, string, string][] = [
    ['right-to-left override', 'Ali\u202Etxt.exe', 'U+202E'],
    ['left-to-right isolate', 'Ali \u2066Admin\u2069', 'U+2066'],
    ['right-to-left mark', 'Fatou\u200F D.', 'U+200F'],
    ['zero-width space', 'Fa\u200Btou', 'U+200B'],
    ['zero-width joiner', 'Fa\u200Dtou', 'U+200D'],
    ['byte-order mark', '\uFEFFFatou', 'U+FEFF'],
    ['lone high surrogate', 'Fatou \uD800', 'U+D800'],
    ['lone low surrogate', '\uDC00Fatou', 'U+DC00'],
    ['bell control', 'Fatou\u0007', 'U+0007'],
    ['C1 control', 'Fatou\u0085', 'U+0085'],
    ['line separator', 'Fatou\u2028D.', 'U+2028'],
    ['private use', 'Fatou \uE000', 'U+E000'],
  ];
  it.each(refused)('refuses a %s with 400 naming body.displayName and the character', async (_what, name, cp) => {
    const res = await put(name);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain('body.displayName');
    expect(res.body.error.message).toContain(cp);
    expect(res.body.error.details[0].path).toBe('body.displayName');
  });

  it('refuses the same at self-registration', async () => {
    const res = await s.call('POST', '/v1/jobseekers', { key: null, body: { displayName: 'Eve\u202Elive' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.displayName');
  });

  it('bounds the length in characters (80), not UTF-16 units', async () => {
    expect((await put('a'.repeat(81))).status).toBe(400);
    expect((await put('   ')).status).toBe(400);
    // 80 astral characters are 160 UTF-16 units: still 80 characters.
    const ok = await put('\u{1D49C}'.repeat(80));
    expect(ok.status, ok.text).toBe(200);
  });

  it('stores NFC with single spaces and keeps real names in any script', async () => {
    const decomposed = await put('Zoe\u0301   Ou\u0308  Fatou');
    expect(decomposed.status).toBe(200);
    expect(decomposed.body.displayName).toBe('Zo\u00E9 O\u00FC Fatou');
    for (const name of ['فاطمة ديالو', 'José Ñúñez', 'Nguyễn Thị Hoa', '王芳', 'Chidi O.']) {
      const res = await put(name);
      expect(res.status, name).toBe(200);
      expect(res.body.displayName).toBe(name.normalize('NFC'));
    }
    const me = await s.call('GET', '/v1/candidates/me', { key: seekerKey });
    expect(me.body.displayName).toBe('Chidi O.');
  });
});
