// A merchant profile belongs to one signed-in user. Edit when the profile gains fields.
import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import type { PayNowMethod } from './statuses';

export const merchants = pgTable(
  'merchants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .unique()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    logoUrl: text('logo_url'),
    defaultCurrency: text('default_currency').notNull().default('USD'),
    /** What shoppers read about the shop on every deal and group page (trust: who is selling). */
    about: text('about').notNull().default(''),
    /** Where shoppers reach the shop: an e-mail address shown on its pages. */
    contactEmail: text('contact_email'),
    shippingPolicy: text('shipping_policy').notNull().default(''),
    returnsPolicy: text('returns_policy').notNull().default(''),
    /** Days a member whose payment failed at close has to fix it (the signed link's life), 1-14. */
    paymentFixDays: integer('payment_fix_days').notNull().default(7),
    /** Wallets the shop accepts that cannot be held (paid at join, the difference refunded at close). */
    payNowMethods: jsonb('pay_now_methods').$type<PayNowMethod[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('merchants_payment_fix_days', sql`${t.paymentFixDays} between 1 and 14`)],
);
