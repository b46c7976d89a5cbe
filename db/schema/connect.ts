// Stripe Connect: the connected accounts that get paid (a merchant's shop, a helper-seller), the commissions
// owed to helper-sellers and the payouts Stripe reports. Edit when getting paid gains state (issue 18,
// server/payouts/README.md).
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { merchants } from './merchants';
import { groups, members } from './groups';
import { deals } from './deals';

/** A Stripe Express account, owned by exactly one merchant (their shop) or one person (a helper-seller). */
export const connectedAccounts = pgTable(
  'connected_accounts',
  {
    /** Stripe's account id (acct_…). */
    id: text('id').primaryKey(),
    merchantId: uuid('merchant_id')
      .unique()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .unique()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** As Stripe last reported (account.updated): may take payments, may be paid out, what it still needs. */
    chargesEnabled: boolean('charges_enabled').notNull().default(false),
    payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
    detailsSubmitted: boolean('details_submitted').notNull().default(false),
    transfersActive: boolean('transfers_active').notNull().default(false),
    requirementsDue: jsonb('requirements_due').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('connected_accounts_one_owner', sql`(${t.merchantId} is null) <> (${t.userId} is null)`)],
);

export const COMMISSION_STATUSES = ['pending', 'paid', 'void'] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

/**
 * A helper-seller's commission on one buyer who was charged: collected inside the capture's application fee,
 * paid by a transfer once the merchant's refund window has passed, reversed in part if the buyer is refunded.
 */
export const commissions = pgTable(
  'commissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The buyer's membership whose charge carries the commission (one commission per buyer). */
    memberId: uuid('member_id')
      .notNull()
      .unique()
      .references(() => members.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    /** The helper-seller: the person whose invite link brought the buyer. */
    sharerUserId: text('sharer_user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    sharerMemberId: uuid('sharer_member_id').notNull(),
    currency: text('currency').notNull(),
    /** The commission at capture; what is owed later shrinks in proportion to refunds (pricing/payouts.ts). */
    amount: integer('amount').notNull(),
    /** pending: in the refund window or waiting for the sharer's account; paid; void (refunded in full). */
    status: text('status').$type<CommissionStatus>().notNull().default('pending'),
    /** When the merchant's refund window ends and the transfer may go. */
    payableAt: timestamp('payable_at', { withTimezone: true }).notNull(),
    transferId: text('transfer_id'),
    /** Sent to the sharer, and taken back by transfer reversals after a refund. */
    paidAmount: integer('paid_amount').notNull().default(0),
    reversedAmount: integer('reversed_amount').notNull().default(0),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('commissions_sharer_idx').on(t.sharerUserId),
    index('commissions_deal_idx').on(t.dealId),
    check('commissions_money', sql`${t.amount} >= 0 and ${t.paidAmount} >= 0 and ${t.reversedAmount} >= 0`),
  ],
);

/** A payout Stripe reports for a connected account (payout.* webhooks), shown in the merchant's console. */
export const payouts = pgTable(
  'payouts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull(),
    arrivalDate: timestamp('arrival_date', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payouts_account_idx').on(t.accountId, t.createdAt)],
);

export type ConnectedAccountRow = typeof connectedAccounts.$inferSelect;
export type CommissionRow = typeof commissions.$inferSelect;
