// Issue 12, findings 1 and 6: an idempotent replay never hands a secret to anyone, proxies are trusted only when
// configured, and stored replies cannot be read or their keys tested offline from a copy of the database.
import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildTestApp } from './helper.js';
import { startSecurityServer, type SecurityServer } from './security-server.js';

// The server's derivation (src/keyring.ts hmacSha256), written out so the test stands on its own.
const hmacSha256 = (key: Buffer, ...parts: string[]): Buffer => createHmac('sha256', key).update(parts.join('\u0000')).digest();

let s: SecurityServer;
beforeAll(async () => {
  // The server sits behind a reverse proxy on loopback: X-Forwarded-For names the client.
  s = await startSecurityServer('replay', { TRUST_PROXY: 'loopback', ANON_RATE_LIMIT_MAX: '5' });
});
afterAll(async () => {
  await s?.cleanup();
});

const register = (ip: string, idemKey: string | null, extra: Record<string, string> = {}) =>
  s.call('POST', '/v1/jobseekers', {
    key: null,
    body: { lang: 'fr' },
    headers: { 'x-forwarded-for': ip, ...(idemKey ? { 'idempotency-key': idemKey } : {}), ...extra },
  });

describe('registration replay (finding 1)', () => {
  it('never hands the first seeker’s key to a second client at the same IP, with or without a bogus Authorization', async () => {
    const idem = 'signup-0000-shared';
    const first = await register('192.0.2.10', idem);
    expect(first.status).toBe(201);
    const { candidateId, key } = first.body as { candidateId: string; key: string };
    expect(key).toMatch(/^psk_/);

    const variants: Record<string, string>[] = [{}, { authorization: 'Bearer psk_bogus-not-a-key' }, { authorization: 'Basic Zm9vOmJhcg==' }];
    for (const extra of variants) {
      const other = await register('192.0.2.10', idem, extra);
      expect(other.status, other.text).toBe(409);
      expect(other.body.error.code).toBe('IDEMPOTENCY_NOT_REPLAYABLE');
      expect(other.text).not.toContain(key);
      expect(other.text).not.toContain(candidateId);
      expect(other.headers.get('idempotent-replayed')).toBeNull();
    }
    // The key still belongs to her alone, and the retry created no second profile.
    const me = await s.call('GET', '/v1/candidates/me', { key });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(candidateId);
    const all = await s.call('GET', '/v1/candidates?limit=100');
    expect(all.body.items.filter((c: { lang: string }) => c.lang === 'fr')).toHaveLength(1);
  });

  it('never replays a newly created admin-issued key either', async () => {
    const emp = await s.call('POST', '/v1/employers', { body: { name: 'Replay GmbH', country: 'DE' } });
    expect(emp.status).toBe(201);
    const headers = { 'idempotency-key': 'admin-key-0001' };
    const body = { role: 'employer', employerId: emp.body.id, name: 'replay test' };
    const first = await s.call('POST', '/v1/admin/keys', { body, headers });
    expect(first.status).toBe(201);
    const again = await s.call('POST', '/v1/admin/keys', { body, headers });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('IDEMPOTENCY_NOT_REPLAYABLE');
    expect(again.text).not.toContain(first.body.key);
    const keys = await s.call('GET', '/v1/admin/keys?limit=100');
    expect(keys.body.items.filter((k: { name: string | null }) => k.name === 'replay test')).toHaveLength(1);
  });

  it('still replays replies that carry no secret (retries stay safe)', async () => {
    const headers = { 'idempotency-key': 'employer-create-0001' };
    const first = await s.call('POST', '/v1/employers', { body: { name: 'Retry SARL', country: 'FR' }, headers });
    const again = await s.call('POST', '/v1/employers', { body: { name: 'Retry SARL', country: 'FR' }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it('puts each client behind the trusted proxy in its own registration bucket', async () => {
    const a = [];
    for (let i = 0; i < 6; i++) a.push((await register('203.0.113.5', null)).status);
    expect(a).toEqual([201, 201, 201, 201, 201, 429]);
    // Another client behind the same proxy is not throttled by the first one.
    expect((await register('198.51.100.7', null)).status).toBe(201);
  });
});

describe('proxy trust is configured, not assumed (finding 1)', () => {
  it('ignores X-Forwarded-For without TRUST_PROXY, so a client cannot spoof fresh buckets', async () => {
    const t = await buildTestApp({ ANON_RATE_LIMIT_MAX: 2 });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/v1/jobseekers', payload: {}, headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([201, 201, 429]);
    } finally {
      await t.close();
    }
  });

  it('validates TRUST_PROXY at start-up, naming the variable', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).TRUST_PROXY).toEqual(['10.0.0.0/8', 'loopback']);
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'my-proxy' })).toThrow(/TRUST_PROXY/);
  });
});

describe('stored replies from a database copy (finding 6)', () => {
  it('holds no issued key, and cannot be decrypted or its key tested without the server secret', async () => {
    const idem = 'vacancy-employer-guess-01';
    const emp = await s.call('POST', '/v1/employers', { body: { name: 'Offline Attack Ltd', country: 'IE' }, headers: { 'idempotency-key': idem } });
    expect(emp.status).toBe(201);

    const db = new Database(s.env.DATABASE_PATH!, { readonly: true });
    try {
      const rows = db.prepare('SELECT principal, key, request_hash, response_body, replayable FROM idempotency_records').all() as {
        principal: string;
        key: string;
        response_body: string;
        replayable: number;
      }[];
      expect(rows.length).toBeGreaterThanOrEqual(4);
      const dump = JSON.stringify(rows);
      // Secret-bearing replies are not stored at all; nothing in the table is a key, an IP or a key id in clear.
      expect(dump).not.toContain('psk_');
      expect(dump).not.toContain('192.0.2.10');
      expect(dump).not.toContain('key_');
      expect(dump).not.toContain('Offline Attack');
      expect(rows.filter((r) => !r.replayable).every((r) => r.response_body === '')).toBe(true);

      // The attacker knows the admin's key id (api_keys) and guesses the Idempotency-Key: the old derivations
      // (SHA-256 of principal + key) neither find the record nor decrypt it.
      const adminKeyId = (db.prepare("SELECT id FROM api_keys WHERE role = 'admin'").get() as { id: string }).id;
      const oldHash = createHash('sha256').update(`${adminKeyId}\u0000${idem}`).digest('hex');
      expect(rows.some((r) => r.key === oldHash)).toBe(false);
      const oldSecret = createHash('sha256').update(`passerelle-idempotency\u0000${adminKeyId}\u0000${idem}`).digest();
      const tryDecrypt = (key: Buffer, stored: string, aad?: string): string | null => {
        try {
          const raw = Buffer.from(stored, 'base64');
          const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
          if (aad) d.setAAD(Buffer.from(aad));
          d.setAuthTag(raw.subarray(12, 28));
          return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
        } catch {
          return null;
        }
      };
      const replayable = rows.filter((r) => r.replayable);
      expect(replayable.every((r) => tryDecrypt(oldSecret, r.response_body) === null && tryDecrypt(oldSecret, r.response_body, r.key) === null)).toBe(true);

      // With the server secret (kept outside the database, in the key file) the same guess does work: it is the
      // secret that protects the replies.
      const keyring = JSON.parse(readFileSync(join(s.dir, 'keyring.json'), 'utf8')) as { idempotency: { key: string } };
      const secret = Buffer.from(keyring.idempotency.key, 'base64');
      // Admin keys share the platform's scope (src/plugins/idempotency.ts idempotencyScopeOf), not their own key's.
      void adminKeyId;
      const scope = 'platform';
      const keyHash = hmacSha256(secret, 'idempotency-key', scope, idem).toString('hex');
      const row = rows.find((r) => r.key === keyHash)!;
      expect(row).toBeDefined();
      expect(tryDecrypt(hmacSha256(secret, 'idempotency-encryption', scope, idem), row.response_body, keyHash)).toContain('Offline Attack Ltd');
    } finally {
      db.close();
    }
  });
});
