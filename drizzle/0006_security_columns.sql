ALTER TABLE `idempotency_records` ADD `subject_id` text;--> statement-breakpoint
ALTER TABLE `idempotency_records` ADD `replayable` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX `idempotency_subject_idx` ON `idempotency_records` (`subject_id`);--> statement-breakpoint
ALTER TABLE `match_contests` ADD `erased_at` text;--> statement-breakpoint
CREATE INDEX `contests_candidate_idx` ON `match_contests` (`candidate_id`);--> statement-breakpoint
ALTER TABLE `match_decisions` ADD `reason_code` text;--> statement-breakpoint
ALTER TABLE `match_decisions` ADD `erased_at` text;--> statement-breakpoint
CREATE INDEX `decisions_candidate_idx` ON `match_decisions` (`candidate_id`);