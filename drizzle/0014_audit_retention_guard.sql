-- Audit deletes need a purge permit AND a record older than the retention floor (183 days), whatever the permit
-- table says (issue 12). Someone who can write the file can drop this trigger; verify then finds the gap, which no
-- signed, in-policy purge head covers.
DROP TRIGGER IF EXISTS `audit_records_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `audit_records_no_delete` BEFORE DELETE ON `audit_records` WHEN NOT EXISTS (SELECT 1 FROM `audit_purge_permits`) OR old.`created_at` > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-183 days') BEGIN SELECT RAISE(ABORT, 'audit records are append-only; only records past the 183-day retention floor are purged, by the retention job'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_heads_no_update` BEFORE UPDATE ON `audit_heads` BEGIN SELECT RAISE(ABORT, 'audit heads are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_heads_no_delete` BEFORE DELETE ON `audit_heads` BEGIN SELECT RAISE(ABORT, 'audit heads are append-only'); END;
