CREATE TABLE "merchant_room_settings" (
	"merchant_id" uuid PRIMARY KEY NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"close_after_days" integer DEFAULT 14 NOT NULL,
	"delete_after_days" integer DEFAULT 90 NOT NULL,
	"saved_replies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hold_member_links" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_members" (
	"room_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"alias" text NOT NULL,
	"member_id" uuid,
	"history_from" bigint NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"muted_until" timestamp with time zone,
	"invite_code" text,
	"invited_by_user_id" text,
	"last_read_message_id" bigint DEFAULT 0 NOT NULL,
	"last_post_at" timestamp with time zone,
	CONSTRAINT "room_members_room_id_user_id_pk" PRIMARY KEY("room_id","user_id"),
	CONSTRAINT "room_members_invite_code_unique" UNIQUE("invite_code")
);
--> statement-breakpoint
CREATE TABLE "room_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"author_kind" text NOT NULL,
	"author_user_id" text,
	"author_name" text DEFAULT '' NOT NULL,
	"kind" text DEFAULT 'text' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'visible' NOT NULL,
	"held_reason" text,
	"report_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_reports" (
	"message_id" bigint NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_reports_message_id_user_id_pk" PRIMARY KEY("message_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "room_staff_reads" (
	"room_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"last_read_message_id" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "room_staff_reads_room_id_merchant_id_pk" PRIMARY KEY("room_id","merchant_id")
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"merchant_id" uuid NOT NULL,
	"group_id" uuid,
	"deal_id" uuid,
	"code" text,
	"title" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"qr_cutoff" integer DEFAULT 100 NOT NULL,
	"max_members" integer DEFAULT 500 NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"slow_mode_seconds" integer DEFAULT 0 NOT NULL,
	"pinned_message_id" bigint,
	"last_message_id" bigint DEFAULT 0 NOT NULL,
	"last_member_message_id" bigint DEFAULT 0 NOT NULL,
	"last_staff_message_id" bigint DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"purge_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_group_id_unique" UNIQUE("group_id"),
	CONSTRAINT "rooms_code_unique" UNIQUE("code"),
	CONSTRAINT "rooms_kind" CHECK ("rooms"."kind" in ('group', 'community')),
	CONSTRAINT "rooms_group_has_group" CHECK (("rooms"."kind" = 'group') = ("rooms"."group_id" is not null)),
	CONSTRAINT "rooms_community_has_code" CHECK (("rooms"."kind" = 'community') = ("rooms"."code" is not null))
);
--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "welcome_message" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "from_room_id" uuid;--> statement-breakpoint
ALTER TABLE "merchant_room_settings" ADD CONSTRAINT "merchant_room_settings_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_members" ADD CONSTRAINT "room_members_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_members" ADD CONSTRAINT "room_members_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_messages" ADD CONSTRAINT "room_messages_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_reports" ADD CONSTRAINT "room_reports_message_id_room_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."room_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_reports" ADD CONSTRAINT "room_reports_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_staff_reads" ADD CONSTRAINT "room_staff_reads_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_staff_reads" ADD CONSTRAINT "room_staff_reads_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_members_user_idx" ON "room_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "room_messages_room_idx" ON "room_messages" USING btree ("room_id","id");--> statement-breakpoint
CREATE INDEX "room_messages_author_idx" ON "room_messages" USING btree ("room_id","author_user_id","created_at");--> statement-breakpoint
CREATE INDEX "rooms_merchant_idx" ON "rooms" USING btree ("merchant_id","last_message_id");--> statement-breakpoint
CREATE INDEX "rooms_purge_idx" ON "rooms" USING btree ("purge_at");--> statement-breakpoint
-- Groups opened before rooms existed get their room, and their members a seat reading from the start (there is nothing before).
INSERT INTO "rooms" ("kind", "merchant_id", "group_id", "deal_id")
SELECT 'group', d."merchant_id", g."id", g."deal_id" FROM "groups" g JOIN "deals" d ON d."id" = g."deal_id"
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "room_members" ("room_id", "user_id", "alias", "member_id", "history_from", "joined_at")
SELECT DISTINCT ON (r."id", m."user_id") r."id", m."user_id", m."alias", m."id", 0, coalesce(m."authorized_at", m."reserved_at")
FROM "members" m JOIN "rooms" r ON r."group_id" = m."group_id"
WHERE m."status" IN ('authorized', 'captured', 'released')
ORDER BY r."id", m."user_id", m."reserved_at" DESC
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "rooms" r SET "member_count" = (SELECT count(*) FROM "room_members" rm WHERE rm."room_id" = r."id" AND rm."left_at" IS NULL AND rm."removed_at" IS NULL);--> statement-breakpoint
UPDATE "rooms" r SET "closes_at" = g."closed_at" + interval '14 days', "purge_at" = g."closed_at" + interval '90 days'
FROM "groups" g WHERE r."group_id" = g."id" AND g."closed_at" IS NOT NULL;
