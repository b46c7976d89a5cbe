// Failed password sign-ins per account, for the growing delay of server/auth/sign-in-throttle.ts.
// Edit when the per-account sign-in policy needs more state.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per e-mail address (lower case) with password attempts since its last successful sign-in.
 * Keyed by the address typed, not the user id, so unknown addresses are delayed the same way and the
 * delay tells nobody whether an account exists.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    email: text('email').primaryKey(),
    /** Attempts since the last success; each attempt counts until it succeeds. */
    failures: integer('failures').notNull().default(0),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
    /** No attempt for this address is taken before this time. */
    blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull(),
  },
  (t) => [index('sign_in_failures_last_attempt_idx').on(t.lastAttemptAt)],
);
