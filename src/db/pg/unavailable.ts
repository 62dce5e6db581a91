/**
 * Does this error mean PostgreSQL cannot be reached right now (down, restarting, failing over, out of connections),
 * rather than that the request was wrong? Such errors answer 503 with Retry-After, never 500 (issue 15).
 */
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now), 53300 (too many
// connections), 40001/40P01 are not here: those are retried by the transaction runner, then reported as conflicts.
const SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '08007', '57P01', '57P02', '57P03', '53300']);
// node-postgres raises these without a code.
const MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /^Client has encountered a connection error/, /Connection terminated unexpectedly/];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && (NET_CODES.has(e.code) || SQLSTATES.has(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e!.message as string))) return true;
  }
  return false;
}
