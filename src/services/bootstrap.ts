import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { nowIso } from '../db/client.js';
import { newId } from '../ids.js';
import { createApiKey, type CreatedKey } from './api-keys.js';
import { insertEmptyCandidate } from './candidates.js';
import { CreateVacancySchema } from '../schemas/vacancy.js';
import { PutCandidateSchema } from '../schemas/candidate.js';

export const DEMO_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/demo/demo.json');

interface DemoFile {
  employers: { name: string; country: string }[];
  vacancies: (Record<string, unknown> & { employer: number })[];
  candidates: Record<string, unknown>[];
}

/**
 * First start on an empty database: always an admin key; with demo data on, realistic employers, vacancies and
 * profiles plus one key per role. Returns the keys, to be shown once. A database that has keys is left alone.
 */
export async function bootstrap(app: FastifyInstance, demo: boolean): Promise<CreatedKey[]> {
  const { db, t } = app.storage.read;
  if ((await db.select({ id: t.apiKeys.id }).from(t.apiKeys).limit(1)).length) return [];
  const keys: CreatedKey[] = [];
  const write = app.storage.transaction.bind(app.storage);
  if (!demo) {
    keys.push(await write((tx) => createApiKey(tx, { role: 'admin', name: 'bootstrap admin' })));
    return keys;
  }
  const file = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as DemoFile;
  const now = nowIso();
  const employerIds = file.employers.map(() => newId('emp'));
  await write(async (tx) => {
    for (const [i, e] of file.employers.entries()) {
      await tx.db.insert(tx.t.employers).values({ id: employerIds[i]!, name: e.name, country: e.country, verification: 'verified', createdAt: now, updatedAt: now });
    }
  });
  const byEmployer = new Map<number, ReturnType<typeof CreateVacancySchema.parse>[]>();
  for (const { employer, ...v } of file.vacancies) {
    const list = byEmployer.get(employer) ?? [];
    list.push(CreateVacancySchema.parse(v));
    byEmployer.set(employer, list);
  }
  for (const [index, list] of byEmployer) await app.vacancyWriter.create(employerIds[index]!, list);
  const candidateIds: string[] = [];
  for (const c of file.candidates) {
    const input = PutCandidateSchema.parse(c);
    const empty = await write((tx) => insertEmptyCandidate(tx, input.displayName, input.lang));
    await app.candidateWriter.put(empty, input);
    candidateIds.push(empty.id);
  }
  keys.push(
    ...(await write(async (tx) => [
      await createApiKey(tx, { role: 'admin', name: 'bootstrap admin' }),
      await createApiKey(tx, { role: 'employer', employerId: employerIds[0]!, name: 'demo employer' }),
      await createApiKey(tx, { role: 'jobseeker', candidateId: candidateIds[0]!, name: 'demo job seeker' }),
      await createApiKey(tx, { role: 'ministry', name: 'demo ministry' }),
    ])),
  );
  return keys;
}
