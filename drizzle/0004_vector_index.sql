CREATE TABLE `vector_collections` (
	`name` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`dims` integer NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`next_label` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `vector_free_labels` (
	`collection` text NOT NULL,
	`label` integer NOT NULL,
	PRIMARY KEY(`collection`, `label`),
	FOREIGN KEY (`collection`) REFERENCES `vector_collections`(`name`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `vector_items` (
	`collection` text NOT NULL,
	`item_id` text NOT NULL,
	`label` integer NOT NULL,
	`model_id` text NOT NULL,
	`dims` integer NOT NULL,
	`vector` blob,
	`attrs` text,
	`seq` integer NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`collection`, `item_id`),
	FOREIGN KEY (`collection`) REFERENCES `vector_collections`(`name`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vector_items_seq_idx` ON `vector_items` (`collection`,`seq`);--> statement-breakpoint
CREATE INDEX `vector_items_label_idx` ON `vector_items` (`collection`,`deleted`,`label`);