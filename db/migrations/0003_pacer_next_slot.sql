ALTER TABLE "stripe_pacer" ADD COLUMN "next_slot_us" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_pacer" DROP COLUMN "window_start_ms";--> statement-breakpoint
ALTER TABLE "stripe_pacer" DROP COLUMN "used";