// Each membership's order: contact, address or pickup point, status, tracking, codes (the deal's options are
// in fulfilment-options.ts). Addresses, e-mails and phones here are private: only
// the buyer, and the merchant once the group is won, may read them (DESIGN rule 3). Edit when an option or
// an order gains a field, then generate a migration.
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { members } from './groups';
import type { ShippingAddress } from './fulfilment-options';
import { FULFILMENT_METHODS, ORDER_STATUSES } from './statuses';

export const fulfilmentMethod = pgEnum('fulfilment_method', FULFILMENT_METHODS);
export const orderStatus = pgEnum('order_status', ORDER_STATUSES);

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** One order per membership, written in the same transaction as the membership's reserve. */
    memberId: uuid('member_id')
      .notNull()
      .unique()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** What people read and type: "FL-7K3M9Q" (unique, no ambiguous characters). */
    number: text('number').notNull().unique(),
    method: fulfilmentMethod('method').notNull(),
    status: orderStatus('status').notNull().default('pending'),
    contactEmail: text('contact_email').notNull(),
    phone: text('phone'),
    /** Shipping only. */
    address: jsonb('address').$type<ShippingAddress>(),
    /** Pickup only: a PickupPoint id of the deal. */
    pickupPointId: text('pickup_point_id'),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    trackingUrl: text('tracking_url'),
    /** Pickup: the code in the buyer's QR, set when the group is won. */
    pickupCode: text('pickup_code').unique(),
    /** Voucher: the redemption code, set when the group is won. */
    voucherCode: text('voucher_code').unique(),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
    /** Who handed the goods over or redeemed the voucher (a merchant's user). */
    handedOverBy: text('handed_over_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orders_status_idx').on(t.status),
    index('orders_pickup_point_idx').on(t.pickupPointId),
    check(
      'orders_method_fields',
      sql`(${t.method} = 'shipping') = (${t.address} is not null) and (${t.method} = 'pickup') = (${t.pickupPointId} is not null)`,
    ),
  ],
);
