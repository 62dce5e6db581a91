// Issue 12, finding 3: after DELETE /v1/candidates/me (and the admin's DELETE /v1/candidates/:id) nothing of her is
// left on disk. A real server writes the database, its WAL and vector-index snapshots; the test then scans the raw
// bytes of every file (and the server's log) for her marker strings, her cached and indexed vectors and her texts'
// content hashes. Positive controls first show that the same scan finds them while she exists.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateEmbeddingText } from '../src/embedding/texts.js';
import { sampleProfile, sampleVacancy } from './helper.js';
import { startSecurityServer, type SecurityServer } from './security-server.js';

const MARK = {
  name: 'Zyxqelmorth Vandrabeth',
  email: 'zyx.vandrabeth.4417@example.org',
  phone: '+33 7 19 28 46 53',
  skillV1: 'quokkaform cryobrazing of titanium bellows',
  skillV2: 'zanthrovic hull-plate riveting',
  titleV2: 'glaucorrine welder',
  contest: 'I am Zyxqelmorth, zyx.vandrabeth.4417@example.org, I have a disability and my glaucorrine certificate was ignored',
  note: 'Zyxqelmorth Vandrabeth impressed everyone in the trial weld',
  resolution: 'Re-ranked by hand after checking Zyxqelmorth certificate',
  emailB: 'bexhollow.trantimer.5521@example.org',
  contestB: 'Bexhollow Trantimer here: the ranking missed my orbital pipe welding',
};

let s: SecurityServer;
let logs = '';
beforeAll(async () => {
  s = await startSecurityServer('erasure', { LOG_LEVEL: 'trace', INDEX_SNAPSHOT_INTERVAL_S: '1' });
});
afterAll(async () => {
  await s?.cleanup();
});

/** Every file under the test directory, recursively, with its bytes. */
function rawFiles(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...rawFiles(p));
    else out.push({ path: p, bytes: readFileSync(p) });
  }
  return out;
}

type Needle = { what: string; bytes: Buffer };
const text = (what: string, value: string): Needle => ({ what, bytes: Buffer.from(value, 'utf8') });
/** 32 bytes (8 floats) from the middle of a vector: enough to be unique, robust to a different float at either end. */
const vectorNeedle = (what: string, blob: Buffer): Needle => ({ what, bytes: blob.subarray(256, 288) });

function findings(needles: Needle[], extraText = ''): string[] {
  const found: string[] = [];
  for (const f of rawFiles(s.dir)) {
    for (const n of needles) if (f.bytes.includes(n.bytes)) found.push(`${n.what} in ${f.path.slice(s.dir.length + 1)}`);
  }
  for (const n of needles) if (extraText && Buffer.from(extraText).includes(n.bytes)) found.push(`${n.what} in the log`);
  return found;
}

async function snapshotCaughtUp(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const idx = await s.call('GET', '/v1/admin/index');
    const c = idx.body.items.find((x: { collection: string }) => x.collection === 'candidates');
    if (c.snapshot && c.snapshot.seq >= c.lastSeq && c.deleted >= 0 && c.pending === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('candidates snapshot did not catch up');
}

describe('erasure that erases (finding 3)', () => {
  it('leaves none of her markers, vectors or text hashes in the database, WAL, snapshots or logs', async () => {
    const emp = await s.call('POST', '/v1/employers', { body: { name: 'Erasure Werft GmbH', country: 'DE' } });
    const employerKey = (await s.call('POST', '/v1/admin/keys', { body: { role: 'employer', employerId: emp.body.id } })).body.key;
    const vac = await s.call('POST', '/v1/vacancies', { key: employerKey, body: sampleVacancy() });
    expect(vac.status).toBe(201);

    // She registers (with an Idempotency-Key, so a stored reply exists) and writes two versions of her profile.
    const reg = await s.call('POST', '/v1/jobseekers', { key: null, body: { displayName: MARK.name }, headers: { 'idempotency-key': 'erasure-signup-0001' } });
    expect(reg.status).toBe(201);
    const { candidateId, key } = reg.body as { candidateId: string; key: string };
    const v1 = sampleProfile({
      displayName: MARK.name,
      skills: [{ label: 'MIG welding' }, { label: MARK.skillV1 }],
      contact: { email: MARK.email, phone: MARK.phone },
      protected: { sex: 'female', ageBand: '25-34', nationality: 'SN', disability: 'yes' },
    });
    expect((await s.call('PUT', '/v1/candidates/me', { key, body: v1 })).status).toBe(200);
    const v2 = { ...v1, skills: [{ label: 'MIG welding' }, { label: MARK.skillV2 }], experience: [{ title: MARK.titleV2, years: 7, country: 'SN' }] };
    expect((await s.call('PUT', '/v1/candidates/me', { key, body: v2 })).status).toBe(200);

    // What she types in the web app's profile form goes to the suggestions as she types (GET, query string): the
    // request log must not keep it (t8-audit; before, the log held her skill and title in the URL).
    for (const [path, q] of [
      ['/app/suggest/skills', MARK.skillV2],
      ['/app/suggest/occupations', MARK.titleV2],
    ] as const) {
      const sug = await s.call('GET', `${path}?q=${encodeURIComponent(q)}&lang=fr`, { key, headers: { accept: 'application/json' } });
      expect(sug.status, sug.text).toBe(200);
    }

    // Her matches, a contest, an employer's ranking and decision, an admin's resolution.
    const mine = await s.call('GET', '/v1/candidates/me/matches?limit=5', { key });
    expect(mine.status, mine.text).toBe(200);
    const contest = await s.call('POST', `/v1/matches/${mine.body.auditId}/contest`, { key, body: { message: MARK.contest }, headers: { 'idempotency-key': 'erasure-contest-01' } });
    expect(contest.status).toBe(201);
    const ranking = await s.call('GET', `/v1/vacancies/${vac.body.id}/matches?limit=10`, { key: employerKey });
    expect(ranking.body.items.map((i: { candidateId: string }) => i.candidateId)).toContain(candidateId);
    const decision = await s.call('POST', `/v1/vacancies/${vac.body.id}/decisions`, {
      key: employerKey,
      body: { candidateId, auditId: ranking.body.auditId, decision: 'shortlisted', reasonCode: 'skills-match', note: MARK.note },
    });
    expect(decision.status, decision.text).toBe(201);
    expect((await s.call('POST', `/v1/admin/contests/${contest.body.id}/resolve`, { body: { resolution: MARK.resolution } })).status).toBe(200);

    // A second seeker, erased by an admin.
    const regB = await s.call('POST', '/v1/jobseekers', { key: null, body: {} });
    expect((await s.call('PUT', '/v1/candidates/me', { key: regB.body.key, body: sampleProfile({ displayName: 'Seeker B', contact: { email: MARK.emailB } }) })).status).toBe(200);
    const minesB = await s.call('GET', '/v1/candidates/me/matches?limit=3', { key: regB.body.key });
    expect((await s.call('POST', `/v1/matches/${minesB.body.auditId}/contest`, { key: regB.body.key, body: { message: MARK.contestB } })).status).toBe(201);

    // Her vectors and text hashes, read from the live database: the embedding cache of v1 and v2, and the index row.
    const hashV1 = createHash('sha256').update(candidateEmbeddingText(v1)).digest('hex');
    const hashV2 = createHash('sha256').update(candidateEmbeddingText(v2)).digest('hex');
    const db = new Database(s.env.DATABASE_PATH!, { readonly: true });
    const cacheRow = (h: string) => db.prepare('SELECT vector FROM embedding_cache WHERE content_hash = ?').get(h) as { vector: Buffer } | undefined;
    const indexRow = db.prepare("SELECT vector FROM vector_items WHERE collection = 'candidates' AND item_id = ?").get(candidateId) as { vector: Buffer };
    // Without the fix an earlier version stays cached; with it, the v1 vector went when v2 replaced it.
    const cachedV1 = cacheRow(hashV1);
    const cachedV2 = cacheRow(hashV2)!;
    db.close();
    expect(cachedV2).toBeDefined();
    expect(indexRow.vector.byteLength).toBe(512 * 4);
    await snapshotCaughtUp();

    const needles: Needle[] = [
      ...Object.entries(MARK).map(([k, v]) => text(k, v)),
      // As a URL carries them (the web app's suggestions as she types).
      text('skillV2 in a URL', encodeURIComponent(MARK.skillV2)),
      text('titleV2 in a URL', encodeURIComponent(MARK.titleV2)),
      text('hashV1', hashV1),
      text('hashV2', hashV2),
      vectorNeedle('cached vector v2', cachedV2.vector),
      vectorNeedle('indexed vector', indexRow.vector),
      ...(cachedV1 ? [vectorNeedle('cached vector v1', cachedV1.vector)] : []),
    ];
    // Positive control: the scan sees her while she exists (database or WAL, and the index snapshot).
    const before = findings(needles);
    expect(before.some((f) => f.startsWith('email in p.db'))).toBe(true);
    expect(before.some((f) => /^indexed vector in index\/candidates\..*\.hnsw$/.test(f))).toBe(true);
    expect(before.some((f) => f.startsWith('cached vector v2 in p.db'))).toBe(true);
    expect(before).not.toContain('cached vector v1 in p.db');

    // Erase her (herself) and B (by an admin).
    const del = await s.call('DELETE', '/v1/candidates/me', { key });
    expect(del.status).toBe(204);
    expect((await s.call('DELETE', `/v1/candidates/${regB.body.candidateId}`)).status).toBe(204);
    expect((await s.call('GET', '/v1/candidates/me', { key })).status).toBe(401);
    await snapshotCaughtUp();

    logs = s.server.stdout();
    expect(logs).toContain('"msg":"incoming request"'); // the log was captured at trace level
    const after = findings(needles, logs);
    expect(after, after.join('\n')).toEqual([]);

    // Oversight keeps stubs without personal data, and the audit chain still verifies.
    const contests = await s.call('GET', '/v1/admin/contests?limit=100');
    const stub = contests.body.items.find((c: { id: string }) => c.id === contest.body.id);
    expect(stub).toMatchObject({ message: '', resolution: '', status: 'resolved' });
    expect(stub.erasedAt).toMatch(/^\d{4}-/);
    expect((await s.call('GET', '/v1/audit/verify')).body.ok).toBe(true);

    // And after a graceful shutdown (final snapshot, database closed) nothing comes back.
    expect(await s.stop()).toBe(0);
    const final = findings(needles, s.server.stdout());
    expect(final, final.join('\n')).toEqual([]);
  });
});
