CREATE TYPE "public"."deal_status" AS ENUM('draft', 'active', 'paused', 'archived');--> statement-breakpoint
CREATE TYPE "public"."group_status" AS ENUM('open', 'closing', 'won', 'failed', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."member_status" AS ENUM('reserved', 'authorized', 'captured', 'released', 'failed', 'left', 'expired');--> statement-breakpoint
CREATE TABLE "account" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	CONSTRAINT "session_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"is_anonymous" boolean DEFAULT false,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"logo_url" text,
	"default_currency" text DEFAULT 'USD' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merchants_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"image_url" text,
	"currency" text NOT NULL,
	"list_price" integer NOT NULL,
	"tiers" jsonb NOT NULL,
	"window_seconds" integer NOT NULL,
	"max_members" integer DEFAULT 500 NOT NULL,
	"qr_cutoff" integer DEFAULT 100 NOT NULL,
	"per_buyer_max" integer DEFAULT 1 NOT NULL,
	"stock" integer,
	"stock_taken" integer DEFAULT 0 NOT NULL,
	"status" "deal_status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "deals_slug_unique" UNIQUE("slug"),
	CONSTRAINT "deals_window_max_6_days" CHECK ("deals"."window_seconds" > 0 and "deals"."window_seconds" <= 518400),
	CONSTRAINT "deals_stock_taken" CHECK ("deals"."stock" is null or "deals"."stock_taken" <= "deals"."stock"),
	CONSTRAINT "deals_list_price_positive" CHECK ("deals"."list_price" > 0)
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"deal_id" uuid NOT NULL,
	"opened_by_user_id" text,
	"opened_by_merchant" integer DEFAULT 0 NOT NULL,
	"status" "group_status" DEFAULT 'open' NOT NULL,
	"currency" text NOT NULL,
	"list_price" integer NOT NULL,
	"tiers" jsonb NOT NULL,
	"min_members" integer NOT NULL,
	"max_members" integer NOT NULL,
	"qr_cutoff" integer NOT NULL,
	"per_buyer_max" integer NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"confirmed_count" integer DEFAULT 0 NOT NULL,
	"final_unit_price" integer,
	"close_reason" text,
	"closing_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_code_unique" UNIQUE("code"),
	CONSTRAINT "groups_capacity" CHECK ("groups"."seats_taken" >= 0 and "groups"."seats_taken" <= "groups"."max_members"),
	CONSTRAINT "groups_confirmed" CHECK ("groups"."confirmed_count" >= 0 and "groups"."confirmed_count" <= "groups"."seats_taken")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"alias" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" "member_status" DEFAULT 'reserved' NOT NULL,
	"unit_price_at_join" integer NOT NULL,
	"hold_amount" integer NOT NULL,
	"charge_amount" integer,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"payment_intent_id" text,
	"invite_code" text NOT NULL,
	"invited_by_member_id" uuid,
	"channel" text,
	"idempotency_key" text,
	"failure_reason" text,
	"reserved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"authorized_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_invite_code_unique" UNIQUE("invite_code"),
	CONSTRAINT "members_quantity" CHECK ("members"."quantity" >= 1),
	CONSTRAINT "members_money" CHECK ("members"."hold_amount" > 0 and "members"."refunded_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"deal_id" uuid,
	"group_id" uuid,
	"member_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"deal_id" uuid NOT NULL,
	"group_id" uuid,
	"channel" text DEFAULT 'direct' NOT NULL,
	"visitor_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_pacer" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start_ms" bigint NOT NULL,
	"used" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_opened_by_user_id_user_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_user_idx" ON "account" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "deals_merchant_idx" ON "deals" USING btree ("merchant_id");--> statement-breakpoint
CREATE INDEX "groups_deal_idx" ON "groups" USING btree ("deal_id","status");--> statement-breakpoint
CREATE INDEX "groups_deadline_idx" ON "groups" USING btree ("status","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "members_one_live_per_buyer" ON "members" USING btree ("group_id","user_id") WHERE "members"."status" in ('reserved', 'authorized', 'captured');--> statement-breakpoint
CREATE UNIQUE INDEX "members_idempotency" ON "members" USING btree ("group_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "members_group_status_idx" ON "members" USING btree ("group_id","status");--> statement-breakpoint
CREATE INDEX "members_user_idx" ON "members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "members_payment_intent_idx" ON "members" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "events_group_idx" ON "events" USING btree ("group_id","id");--> statement-breakpoint
CREATE INDEX "events_deal_idx" ON "events" USING btree ("deal_id","id");--> statement-breakpoint
CREATE INDEX "visits_deal_idx" ON "visits" USING btree ("deal_id","created_at");