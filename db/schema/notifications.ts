// Notifications: the outbox of messages to people (one row per recipient, moment, subject and channel),
// each person's preferences, group mutes, push subscriptions and addresses that bounced.
// server/notifications/README.md says how a row is planned and sent. Edit when a channel or setting is added.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from './auth';
import { groups } from './groups';

export const NOTIFICATION_CHANNELS = ['email', 'push'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'dropped', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The notification outbox. A row is written in the transaction of the event that causes it; a
 * `send-notification` job delivers it. `dedupe_key` = recipient, moment, group, subject and channel, so the
 * same news is planned once however often its cause is replayed.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<NotificationChannel>().notNull(),
    /** What happened (server/notifications/moments.ts). */
    moment: text('moment').notNull(),
    /** receipt (money, at once) · notice (to merchants, at once) · nudge (quiet hours, caps, dropped when stale). */
    kind: text('kind').$type<'receipt' | 'notice' | 'nudge'>().notNull(),
    groupId: uuid('group_id'),
    memberId: uuid('member_id'),
    merchantId: uuid('merchant_id'),
    /** What distinguishes two messages of one moment about one group: a tier, an order, a date, a refund. */
    subject: text('subject').notNull().default(''),
    locale: text('locale').notNull().default('en'),
    /** Facts fixed when the row was planned (a refund's amount, a summary's day). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<NotificationStatus>().notNull().default('pending'),
    sendAfter: timestamp('send_after', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    /** When a sender claimed it ("sending"); a claim older than the lease is a sender that died. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** Times a send was repeated because the worker died between sending and recording it (at most 1). */
    resends: integer('resends').notNull().default(0),
    dropReason: text('drop_reason'),
    lastError: text('last_error'),
    /** The address or device count it went to, for the record. */
    sentTo: text('sent_to'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_sent_idx').on(t.userId, t.sentAt),
    index('notifications_group_moment_idx').on(t.groupId, t.moment),
    index('notifications_pending_idx')
      .on(t.userId, t.groupId, t.moment)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** Minutes after local midnight. */
export const DEFAULT_QUIET_START = 21 * 60;
export const DEFAULT_QUIET_END = 8 * 60;

/** One person's notification preferences (a missing row means every default). */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => user.id, { onDelete: 'cascade' }),
    emailEnabled: boolean('email_enabled').notNull().default(true),
    pushEnabled: boolean('push_enabled').notNull().default(true),
    /** Reminders ("one more", "closing soon", "price dropped"); receipts always go. */
    nudgesEnabled: boolean('nudges_enabled').notNull().default(true),
    quietStart: smallint('quiet_start').notNull().default(DEFAULT_QUIET_START),
    quietEnd: smallint('quiet_end').notNull().default(DEFAULT_QUIET_END),
    /** IANA time zone (from the browser at join, or chosen in /me); null = UTC. */
    timeZone: text('time_zone'),
    /** The language of messages that no membership decides (merchant messages). */
    locale: text('locale'),
    merchantGroupWon: boolean('merchant_group_won').notNull().default(true),
    merchantGroupFailed: boolean('merchant_group_failed').notNull().default(true),
    merchantDailySummary: boolean('merchant_daily_summary').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'notification_settings_quiet',
      sql`${t.quietStart} between 0 and 1439 and ${t.quietEnd} between 0 and 1439`,
    ),
  ],
);

/** Groups a person muted: no nudges about them (receipts still go). */
export const notificationMutes = pgTable(
  'notification_mutes',
  {
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] })],
);

/** A browser's Web Push subscription (PushSubscription.toJSON()). Removed when the push service says 404/410. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

/** Addresses that bounced or were refused for good (lower case): never mailed again. */
export const emailSuppressions = pgTable('email_suppressions', {
  email: text('email').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
