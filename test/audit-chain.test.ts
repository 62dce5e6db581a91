import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type OpenedDatabase } from '../src/db/client.js';
import { auditRecords } from '../src/db/schema/index.js';
import { AuditLog, recordHash, type AuditInput } from '../src/services/audit.js';
import { loadKeyring, rotateKeyring } from '../src/keyring.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';

let dir: string;
let opened: OpenedDatabase;
let log: AuditLog;
let storage: SqliteStorage;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-audit-'));
  opened = openDatabase(join(dir, 'a.db'));
  storage = new SqliteStorage(opened);
  log = new AuditLog(loadKeyring({ KEYRING_PATH: join(dir, 'keyring.json'), DATABASE_PATH: join(dir, 'a.db'), AUDIT_MAC_KEYS: '' }), { anchorPath: join(dir, 'anchor.jsonl') });
});
const verifyChain = (_db?: unknown) => log.verify(storage.read);
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const input = (i: number): AuditInput => ({
  actorRole: 'jobseeker',
  actorKeyId: `key_${i}`,
  tenantId: `cand_${i}`,
  kind: 'seeker-matches',
  subjectId: `cand_${i}`,
  modelId: 'use-lite@test',
  indexVersion: 'vacancies@1',
  weightsVersion: 'mw-test',
  inputHash: `h${i}`,
  candidateSetSize: 10 + i,
  removed: { expired: i },
  results: [
    { id: `vac_a${i}`, rank: 1, score: 0.9 },
    { id: `vac_b${i}`, rank: 2, score: 0.5 },
  ],
});

const DAY_MS = 86_400_000;
async function seed(n: number, daysAgo = 0) {
  const now = daysAgo ? new Date(Date.now() - daysAgo * DAY_MS) : undefined;
  for (let i = 0; i < n; i++) await storage.transaction((tx) => log.append(tx, input(i), { now }));
}
// Tampering "at the SQL level": an attacker with file access first drops the append-only triggers.
function dropGuards() {
  opened.sqlite.exec('DROP TRIGGER audit_records_no_update; DROP TRIGGER audit_records_no_delete;');
}

describe('hash-chained bias-audit log', () => {
  it('verifies an intact chain', async () => {
    await seed(20);
    expect((await verifyChain())).toMatchObject({ ok: true, checked: 20, firstBroken: null });
  });

  it('refuses updates and deletes through the triggers, and deletes of young records even under a permit', async () => {
    await seed(3);
    expect(() => opened.sqlite.exec("UPDATE audit_records SET candidate_set_size = 1 WHERE seq = 2")).toThrow(/append-only/);
    expect(() => opened.sqlite.exec('DELETE FROM audit_records WHERE seq = 2')).toThrow(/append-only/);
    opened.sqlite.exec('INSERT INTO audit_purge_permits (id) VALUES (1)');
    expect(() => opened.sqlite.exec('DELETE FROM audit_records WHERE seq = 3')).toThrow(/retention floor/);
  });

  it('detects an edited record', async () => {
    await seed(10);
    dropGuards();
    opened.sqlite.exec(`UPDATE audit_records SET results = '[{"id":"vac_x","rank":1,"score":1}]' WHERE seq = 4`);
    expect((await verifyChain()).firstBroken).toMatchObject({ seq: 4, reason: 'hash-mismatch' });
  });

  it('detects an edit that also recomputes the edited record’s own hash', async () => {
    await seed(10);
    dropGuards();
    opened.sqlite.exec(`UPDATE audit_records SET hash = '${'a'.repeat(64)}' WHERE seq = 6`);
    const report = (await verifyChain());
    expect(report.ok).toBe(false);
    expect(report.firstBroken!.seq).toBe(6);
  });

  it('detects an edit whose hashes are all recomputed down the chain: the MAC does not follow', async () => {
    await seed(10);
    dropGuards();
    const rows = opened.db.select().from(auditRecords).orderBy(auditRecords.seq).all();
    let prev = rows[3]!.prevHash;
    for (const r of rows.slice(3)) {
      const edited = { ...r, prevHash: prev, ...(r.seq === 4 ? { results: [{ id: 'vac_forged', rank: 1, score: 1 }] } : {}) };
      const hash = recordHash(edited);
      opened.sqlite.prepare('UPDATE audit_records SET results = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(JSON.stringify(edited.results), prev, hash, r.seq);
      prev = hash;
    }
    expect((await verifyChain()).firstBroken).toMatchObject({ seq: 4, id: rows[3]!.id, reason: 'mac-mismatch' });
  });

  it('detects a deleted record', async () => {
    await seed(10);
    dropGuards();
    opened.sqlite.exec('DELETE FROM audit_records WHERE seq = 5');
    expect((await verifyChain()).firstBroken).toMatchObject({ seq: 6, reason: 'sequence-gap' });
  });

  it('detects reordered records', async () => {
    await seed(10);
    dropGuards();
    // Swap the contents of records 3 and 7 (keeping their seq numbers).
    opened.sqlite.exec(`
      UPDATE audit_records SET seq = -3 WHERE seq = 3;
      UPDATE audit_records SET seq = 3 WHERE seq = 7;
      UPDATE audit_records SET seq = 7 WHERE seq = -3;`);
    const report = (await verifyChain());
    expect(report.ok).toBe(false);
    expect(report.firstBroken!.seq).toBe(3);
  });

  it('purges only past retention (never below 6 months) under a signed head, and the remaining chain still verifies', async () => {
    await seed(5, 400);
    await seed(2, 200);
    await seed(3);
    // A 30-day retention is raised to the 183-day floor: the 200-day-old records stay with a 365-day retention.
    expect(await log.purgeExpired(storage, 365)).toBe(5);
    expect((await verifyChain())).toMatchObject({ ok: true, checked: 5, startsAfterPurge: { lastPurgedSeq: 5 } });
    expect(await log.purgeExpired(storage, 30)).toBe(2);
    expect(await log.purgeExpired(storage, 30)).toBe(0);
    await seed(1);
    expect((await verifyChain())).toMatchObject({ ok: true, checked: 4, startsAfterPurge: { lastPurgedSeq: 7 } });
  });

  it('keeps verifying older records after the keys are rotated; new ones use the new keys', async () => {
    await seed(3);
    await log.signHead(storage, 'manual');
    const ids = rotateKeyring(join(dir, 'keyring.json'), { mac: true, signing: true });
    const rotated = loadKeyring({ KEYRING_PATH: join(dir, 'keyring.json'), DATABASE_PATH: join(dir, 'a.db'), AUDIT_MAC_KEYS: '' });
    expect(rotated.currentMac.id).toBe(ids.mac);
    expect(rotated.currentSigning.id).toBe(ids.signing);
    log = new AuditLog(rotated, { anchorPath: join(dir, 'anchor.jsonl') });
    await seed(2);
    expect((await log.signHead(storage, 'manual'))!.keyId).toBe(ids.signing);
    const macIds = opened.db.select({ k: auditRecords.macKeyId }).from(auditRecords).all().map((r) => r.k);
    expect(new Set(macIds).size).toBe(2);
    expect(macIds[4]).toBe(ids.mac);
    expect((await verifyChain())).toMatchObject({ ok: true, checked: 5, heads: { checked: 2, firstInvalid: null } });
    // Keys from the environment sign instead, and the file's keys still verify.
    const envKey = `amk_env:${Buffer.alloc(32, 7).toString('base64')}`;
    log = new AuditLog(loadKeyring({ KEYRING_PATH: join(dir, 'keyring.json'), DATABASE_PATH: join(dir, 'a.db'), AUDIT_MAC_KEYS: envKey }), { anchorPath: null });
    await seed(1);
    expect(opened.db.select({ k: auditRecords.macKeyId }).from(auditRecords).all().at(-1)!.k).toBe('amk_env');
    expect((await verifyChain()).ok).toBe(true);
  });

  it('adopts records written before MACs under a signed head, and still catches an edit of them afterwards', async () => {
    await seed(4);
    dropGuards();
    // Records as an older version wrote them: no MAC.
    opened.sqlite.exec('UPDATE audit_records SET mac = NULL, mac_key_id = NULL');
    expect((await verifyChain()).firstBroken).toMatchObject({ seq: 1, reason: 'mac-missing' });
    expect(await log.adoptLegacy(storage)).toMatchObject({ kind: 'adoption', seq: 4 });
    await seed(2);
    expect((await verifyChain())).toMatchObject({ ok: true, checked: 6 });
    const r2 = opened.db.select().from(auditRecords).where(eq(auditRecords.seq, 2)).get()!;
    const forged = { ...r2, candidateSetSize: 1 };
    opened.sqlite.prepare('UPDATE audit_records SET candidate_set_size = 1, hash = ? WHERE seq = 2').run(recordHash(forged));
    // Relinking the rest of the legacy part by hand still leaves it off the adopted, signed head.
    expect((await verifyChain()).ok).toBe(false);
  });
});
