// Payment bookkeeping: webhook events applied once, and the shared Stripe request pacer.
// Edit when webhook handling or pacing needs more state.
import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Each Stripe event id is applied once. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per pacing key: requests issued in the current one-second window, across all workers. */
export const stripePacer = pgTable('stripe_pacer', {
  key: text('key').primaryKey(),
  windowStartMs: bigint('window_start_ms', { mode: 'number' }).notNull(),
  used: integer('used').notNull(),
});
