CREATE TABLE `forecast_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`upload_id` text,
	`owner_key_id` text,
	`status` text NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`stage` text DEFAULT 'queued' NOT NULL,
	`error` text,
	`run_id` text,
	`created_at` text NOT NULL,
	`started_at` text,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `forecast_jobs_source_idx` ON `forecast_jobs` (`source`,`created_at`);--> statement-breakpoint
CREATE TABLE `forecast_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`data_version` text NOT NULL,
	`engine_version` text NOT NULL,
	`models` text NOT NULL,
	`series` integer NOT NULL,
	`ms` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `forecast_runs_source_idx` ON `forecast_runs` (`source`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `forecast_runs_version_idx` ON `forecast_runs` (`source`,`data_version`,`engine_version`);--> statement-breakpoint
CREATE TABLE `series_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`version` integer NOT NULL,
	`owner_key_id` text NOT NULL,
	`format` text NOT NULL,
	`lines` integer NOT NULL,
	`accepted` integer NOT NULL,
	`rejected` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_uploads_source_version_idx` ON `series_uploads` (`source`,`version`);--> statement-breakpoint
CREATE TABLE `served_forecasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`code` text NOT NULL,
	`region` text NOT NULL,
	`origin` text NOT NULL,
	`model` text NOT NULL,
	`data_version` text NOT NULL,
	`points` text NOT NULL,
	`last_value` real NOT NULL,
	`last_year` text NOT NULL,
	`scale` real NOT NULL,
	`served_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `served_forecasts_key_idx` ON `served_forecasts` (`source`,`code`,`region`,`origin`,`model`,`data_version`);--> statement-breakpoint
CREATE INDEX `served_forecasts_source_idx` ON `served_forecasts` (`source`,`origin`);--> statement-breakpoint
CREATE TABLE `user_series` (
	`source` text NOT NULL,
	`code` text NOT NULL,
	`region` text NOT NULL,
	`scheme` text NOT NULL,
	`country` text NOT NULL,
	PRIMARY KEY(`source`, `code`, `region`)
);
--> statement-breakpoint
CREATE TABLE `user_series_observations` (
	`source` text NOT NULL,
	`code` text NOT NULL,
	`region` text NOT NULL,
	`period` text NOT NULL,
	`value` real NOT NULL,
	`upload_id` text NOT NULL,
	PRIMARY KEY(`source`, `code`, `region`, `period`)
);
--> statement-breakpoint
CREATE TABLE `user_sources` (
	`source` text PRIMARY KEY NOT NULL,
	`owner_key_id` text NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`latest_version` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
