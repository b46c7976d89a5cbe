CREATE TYPE "public"."fulfilment_method" AS ENUM('shipping', 'pickup', 'voucher');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('pending', 'to_fulfil', 'shipped', 'delivered', 'ready', 'picked_up', 'issued', 'redeemed', 'void');--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"number" text NOT NULL,
	"method" "fulfilment_method" NOT NULL,
	"status" "order_status" DEFAULT 'pending' NOT NULL,
	"contact_email" text NOT NULL,
	"phone" text,
	"address" jsonb,
	"pickup_point_id" text,
	"carrier" text,
	"tracking_number" text,
	"tracking_url" text,
	"pickup_code" text,
	"voucher_code" text,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"ready_at" timestamp with time zone,
	"picked_up_at" timestamp with time zone,
	"redeemed_at" timestamp with time zone,
	"handed_over_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_member_id_unique" UNIQUE("member_id"),
	CONSTRAINT "orders_number_unique" UNIQUE("number"),
	CONSTRAINT "orders_pickup_code_unique" UNIQUE("pickup_code"),
	CONSTRAINT "orders_voucher_code_unique" UNIQUE("voucher_code"),
	CONSTRAINT "orders_method_fields" CHECK (("orders"."method" = 'shipping') = ("orders"."address" is not null) and ("orders"."method" = 'pickup') = ("orders"."pickup_point_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "fulfilment" jsonb DEFAULT '{"shipping":null,"pickup":null,"voucher":null}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "shipping_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_handed_over_by_user_id_fk" FOREIGN KEY ("handed_over_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status");--> statement-breakpoint
CREATE INDEX "orders_pickup_point_idx" ON "orders" USING btree ("pickup_point_id");