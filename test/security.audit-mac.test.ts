// Issue 12, finding 4: someone who can write the database file cannot rewrite the bias-audit log quietly. The real
// server's records carry a keyed MAC and its heads are signed with keys outside the database; the "attacker" here
// opens the same SQLite file, drops the triggers and edits it, and GET /v1/audit/verify must say so.
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSecurityServer, type SecurityServer } from './security-server.js';

let s: SecurityServer;
let attacker: Database.Database;
beforeAll(async () => {
  s = await startSecurityServer('audit-mac', { AUDIT_HEAD_INTERVAL_S: '0', LOG_LEVEL: 'info' });
  for (let i = 0; i < 12; i++) {
    const res = await s.call('POST', '/v1/matches/query', { body: { title: `welder ${i}`, skills: [{ label: 'MIG welding' }], languages: [], destinations: ['DE'] } });
    expect(res.status, res.text).toBe(200);
  }
  attacker = new Database(s.env.DATABASE_PATH!);
  attacker.pragma('busy_timeout = 5000');
});
afterAll(async () => {
  attacker?.close();
  await s?.cleanup();
});

// The published plain-hash rule (canonical JSON of the record's fields but `hash`): what an attacker recomputes.
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const e = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${e.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}
type RawRecord = Record<string, any>;
const plainHash = (r: RawRecord): string =>
  createHash('sha256')
    .update(
      canonical({
        seq: r.seq, id: r.id, createdAt: r.created_at, actorRole: r.actor_role, actorKeyId: r.actor_key_id, tenantId: r.tenant_id,
        kind: r.kind, subjectId: r.subject_id, modelId: r.model_id, indexVersion: r.index_version, weightsVersion: r.weights_version,
        inputHash: r.input_hash, candidateSetSize: r.candidate_set_size, removed: JSON.parse(r.removed), results: JSON.parse(r.results),
        ranking: r.ranking == null ? undefined : JSON.parse(r.ranking), prevHash: r.prev_hash,
      }),
    )
    .digest('hex');
const records = (): RawRecord[] => attacker.prepare('SELECT * FROM audit_records ORDER BY seq').all() as RawRecord[];
const dropGuards = () =>
  attacker.exec(`DROP TRIGGER IF EXISTS audit_records_no_update; DROP TRIGGER IF EXISTS audit_records_no_delete;
                 DROP TRIGGER IF EXISTS audit_heads_no_update; DROP TRIGGER IF EXISTS audit_heads_no_delete;`);
const verifyLog = async () => (await s.call('GET', '/v1/audit/verify')).body;

describe('an audit log that cannot be rewritten quietly (finding 4)', () => {
  it('signs heads that can be exported, anchored and checked with the public key alone', async () => {
    const head = await s.call('POST', '/v1/audit/checkpoints');
    expect(head.status).toBe(201);
    expect(head.body).toMatchObject({ kind: 'manual', seq: records().length });
    const keys = (await s.call('GET', '/v1/audit/signing-keys')).body.items as { id: string; publicKey: string }[];
    const key = keys.find((k) => k.id === head.body.keyId)!;
    expect(verify(null, Buffer.from(head.body.statement), key.publicKey, Buffer.from(head.body.signature, 'base64'))).toBe(true);
    const list = await s.call('GET', '/v1/audit/checkpoints?limit=100');
    expect(list.body.items.map((h: { id: number }) => h.id)).toContain(head.body.id);
    // Anchored outside the database, and logged for the operator.
    const anchor = readFileSync(join(s.dir, 'audit-anchor.jsonl'), 'utf8');
    expect(anchor).toContain(head.body.signature);
    // The log line travels through the child's stdout pipe after the reply: wait for it rather than race it.
    await vi.waitFor(() => expect(s.server.stdout()).toContain('audit head signed'), { timeout: 15_000, interval: 50 });
    // Every record carries a MAC; the chain verifies.
    expect(records().every((r) => typeof r.mac === 'string' && r.mac.length === 64 && r.mac_key_id)).toBe(true);
    expect(await verifyLog()).toMatchObject({ ok: true, checked: 12, firstBroken: null, heads: { firstInvalid: null } });
  });

  it('names the record when one is edited and every plain hash after it recomputed', async () => {
    const saved = records();
    dropGuards();
    let prev = saved[3]!.prev_hash as string;
    const update = attacker.prepare('UPDATE audit_records SET results = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    for (const r of saved.slice(3)) {
      const edited = { ...r, prev_hash: prev, results: r.seq === 4 ? JSON.stringify([{ id: 'vac_forged', rank: 1, score: 0.99 }]) : r.results };
      const hash = plainHash(edited);
      update.run(edited.results, prev, hash, r.seq);
      prev = hash;
    }
    // Every plain link holds, as the old verify would have said...
    const relinked = records();
    expect(relinked.every((r, i) => plainHash(r) === r.hash && (i === 0 || r.prev_hash === relinked[i - 1]!.hash))).toBe(true);
    // ...but the MAC does not follow the edit.
    const report = await verifyLog();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ seq: 4, id: saved[3]!.id, reason: 'mac-mismatch' });
    // Put the log back for the next attack.
    for (const r of saved) update.run(r.results, r.prev_hash, r.hash, r.seq);
    expect((await verifyLog()).ok).toBe(true);
  });

  it('detects a forged checkpoint used to delete records minutes old', async () => {
    const saved = records();
    dropGuards();
    // The attacker writes a purge head claiming records 1-3 expired, signed with a key of their own under the real
    // key id, adds a purge permit, and deletes the records.
    const realKeyId = (attacker.prepare('SELECT key_id FROM audit_heads LIMIT 1').get() as { key_id: string }).key_id;
    const own = generateKeyPairSync('ed25519');
    const statement = canonical({
      v: 1, kind: 'purge', seq: 3, hash: saved[2]!.hash, createdAt: new Date().toISOString(),
      purge: { fromSeq: 1, toSeq: 3, count: 3, newestCreatedAt: '2020-01-01T00:00:00.000Z', retentionDays: 365 },
    });
    const signature = sign(null, Buffer.from(statement), own.privateKey).toString('base64');
    const forged = attacker
      .prepare('INSERT INTO audit_heads (kind, seq, hash, created_at, statement, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('purge', 3, saved[2]!.hash, JSON.parse(statement).createdAt, statement, realKeyId, signature);
    attacker.exec('INSERT OR IGNORE INTO audit_purge_permits (id) VALUES (1); DELETE FROM audit_records WHERE seq <= 3; DELETE FROM audit_purge_permits;');
    const report = await verifyLog();
    expect(report.ok).toBe(false);
    expect(report.heads.firstInvalid).toMatchObject({ id: Number(forged.lastInsertRowid), source: 'database', reason: 'signature-invalid' });
    expect(report.firstBroken).toEqual({ seq: 4, id: saved[3]!.id, reason: 'start-not-covered' });
    // Put the log back.
    attacker.prepare('DELETE FROM audit_heads WHERE id = ?').run(forged.lastInsertRowid);
    const insert = attacker.prepare(`INSERT INTO audit_records VALUES (${Object.keys(saved[0]!).map(() => '?').join(', ')})`);
    for (const r of saved.slice(0, 3)) insert.run(...Object.values(r));
    expect((await verifyLog()).ok).toBe(true);
  });

  it('refuses a tail delete under a forged permit while records are young, and detects it once the trigger is gone', async () => {
    // Recreate the guard the attacker met first: even with a permit, records inside the retention floor stay.
    attacker.exec(`CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records WHEN NOT EXISTS (SELECT 1 FROM audit_purge_permits)
      OR old.created_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-183 days') BEGIN SELECT RAISE(ABORT, 'audit records are append-only; only records past the 183-day retention floor are purged, by the retention job'); END;`);
    attacker.exec('INSERT OR IGNORE INTO audit_purge_permits (id) VALUES (1)');
    expect(() => attacker.exec('DELETE FROM audit_records WHERE seq > 9')).toThrow(/retention floor/);
    dropGuards();
    attacker.exec('DELETE FROM audit_records WHERE seq > 9; DELETE FROM audit_purge_permits;');
    // The running service noticed; a restarted one still does, from the signed head (database and anchor file).
    expect((await verifyLog()).firstBroken).toEqual({ seq: 10, id: null, reason: 'tail-missing' });
    attacker.close();
    expect(await s.stop()).toBe(0);
    await s.restart();
    attacker = new Database(s.env.DATABASE_PATH!);
    const report = await verifyLog();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ seq: 10, id: null, reason: 'tail-missing' });
    // Deleting the head rows too does not help: the anchor file outside the database still holds the head.
    attacker.exec('DELETE FROM audit_heads');
    expect((await verifyLog()).firstBroken).toEqual({ seq: 10, id: null, reason: 'tail-missing' });
  });
});
