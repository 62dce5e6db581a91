-- The bias-audit log is append-only: updates are refused; deletes only under a purge permit (retention job).
CREATE TRIGGER `audit_records_no_update` BEFORE UPDATE ON `audit_records` BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_records_no_delete` BEFORE DELETE ON `audit_records` WHEN NOT EXISTS (SELECT 1 FROM `audit_purge_permits`) BEGIN SELECT RAISE(ABORT, 'audit records are append-only; purge through the retention job'); END;
