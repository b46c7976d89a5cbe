ALTER TABLE "deals" ADD COLUMN "content_locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;