import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../src/db/client.js';
import { appendAudit, purgeExpiredAudit, verifyChain, type AuditInput } from '../src/services/audit.js';

let dir: string;
let opened: OpenedDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-audit-'));
  opened = openDatabase(join(dir, 'a.db'));
});
afterEach(() => {
  opened.close();
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

function seed(n: number) {
  for (let i = 0; i < n; i++) opened.db.transaction((tx) => appendAudit(tx, input(i)));
}
// Tampering "at the SQL level": an attacker with file access first drops the append-only triggers.
function dropGuards() {
  opened.sqlite.exec('DROP TRIGGER audit_records_no_update; DROP TRIGGER audit_records_no_delete;');
}

describe('hash-chained bias-audit log', () => {
  it('verifies an intact chain', () => {
    seed(20);
    expect(verifyChain(opened.db)).toMatchObject({ ok: true, checked: 20, firstBroken: null });
  });

  it('refuses updates and deletes through the triggers', () => {
    seed(3);
    expect(() => opened.sqlite.exec("UPDATE audit_records SET candidate_set_size = 1 WHERE seq = 2")).toThrow(/append-only/);
    expect(() => opened.sqlite.exec('DELETE FROM audit_records WHERE seq = 2')).toThrow(/append-only/);
  });

  it('detects an edited record', () => {
    seed(10);
    dropGuards();
    opened.sqlite.exec(`UPDATE audit_records SET results = '[{"id":"vac_x","rank":1,"score":1}]' WHERE seq = 4`);
    expect(verifyChain(opened.db).firstBroken).toMatchObject({ seq: 4, reason: 'hash-mismatch' });
  });

  it('detects an edit that also recomputes the edited record’s own hash', () => {
    seed(10);
    dropGuards();
    opened.sqlite.exec(`UPDATE audit_records SET hash = '${'a'.repeat(64)}' WHERE seq = 6`);
    const report = verifyChain(opened.db);
    expect(report.ok).toBe(false);
    expect(report.firstBroken!.seq).toBe(6);
  });

  it('detects a deleted record', () => {
    seed(10);
    dropGuards();
    opened.sqlite.exec('DELETE FROM audit_records WHERE seq = 5');
    expect(verifyChain(opened.db).firstBroken).toMatchObject({ seq: 6, reason: 'sequence-gap' });
  });

  it('detects reordered records', () => {
    seed(10);
    dropGuards();
    // Swap the contents of records 3 and 7 (keeping their seq numbers).
    opened.sqlite.exec(`
      UPDATE audit_records SET seq = -3 WHERE seq = 3;
      UPDATE audit_records SET seq = 3 WHERE seq = 7;
      UPDATE audit_records SET seq = 7 WHERE seq = -3;`);
    const report = verifyChain(opened.db);
    expect(report.ok).toBe(false);
    expect(report.firstBroken!.seq).toBe(3);
  });

  it('purges only past retention (never below 6 months) and the remaining chain still verifies', () => {
    seed(5);
    const future = new Date(Date.now() + 400 * 86_400_000);
    // A 30-day retention is raised to the 183-day floor; 400 days later everything is past it.
    expect(purgeExpiredAudit(opened.db, 30, new Date(Date.now() + 100 * 86_400_000))).toBe(0);
    expect(purgeExpiredAudit(opened.db, 365, future)).toBe(5);
    seed(3);
    expect(verifyChain(opened.db)).toMatchObject({ ok: true, checked: 3, startsAfterPurge: { lastPurgedSeq: 5 } });
  });
});
