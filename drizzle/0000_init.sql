CREATE TABLE `employers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`verification` text DEFAULT 'unverified' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `employers_country_idx` ON `employers` (`country`);--> statement-breakpoint
CREATE TABLE `candidate_contacts` (
	`candidate_id` text PRIMARY KEY NOT NULL,
	`email` text,
	`phone` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `candidate_protected` (
	`candidate_id` text PRIMARY KEY NOT NULL,
	`sex` text,
	`age_band` text,
	`nationality` text,
	`disability` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`skills` text NOT NULL,
	`experience` text NOT NULL,
	`education_level` integer,
	`languages` text NOT NULL,
	`residence_country` text,
	`destinations` text NOT NULL,
	`pathways` text NOT NULL,
	`occupation_esco` text,
	`occupation_isco` text,
	`consent_matching` integer DEFAULT false NOT NULL,
	`consent_matching_at` text,
	`consent_visible` integer DEFAULT false NOT NULL,
	`consent_visible_at` text,
	`lang` text DEFAULT 'en' NOT NULL,
	`suggestions` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `candidates_residence_idx` ON `candidates` (`residence_country`);--> statement-breakpoint
CREATE TABLE `vacancies` (
	`id` text PRIMARY KEY NOT NULL,
	`employer_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`occupation_esco` text,
	`occupation_isco` text,
	`skills` text NOT NULL,
	`languages` text NOT NULL,
	`country` text NOT NULL,
	`region` text,
	`remote` integer DEFAULT false NOT NULL,
	`salary_min` real,
	`salary_max` real,
	`salary_currency` text,
	`salary_period` text,
	`contract_type` text,
	`hours_per_week` real,
	`positions` integer DEFAULT 1 NOT NULL,
	`start_date` text,
	`expires_at` text,
	`shortage` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`fees_charged_to_worker` integer,
	`fees_note` text,
	`lang` text DEFAULT 'en' NOT NULL,
	`suggestions` text,
	`opened_at` text,
	`closed_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vacancies_employer_idx` ON `vacancies` (`employer_id`);--> statement-breakpoint
CREATE INDEX `vacancies_status_country_idx` ON `vacancies` (`status`,`country`);--> statement-breakpoint
CREATE INDEX `vacancies_occupation_esco_idx` ON `vacancies` (`occupation_esco`);--> statement-breakpoint
CREATE INDEX `vacancies_occupation_isco_idx` ON `vacancies` (`occupation_isco`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`role` text NOT NULL,
	`employer_id` text,
	`candidate_id` text,
	`name` text,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE INDEX `api_keys_employer_idx` ON `api_keys` (`employer_id`);--> statement-breakpoint
CREATE INDEX `api_keys_candidate_idx` ON `api_keys` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `idempotency_records` (
	`principal` text NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`request_hash` text NOT NULL,
	`status_code` integer NOT NULL,
	`response_body` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`principal`, `key`)
);
