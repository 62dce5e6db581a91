CREATE TABLE "vacancy_row_changes" (
	"vacancy_id" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "vacancy_row_changes_seq_idx" ON "vacancy_row_changes" USING btree ("seq");--> statement-breakpoint
-- The counter's trigger function (drizzle/pg/0008) also records each changed vacancy id with the value its
-- transaction bumped the counter to (held under the counter row's lock until commit, so values follow commit order and
-- a reader's snapshot at counter V holds exactly the changes up to V). A TRUNCATE records '*'. Cached ministry
-- aggregates re-read only the recorded ids (src/screening/grid-cache.ts).
CREATE OR REPLACE FUNCTION passerelle_vacancy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s bigint;
BEGIN
  IF coalesce(current_setting('passerelle.vacancies_bumped', true), '') <> 'on' THEN
    UPDATE vacancy_changes SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO s;
    PERFORM set_config('passerelle.vacancies_bumped', 'on', true);
    PERFORM set_config('passerelle.vacancies_seq', coalesce(s, 0)::text, true);
  END IF;
  s := coalesce(nullif(current_setting('passerelle.vacancies_seq', true), ''), '0')::bigint;
  IF TG_LEVEL = 'STATEMENT' THEN
    INSERT INTO vacancy_row_changes (vacancy_id, seq) VALUES ('*', s) ON CONFLICT (vacancy_id) DO UPDATE SET seq = EXCLUDED.seq;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO vacancy_row_changes (vacancy_id, seq) VALUES (OLD.id, s) ON CONFLICT (vacancy_id) DO UPDATE SET seq = EXCLUDED.seq;
  ELSE
    INSERT INTO vacancy_row_changes (vacancy_id, seq) VALUES (NEW.id, s) ON CONFLICT (vacancy_id) DO UPDATE SET seq = EXCLUDED.seq;
    IF TG_OP = 'UPDATE' AND OLD.id IS DISTINCT FROM NEW.id THEN
      INSERT INTO vacancy_row_changes (vacancy_id, seq) VALUES (OLD.id, s) ON CONFLICT (vacancy_id) DO UPDATE SET seq = EXCLUDED.seq;
    END IF;
  END IF;
  RETURN NULL;
END $$;
