ALTER TABLE "forecast_jobs" ADD COLUMN "heartbeat_at" text;--> statement-breakpoint
ALTER TABLE "forecast_jobs" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "forecast_jobs" SET "attempts" = 1 WHERE "started_at" IS NOT NULL;