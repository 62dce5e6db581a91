CREATE TABLE `vacancy_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `vacancy_changes` (`id`, `seq`) VALUES (1, 0);
--> statement-breakpoint
-- Every row change of a vacancy bumps the counter inside the writer's transaction (cached ministry aggregates key on it).
CREATE TRIGGER `vacancy_changes_insert` AFTER INSERT ON `vacancies` BEGIN UPDATE `vacancy_changes` SET `seq` = `seq` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `vacancy_changes_update` AFTER UPDATE ON `vacancies` BEGIN UPDATE `vacancy_changes` SET `seq` = `seq` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `vacancy_changes_delete` AFTER DELETE ON `vacancies` BEGIN UPDATE `vacancy_changes` SET `seq` = `seq` + 1 WHERE `id` = 1; END;
