CREATE TABLE `reference_data_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`rows` integer NOT NULL,
	`loaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reference_series` (
	`source` text NOT NULL,
	`code` text NOT NULL,
	`region` text NOT NULL,
	`country` text NOT NULL,
	`scheme` text NOT NULL,
	`label` text NOT NULL,
	`unit` text NOT NULL,
	`start_period` text NOT NULL,
	`end_period` text NOT NULL,
	PRIMARY KEY(`source`, `code`, `region`)
);
--> statement-breakpoint
CREATE INDEX `reference_series_country_idx` ON `reference_series` (`country`,`region`);--> statement-breakpoint
CREATE TABLE `series_observations` (
	`source` text NOT NULL,
	`code` text NOT NULL,
	`region` text NOT NULL,
	`period` text NOT NULL,
	`value` real,
	PRIMARY KEY(`source`, `code`, `region`, `period`)
);
