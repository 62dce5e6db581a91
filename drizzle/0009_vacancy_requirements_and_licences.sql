ALTER TABLE `candidates` ADD `licences` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `vacancies` ADD `requirements` text;