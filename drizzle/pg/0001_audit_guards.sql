-- The PostgreSQL equivalents of the SQLite triggers in drizzle/0002_audit_append_only.sql and
-- drizzle/0014_audit_retention_guard.sql: the bias-audit log and its signed heads are append-only; an audit record
-- is deleted only under a purge permit AND once it is past the 183-day retention floor (issue 12).
CREATE FUNCTION passerelle_audit_records_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only' USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records FOR EACH ROW EXECUTE FUNCTION passerelle_audit_records_no_update();
--> statement-breakpoint
-- created_at is an ISO-8601 UTC string ('2026-11-30T12:00:00.000Z'), as on SQLite: compare it as text with the floor
-- written the same way.
CREATE FUNCTION passerelle_audit_records_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM audit_purge_permits)
     OR OLD.created_at > to_char((now() AT TIME ZONE 'UTC') - interval '183 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') THEN
    RAISE EXCEPTION 'audit records are append-only; only records past the 183-day retention floor are purged, by the retention job'
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records FOR EACH ROW EXECUTE FUNCTION passerelle_audit_records_no_delete();
--> statement-breakpoint
-- Row triggers do not fire on TRUNCATE: refuse it with a statement trigger.
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records FOR EACH STATEMENT EXECUTE FUNCTION passerelle_audit_records_no_update();
--> statement-breakpoint
CREATE FUNCTION passerelle_audit_heads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit heads are append-only' USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_heads_no_update BEFORE UPDATE ON audit_heads FOR EACH ROW EXECUTE FUNCTION passerelle_audit_heads_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads FOR EACH ROW EXECUTE FUNCTION passerelle_audit_heads_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads FOR EACH STATEMENT EXECUTE FUNCTION passerelle_audit_heads_append_only();
