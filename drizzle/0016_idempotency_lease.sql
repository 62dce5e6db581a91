ALTER TABLE `idempotency_records` ADD `claim_token` text;--> statement-breakpoint
ALTER TABLE `idempotency_records` ADD `heartbeat_at` text;--> statement-breakpoint
ALTER TABLE `idempotency_records` ADD `committed_at` text;--> statement-breakpoint
ALTER TABLE `idempotency_records` ADD `resource` text;