CREATE TABLE "worker_runners" (
	"id" text PRIMARY KEY NOT NULL,
	"lock_key" integer NOT NULL,
	"worker_ids" text[] DEFAULT '{}' NOT NULL,
	"pid" integer NOT NULL,
	"hostname" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worker_runners_lock_key_unique" UNIQUE("lock_key")
);
