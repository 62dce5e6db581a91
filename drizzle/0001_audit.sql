CREATE TABLE `audit_checkpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`last_purged_seq` integer NOT NULL,
	`last_purged_hash` text NOT NULL,
	`purged_count` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_purge_permits` (
	`id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_records` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`created_at` text NOT NULL,
	`actor_role` text NOT NULL,
	`actor_key_id` text,
	`tenant_id` text,
	`kind` text NOT NULL,
	`subject_id` text,
	`model_id` text NOT NULL,
	`index_version` text NOT NULL,
	`weights_version` text NOT NULL,
	`input_hash` text NOT NULL,
	`candidate_set_size` integer NOT NULL,
	`removed` text NOT NULL,
	`results` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_records_id_unique` ON `audit_records` (`id`);--> statement-breakpoint
CREATE INDEX `audit_created_idx` ON `audit_records` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_tenant_idx` ON `audit_records` (`tenant_id`);--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_records` (`subject_id`);--> statement-breakpoint
CREATE TABLE `match_contests` (
	`id` text PRIMARY KEY NOT NULL,
	`audit_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`resolved_by` text,
	`created_at` text NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`audit_id`) REFERENCES `audit_records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contests_status_idx` ON `match_contests` (`status`);--> statement-breakpoint
CREATE TABLE `match_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`audit_id` text NOT NULL,
	`vacancy_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`employer_id` text NOT NULL,
	`actor_key_id` text NOT NULL,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audit_records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decisions_vacancy_idx` ON `match_decisions` (`vacancy_id`);--> statement-breakpoint
CREATE INDEX `decisions_audit_idx` ON `match_decisions` (`audit_id`);