CREATE TABLE `vacancy_row_changes` (
	`vacancy_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `vacancy_row_changes_seq_idx` ON `vacancy_row_changes` (`seq`);--> statement-breakpoint
-- Every row change of a vacancy records its id with the counter (src/screening/grid-cache.ts re-reads only those ids).
-- Separate from the counter's triggers, whose order against these is not defined: a reader holding version V asks for
-- seq >= V, which a change after V meets whether it was recorded before or after its own bump.
CREATE TRIGGER `vacancy_row_changes_insert` AFTER INSERT ON `vacancies` BEGIN INSERT INTO `vacancy_row_changes` (`vacancy_id`, `seq`) VALUES (NEW.`id`, (SELECT `seq` FROM `vacancy_changes` WHERE `id` = 1)) ON CONFLICT (`vacancy_id`) DO UPDATE SET `seq` = excluded.`seq`; END;
--> statement-breakpoint
CREATE TRIGGER `vacancy_row_changes_update` AFTER UPDATE ON `vacancies` BEGIN INSERT INTO `vacancy_row_changes` (`vacancy_id`, `seq`) VALUES (NEW.`id`, (SELECT `seq` FROM `vacancy_changes` WHERE `id` = 1)), (OLD.`id`, (SELECT `seq` FROM `vacancy_changes` WHERE `id` = 1)) ON CONFLICT (`vacancy_id`) DO UPDATE SET `seq` = excluded.`seq`; END;
--> statement-breakpoint
CREATE TRIGGER `vacancy_row_changes_delete` AFTER DELETE ON `vacancies` BEGIN INSERT INTO `vacancy_row_changes` (`vacancy_id`, `seq`) VALUES (OLD.`id`, (SELECT `seq` FROM `vacancy_changes` WHERE `id` = 1)) ON CONFLICT (`vacancy_id`) DO UPDATE SET `seq` = excluded.`seq`; END;
