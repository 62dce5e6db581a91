-- Idempotency records are now keyed and encrypted with a server secret (issue 12); older records could be decrypted
-- offline from a database copy and cannot be looked up any more. They are 24-hour retry caches: drop them.
DELETE FROM `idempotency_records`;
