// Groups and their members (participations). Edit when a group or a member gains state.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from './auth';
import { deals, type OpenerReward, type TierRow } from './deals';
import { GROUP_STATUSES, MEMBER_STATUSES, type PaymentKind, type PaymentMode } from './statuses';

export const groupStatus = pgEnum('group_status', GROUP_STATUSES);
export const memberStatus = pgEnum('member_status', MEMBER_STATUSES);

export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short unguessable code used in links: /g/<code>. */
    code: text('code').notNull().unique(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    openedByUserId: text('opened_by_user_id').references(() => user.id, { onDelete: 'set null' }),
    openedByMerchant: integer('opened_by_merchant').notNull().default(0),
    /** The community room the group was opened from (announced there). */
    fromRoomId: uuid('from_room_id'),
    status: groupStatus('status').notNull().default('open'),
    /** The deal's terms frozen when the group opened. */
    currency: text('currency').notNull(),
    listPrice: integer('list_price').notNull(),
    tiers: jsonb('tiers').$type<TierRow[]>().notNull(),
    minMembers: integer('min_members').notNull(),
    maxMembers: integer('max_members').notNull(),
    qrCutoff: integer('qr_cutoff').notNull(),
    perBuyerMax: integer('per_buyer_max').notNull(),
    /** How members secure payment (statuses.ts PAYMENT_MODES), chosen from the deal's window at open. */
    paymentMode: text('payment_mode').$type<PaymentMode>().notNull().default('hold'),
    /** The deal's rewards frozen at open (issue 18): the opener's, the helper-sellers' commission and its wait. */
    openerReward: jsonb('opener_reward').$type<OpenerReward | null>(),
    commissionBps: integer('commission_bps').notNull().default(0),
    commissionHoldDays: integer('commission_hold_days').notNull().default(14),
    /** The shop's connected account at open: every member's payment is a destination charge to it (null: the platform keeps it). */
    payeeAccountId: text('payee_account_id'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    /** When the close job is scheduled to run: the deadline, or earlier once the group is full. */
    closeAt: timestamp('close_at', { withTimezone: true }),
    /** Live memberships holding a seat: reserved + authorized. */
    seatsTaken: integer('seats_taken').notNull().default(0),
    /** Members whose hold is authorized: the count that sets the tier. */
    confirmedCount: integer('confirmed_count').notNull().default(0),
    finalUnitPrice: integer('final_unit_price'),
    closeReason: text('close_reason'),
    closingAt: timestamp('closing_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('groups_deal_idx').on(t.dealId, t.status),
    index('groups_deadline_idx').on(t.status, t.deadline),
    check('groups_capacity', sql`${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.maxMembers}`),
    check('groups_confirmed', sql`${t.confirmedCount} >= 0 and ${t.confirmedCount} <= ${t.seatsTaken}`),
  ],
);

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    quantity: integer('quantity').notNull(),
    status: memberStatus('status').notNull().default('reserved'),
    /** Unit price shown when the member joined (integer minor units). */
    unitPriceAtJoin: integer('unit_price_at_join').notNull(),
    /** Shipping in the hold and the charge (minor units), fixed at join: per order, or per unit × quantity. */
    shippingAmount: integer('shipping_amount').notNull().default(0),
    holdAmount: integer('hold_amount').notNull(),
    chargeAmount: integer('charge_amount'),
    refundedAmount: integer('refunded_amount').notNull().default(0),
    /** Connect (issue 18): the account this member's payment is transferred to, and how the charge was split. */
    destinationAccountId: text('destination_account_id'),
    /** Stripe's application fee on the charge (platform fee + commission) and how much of it refunds returned. */
    applicationFee: integer('application_fee').notNull().default(0),
    feeRefunded: integer('fee_refunded').notNull().default(0),
    /** The commission inside the application fee, at capture, and who earns it (the inviter's user). */
    commissionAmount: integer('commission_amount').notNull().default(0),
    commissionUserId: text('commission_user_id'),
    /** The opener's reward taken off this member's goods at capture (0 for everyone but a rewarded opener). */
    rewardAmount: integer('reward_amount').notNull().default(0),
    paymentIntentId: text('payment_intent_id'),
    /** How this member pays (statuses.ts PAYMENT_KINDS). */
    paymentKind: text('payment_kind').$type<PaymentKind>().notNull().default('hold'),
    /** saved_card: the Stripe customer, the SetupIntent and the card it saved (charged off-session at close). */
    stripeCustomerId: text('stripe_customer_id'),
    setupIntentId: text('setup_intent_id'),
    paymentMethodId: text('payment_method_id'),
    /** payment_due: until when the member may fix the payment; the on-session PaymentIntent of the fix. */
    dueUntil: timestamp('due_until', { withTimezone: true }),
    fixPaymentIntentId: text('fix_payment_intent_id'),
    /** This member's personal invite code (admits past the QR cutoff). */
    inviteCode: text('invite_code').notNull().unique(),
    invitedByMemberId: uuid('invited_by_member_id'),
    channel: text('channel'),
    /** The language the member joined in: what Flock writes to them in (e-mails, later notifications). */
    locale: text('locale').notNull().default('en'),
    idempotencyKey: text('idempotency_key'),
    failureReason: text('failure_reason'),
    reservedAt: timestamp('reserved_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    authorizedAt: timestamp('authorized_at', { withTimezone: true }),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    leftAt: timestamp('left_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The live statuses of server/groups/membership.ts (LIVE_STATUSES), spelled out for the migration.
    uniqueIndex('members_one_live_per_buyer')
      .on(t.groupId, t.userId)
      .where(sql`${t.status} in ('reserved', 'authorized', 'captured')`),
    uniqueIndex('members_idempotency').on(t.groupId, t.idempotencyKey),
    index('members_group_status_idx').on(t.groupId, t.status),
    index('members_user_idx').on(t.userId),
    index('members_payment_intent_idx').on(t.paymentIntentId),
    index('members_fix_payment_intent_idx').on(t.fixPaymentIntentId),
    index('members_setup_intent_idx').on(t.setupIntentId),
    check('members_quantity', sql`${t.quantity} >= 1`),
    check('members_money', sql`${t.holdAmount} > 0 and ${t.refundedAmount} >= 0`),
  ],
);

/** A member row. */
export type MemberRow = typeof members.$inferSelect;

/** What a member's own money looks like on every page that shows it (the buyer's, /me, the merchant's). */
export type MemberMoney = Pick<
  MemberRow,
  | 'alias'
  | 'quantity'
  | 'unitPriceAtJoin'
  | 'shippingAmount'
  | 'holdAmount'
  | 'chargeAmount'
  | 'refundedAmount'
  | 'paymentKind'
>;
