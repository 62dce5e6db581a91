CREATE TABLE `screening_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`vacancy_id` text NOT NULL,
	`employer_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`flags` text NOT NULL,
	`screening_version` text NOT NULL,
	`decision` text,
	`reason` text,
	`resolved_by` text,
	`audit_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `screening_reviews_status_idx` ON `screening_reviews` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `screening_reviews_vacancy_idx` ON `screening_reviews` (`vacancy_id`);--> statement-breakpoint
ALTER TABLE `vacancies` ADD `screening` text;