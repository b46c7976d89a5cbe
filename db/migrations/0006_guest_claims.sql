CREATE TABLE "guest_claims" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"guest_user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"claimed_by_user_id" text
);
--> statement-breakpoint
ALTER TABLE "guest_claims" ADD CONSTRAINT "guest_claims_guest_user_id_user_id_fk" FOREIGN KEY ("guest_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guest_claims_guest_idx" ON "guest_claims" USING btree ("guest_user_id");--> statement-breakpoint
CREATE INDEX "guest_claims_expires_idx" ON "guest_claims" USING btree ("expires_at");