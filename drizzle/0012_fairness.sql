CREATE TABLE `contact_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`vacancy_id` text NOT NULL,
	`employer_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`audit_id` text NOT NULL,
	`message` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`responded_at` text,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_requests_pair_idx` ON `contact_requests` (`vacancy_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `contact_requests_candidate_idx` ON `contact_requests` (`candidate_id`,`status`);--> statement-breakpoint
CREATE TABLE `fairness_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`attribute` text NOT NULL,
	`category` text NOT NULL,
	`reference_category` text NOT NULL,
	`metric` text NOT NULL,
	`impact_ratio` real NOT NULL,
	`p_value` real NOT NULL,
	`n` integer NOT NULL,
	`reference_n` integer NOT NULL,
	`segments` text NOT NULL,
	`window_from` text NOT NULL,
	`window_to` text NOT NULL,
	`status` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`resolved_at` text,
	`acknowledged_at` text,
	`acknowledged_by` text,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `fairness_alerts_status_idx` ON `fairness_alerts` (`status`);--> statement-breakpoint
CREATE INDEX `fairness_alerts_key_idx` ON `fairness_alerts` (`scope`,`attribute`,`category`,`metric`);--> statement-breakpoint
CREATE TABLE `fairness_settings` (
	`employer_id` text PRIMARY KEY NOT NULL,
	`rerank` text,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `candidate_protected` ADD `nationality_region` text;--> statement-breakpoint
ALTER TABLE `audit_records` ADD `ranking` text;