ALTER TABLE "groups" ADD COLUMN "close_at" timestamp with time zone;
--> statement-breakpoint
-- Open groups were scheduled at their deadline (a full one's earlier close job still runs and is a no-op after).
UPDATE "groups" SET "close_at" = "deadline" WHERE "status" = 'open';
