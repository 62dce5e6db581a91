// Synchronous fixture writes for the SQLite benches (their set-up loops are synchronous): the rows the services build,
// inserted directly on the app's SQLite connection.
import type { Db, DbOrTx } from '../src/db/client.js';
import { apiKeys } from '../src/db/schema/index.js';
import { apiKeyRow, type CreatedKey } from '../src/services/api-keys.js';

export function createApiKeySync(db: Db | DbOrTx, input: Parameters<typeof apiKeyRow>[0]): CreatedKey {
  const { row, created } = apiKeyRow(input);
  db.insert(apiKeys).values(row).run();
  return created;
}
