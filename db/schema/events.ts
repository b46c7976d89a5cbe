// The audit log: one row per state change, written in the same transaction (DESIGN rule 10).
// Live updates and analytics read it. Edit when a new kind of reference is needed.
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    dealId: uuid('deal_id'),
    groupId: uuid('group_id'),
    memberId: uuid('member_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_group_idx').on(t.groupId, t.id), index('events_deal_idx').on(t.dealId, t.id)],
);

/** Page visits counted server-side for conversion by share channel. */
export const visits = pgTable(
  'visits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dealId: uuid('deal_id').notNull(),
    groupId: uuid('group_id'),
    channel: text('channel').notNull().default('direct'),
    visitorKey: text('visitor_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('visits_deal_idx').on(t.dealId, t.createdAt)],
);

/** E-mails the app sends; in development they are only logged and listed at /dev/outbox. */
export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
