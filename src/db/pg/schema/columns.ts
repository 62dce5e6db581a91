import { customType } from 'drizzle-orm/pg-core';

/**
 * BLOB → bytea (drizzle 0.45's pg-core has no bytea builder). node-postgres returns bytea as a Buffer, as
 * better-sqlite3 does for a BLOB, so rows read the same on both back ends.
 */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
