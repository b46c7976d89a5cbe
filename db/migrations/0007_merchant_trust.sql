ALTER TABLE "merchants" ADD COLUMN "about" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "shipping_policy" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "returns_policy" text DEFAULT '' NOT NULL;