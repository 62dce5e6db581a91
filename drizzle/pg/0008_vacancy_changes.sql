CREATE TABLE "vacancy_changes" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "vacancy_changes" ("id", "seq") VALUES (1, 0);
--> statement-breakpoint
-- Every transaction that changes vacancies bumps the counter once, at commit (a deferred constraint trigger; a
-- transaction-local setting marks it done): the counter row's lock is then the last lock the transaction takes, held
-- only for its commit, so it adds no lock-order cycle with the vector change log's lock. Cached ministry aggregates
-- key on the counter (src/screening/grid-cache.ts).
CREATE FUNCTION passerelle_vacancy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('passerelle.vacancies_bumped', true), '') <> 'on' THEN
    UPDATE vacancy_changes SET seq = seq + 1 WHERE id = 1;
    PERFORM set_config('passerelle.vacancies_bumped', 'on', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER vacancy_changes_row AFTER INSERT OR UPDATE OR DELETE ON vacancies
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION passerelle_vacancy_changed();
--> statement-breakpoint
CREATE TRIGGER vacancy_changes_truncate AFTER TRUNCATE ON vacancies FOR EACH STATEMENT EXECUTE FUNCTION passerelle_vacancy_changed();
