// Payment bookkeeping: webhook events applied once, and the shared Stripe request pacer.
// Edit when webhook handling or pacing needs more state.
import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Each Stripe event id is applied once. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per pacing key: the next free send slot (epoch microseconds, database clock), shared by all workers. */
export const stripePacer = pgTable('stripe_pacer', {
  key: text('key').primaryKey(),
  nextSlotUs: bigint('next_slot_us', { mode: 'number' }).notNull().default(0),
});
