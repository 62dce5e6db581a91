CREATE TABLE `audit_heads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL,
	`created_at` text NOT NULL,
	`statement` text NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `audit_records` ADD `mac_key_id` text;--> statement-breakpoint
ALTER TABLE `audit_records` ADD `mac` text;