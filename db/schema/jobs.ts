// Job-runner liveness: one row per running worker process, so a crashed process's locked jobs can be
// unlocked at once instead of after graphile-worker's 4-hour timeout. Edit when the sweep needs more state.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A live runner holds a session advisory lock (classid = the Flock namespace, objid = lockKey) on a
 * connection it keeps open; PostgreSQL drops the lock when the process dies, which marks the row dead.
 */
export const workerRunners = pgTable('worker_runners', {
  id: text('id').primaryKey(),
  lockKey: integer('lock_key').notNull().unique(),
  /** graphile-worker worker ids (jobs.locked_by) belonging to this runner. */
  workerIds: text('worker_ids').array().notNull().default([]),
  pid: integer('pid').notNull(),
  hostname: text('hostname').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
});
