// The buyer's own order (one per membership): the receipt, the fulfilment status and tracking, the pickup
// point or the voucher, and the shop's contact. Only the membership's own user reads it (NOT_FOUND for
// anyone else, as for an unknown id). Edit when the order page shows another fact.
import { eq } from 'drizzle-orm';
import { deals, groups, members, merchants, orders, user } from '@/db/schema';
import type { FulfilmentOptions, PickupPoint } from '@/db/schema/fulfilment-options';
import type { Locale } from '@/i18n/locales';
import type { SessionUser } from '@/server/auth/session-user';
import { dealTitleFor } from '@/server/deals/deal-content';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { savings } from '@/server/pricing';

export type BuyerOrder = {
  order: Pick<
    typeof orders.$inferSelect,
    | 'id'
    | 'number'
    | 'method'
    | 'status'
    | 'contactEmail'
    | 'phone'
    | 'address'
    | 'pickupPointId'
    | 'carrier'
    | 'trackingNumber'
    | 'trackingUrl'
    | 'pickupCode'
    | 'voucherCode'
    | 'createdAt'
    | 'shippedAt'
    | 'deliveredAt'
    | 'readyAt'
    | 'pickedUpAt'
    | 'redeemedAt'
  >;
  member: Pick<
    typeof members.$inferSelect,
    | 'id'
    | 'alias'
    | 'status'
    | 'quantity'
    | 'unitPriceAtJoin'
    | 'holdAmount'
    | 'chargeAmount'
    | 'refundedAmount'
    | 'shippingAmount'
    | 'paymentKind'
  >;
  group: Pick<
    typeof groups.$inferSelect,
    'code' | 'status' | 'currency' | 'listPrice' | 'finalUnitPrice' | 'deadline' | 'closedAt'
  >;
  deal: {
    id: string;
    slug: string;
    title: string;
    titleLocale: Locale;
    imageUrl: string | null;
    fulfilment: FulfilmentOptions;
  };
  /** The chosen pickup point as the deal lists it now (null for other methods). */
  pickupPoint: PickupPoint | null;
  /** The receipt in minor units of the group's currency. */
  receipt: {
    /** Per unit: min(final, joined) once charged, the price when they joined before. */
    unitPrice: number;
    /** Against the list price, on the goods (shipping apart); 0 until charged. */
    saving: number;
    shipping: number;
    /** Held on the card while the group is open, else null. */
    held: number | null;
    /** Charged at close (goods + shipping), or null while nothing is. */
    charged: number | null;
    /** A wallet paid now (WeChat Pay): what was paid at join, once paid; null for a card. */
    paid: number | null;
    refunded: number;
  };
  shop: { name: string; contactEmail: string };
};

/** The shop's contact e-mail: the one its profile shows, else its owner's sign-in address. */
export function shopContact(m: { contactEmail: string | null }, ownerEmail: string): string {
  return m.contactEmail?.trim() || ownerEmail;
}

/** The caller's own order of membership `memberId`, in `locale`'s words for the deal title. */
export async function getBuyerOrderOrThrow(
  deps: Deps,
  me: SessionUser,
  memberId: string,
  locale: Locale,
): Promise<BuyerOrder> {
  const [row] = await deps.db
    .select({ o: orders, m: members, g: groups, d: deals, shop: merchants, ownerEmail: user.email })
    .from(orders)
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .innerJoin(user, eq(user.id, merchants.userId))
    .where(eq(orders.memberId, memberId));
  if (!row || row.m.userId !== me.id) throw new DomainError('NOT_FOUND', 'order.notFound');
  const { o, m, g, d } = row;
  const charged = m.status === 'captured' && m.chargeAmount !== null ? m.chargeAmount : null;
  const unitPrice =
    charged !== null && g.finalUnitPrice !== null
      ? Math.min(g.finalUnitPrice, m.unitPriceAtJoin)
      : m.unitPriceAtJoin;
  const refundedInFull = charged !== null && m.refundedAmount >= charged;
  return {
    order: {
      id: o.id,
      number: o.number,
      method: o.method,
      status: o.status,
      contactEmail: o.contactEmail,
      phone: o.phone,
      address: o.address,
      pickupPointId: o.pickupPointId,
      carrier: o.carrier,
      trackingNumber: o.trackingNumber,
      trackingUrl: o.trackingUrl,
      pickupCode: o.pickupCode,
      voucherCode: o.voucherCode,
      createdAt: o.createdAt,
      shippedAt: o.shippedAt,
      deliveredAt: o.deliveredAt,
      readyAt: o.readyAt,
      pickedUpAt: o.pickedUpAt,
      redeemedAt: o.redeemedAt,
    },
    member: {
      id: m.id,
      alias: m.alias,
      status: m.status,
      quantity: m.quantity,
      unitPriceAtJoin: m.unitPriceAtJoin,
      holdAmount: m.holdAmount,
      chargeAmount: m.chargeAmount,
      refundedAmount: m.refundedAmount,
      shippingAmount: m.shippingAmount,
      paymentKind: m.paymentKind,
    },
    group: {
      code: g.code,
      status: g.status,
      currency: g.currency,
      listPrice: g.listPrice,
      finalUnitPrice: g.finalUnitPrice,
      deadline: g.deadline,
      closedAt: g.closedAt,
    },
    deal: {
      id: d.id,
      slug: d.slug,
      ...dealTitleFor(d, locale),
      imageUrl: d.imageUrl,
      fulfilment: d.fulfilment,
    },
    pickupPoint: d.fulfilment.pickup?.points.find((p) => p.id === o.pickupPointId) ?? null,
    receipt: {
      unitPrice,
      saving: charged !== null && !refundedInFull ? savings(g.listPrice, unitPrice, m.quantity).amount : 0,
      shipping: m.shippingAmount,
      // A wallet paid now holds nothing: it was paid at join, and what came back is a refund (rule 12).
      held:
        m.status === 'authorized' && g.status === 'open' && m.paymentKind !== 'paid_now'
          ? m.holdAmount
          : null,
      charged,
      paid:
        m.paymentKind === 'paid_now' &&
        (['authorized', 'captured', 'released'].includes(m.status) || m.refundedAmount > 0)
          ? m.holdAmount
          : null,
      refunded: m.refundedAmount,
    },
    shop: { name: row.shop.name, contactEmail: shopContact(row.shop, row.ownerEmail) },
  };
}
