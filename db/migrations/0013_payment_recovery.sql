ALTER TYPE "public"."member_status" ADD VALUE 'payment_due' BEFORE 'captured';--> statement-breakpoint
ALTER TABLE "deals" DROP CONSTRAINT "deals_window_max_6_days";--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "payment_fix_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "pay_now_methods" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "payment_mode" text DEFAULT 'hold' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "payment_kind" text DEFAULT 'hold' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "stripe_customer_id" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "setup_intent_id" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "payment_method_id" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "due_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "fix_payment_intent_id" text;--> statement-breakpoint
CREATE INDEX "members_fix_payment_intent_idx" ON "members" USING btree ("fix_payment_intent_id");--> statement-breakpoint
CREATE INDEX "members_setup_intent_idx" ON "members" USING btree ("setup_intent_id");--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_payment_fix_days" CHECK ("merchants"."payment_fix_days" between 1 and 14);--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_window_max_30_days" CHECK ("deals"."window_seconds" > 0 and "deals"."window_seconds" <= 2592000);