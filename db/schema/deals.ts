// A merchant's tiered offer. Edit when a deal gains a setting.
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Locale } from '@/i18n/locales';
import { NO_FULFILMENT, type FulfilmentOptions } from './fulfilment-options';
import { merchants } from './merchants';
import { DEAL_STATUSES } from './statuses';

export type TierRow = { minMembers: number; unitPrice: number };

/** A deal's title and description in one language. */
export type DealText = { title: string; description: string };
/** The deal's title and description in other languages than its content locale (never that one itself). */
export type DealTranslations = Partial<Record<Locale, DealText>>;

/** What a deal promises the person who opened a group when it wins with at least minMembers members. */
export type OpenerReward = {
  minMembers: number;
  /** Percent off the opener's goods, 1-100 (100: their units free). */
  percent: number;
  /** The most the reward may be worth (minor units), or null for no cap. */
  cap: number | null;
};

/** How a deal rewards the people who fill its groups (frozen on each group when it opens). */
export type DealRewards = {
  openerReward: OpenerReward | null;
  /** Commission to the member whose invite link brought a charged buyer, in basis points of the charge. */
  commissionBps: number;
  /** Days after capture before a commission is paid (the merchant's refund window). */
  commissionHoldDays: number;
};

export const dealStatus = pgEnum('deal_status', DEAL_STATUSES);

export const deals = pgTable(
  'deals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    merchantId: uuid('merchant_id')
      .notNull()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The language the title and description are written in: what a reader gets without a translation. */
    contentLocale: text('content_locale').$type<Locale>().notNull().default('en'),
    /** The merchant's own title and description per other language (server/deals/deal-content.ts picks). */
    /** How the goods reach buyers (fulfilment-options.ts); at least one option to publish. */
    fulfilment: jsonb('fulfilment').$type<FulfilmentOptions>().notNull().default(NO_FULFILMENT),
    translations: jsonb('translations').$type<DealTranslations>().notNull().default({}),
    imageUrl: text('image_url'),
    /** Posted in a group's room once per burst of joins; {aliases} is replaced by who joined. */
    welcomeMessage: text('welcome_message').notNull().default(''),
    currency: text('currency').notNull(),
    /** Integer minor units: the price without a group. */
    listPrice: integer('list_price').notNull(),
    tiers: jsonb('tiers').$type<TierRow[]>().notNull(),
    windowSeconds: integer('window_seconds').notNull(),
    maxMembers: integer('max_members').notNull().default(500),
    qrCutoff: integer('qr_cutoff').notNull().default(100),
    perBuyerMax: integer('per_buyer_max').notNull().default(1),
    /** Units available across all groups; null = unlimited. */
    stock: integer('stock'),
    /** Units held by live memberships (reserved or authorized) and captured ones. */
    stockTaken: integer('stock_taken').notNull().default(0),
    openerReward: jsonb('opener_reward').$type<OpenerReward | null>(),
    commissionBps: integer('commission_bps').notNull().default(0),
    commissionHoldDays: integer('commission_hold_days').notNull().default(14),
    status: dealStatus('status').notNull().default('draft'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('deals_merchant_idx').on(t.merchantId),
    check('deals_window_max_30_days', sql`${t.windowSeconds} > 0 and ${t.windowSeconds} <= 2592000`),
    check('deals_stock_taken', sql`${t.stock} is null or ${t.stockTaken} <= ${t.stock}`),
    check('deals_list_price_positive', sql`${t.listPrice} > 0`),
    check('deals_commission', sql`${t.commissionBps} between 0 and 3000`),
    check('deals_commission_hold_days', sql`${t.commissionHoldDays} between 0 and 90`),
  ],
);
