CREATE TABLE `embedding_cache` (
	`model_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`dims` integer NOT NULL,
	`vector` blob NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`model_id`, `content_hash`)
);
