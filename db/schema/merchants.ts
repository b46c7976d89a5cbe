// A merchant profile belongs to one signed-in user. Edit when the profile gains fields.
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';

export const merchants = pgTable('merchants', {
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
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
