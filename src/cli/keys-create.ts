/**
 * Create an API key from the command line, against DATABASE_URL (PostgreSQL) or else DATABASE_PATH (SQLite).
 *   npm run keys:create -- --role admin|employer|ministry [--employer emp_…] [--name text] [--json]
 * With --json the last line printed is {"id":…,"key":…,"role":…}.
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { openStorage } from '../storage/open.js';
import { createApiKey } from '../services/api-keys.js';

function fail(message: string): never {
  console.error(`keys:create: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { role: { type: 'string' }, employer: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean', default: false } },
  strict: true,
});
const role = values.role;
if (role !== 'admin' && role !== 'employer' && role !== 'ministry') fail('--role must be admin, employer or ministry (job seekers self-register)');
if (role === 'employer' && !values.employer) fail('--employer emp_… is required for an employer key');
const config = loadConfig();
const { storage, where } = await openStorage(config);
try {
  const { db, t } = storage.read;
  if (role === 'employer' && !(await db.select().from(t.employers).where(eq(t.employers.id, values.employer!)).limit(1)).length) {
    await storage.close();
    fail(`employer ${values.employer} does not exist in ${where}`);
  }
  const key = await storage.transaction((tx) => createApiKey(tx, { role, employerId: values.employer ?? null, name: values.name ?? 'cli' }));
  if (values.json) {
    console.log(JSON.stringify({ id: key.id, key: key.key, role: key.role, ...(key.employerId ? { employerId: key.employerId } : {}) }));
  } else {
    console.log(`Created ${key.role} key ${key.id}. It is shown once:\n${key.key}`);
  }
} finally {
  await storage.close();
}
