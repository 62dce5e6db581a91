ALTER TABLE "idempotency_records" ADD COLUMN "claim_token" text;--> statement-breakpoint
ALTER TABLE "idempotency_records" ADD COLUMN "heartbeat_at" text;--> statement-breakpoint
ALTER TABLE "idempotency_records" ADD COLUMN "committed_at" text;--> statement-breakpoint
ALTER TABLE "idempotency_records" ADD COLUMN "resource" text;