// Guest claims: a guest buyer asked for an e-mail sign-in link; opening it on any device moves that
// guest's groups to the e-mail account (server/auth/guest-claims.ts). Edit when claiming needs more state.
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { user } from './auth';

/**
 * One row per sign-in link sent from a guest session. Keyed by a SHA-256 of the link's token (never the
 * token itself), so a database reader cannot sign in with it.
 */
export const guestClaims = pgTable(
  'guest_claims',
  {
    tokenHash: text('token_hash').primaryKey(),
    /** The address the link went to (lower case). */
    email: text('email').notNull(),
    guestUserId: text('guest_user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the link was opened and the guest's groups moved; a claim is used once. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimedByUserId: text('claimed_by_user_id'),
  },
  (t) => [
    index('guest_claims_guest_idx').on(t.guestUserId),
    index('guest_claims_expires_idx').on(t.expiresAt),
  ],
);
