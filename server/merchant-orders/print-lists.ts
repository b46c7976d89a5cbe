import { and, asc, eq, inArray } from 'drizzle-orm';
import { deals, groups, orders, type PickupPoint } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { getOwnedDealOrThrow } from '@/server/merchant-console/get-owned-deal';
import { merchantOrderView, selectMerchantOrders, withAddressLines, type MerchantOrder } from './list-orders';

/** A deal's packing list: every shipping order of its won groups still to send, with address and quantity. */
export async function packingList(
  deps: Deps,
  merchantId: string,
  dealId: string,
): Promise<{ deal: { id: string; title: string }; orders: MerchantOrder[] }> {
  const deal = await getOwnedDealOrThrow(deps.db, merchantId, dealId);
  const rows = await selectMerchantOrders(deps.db)
    .where(
      and(
        eq(deals.id, deal.id),
        eq(groups.status, 'won'),
        eq(orders.method, 'shipping'),
        eq(orders.status, 'to_fulfil'),
      ),
    )
    .orderBy(asc(orders.number));
  return {
    deal: { id: deal.id, title: deal.title },
    orders: await withAddressLines(rows.map(merchantOrderView)),
  };
}

/**
 * One pickup point's list: every order of the deal's won groups to collect there (waiting, ready or
 * already collected, so the desk's paper copy matches the screen), with the buyer's code.
 */
export async function pickupList(
  deps: Deps,
  merchantId: string,
  dealId: string,
  pointId: string,
): Promise<{ deal: { id: string; title: string }; point: PickupPoint; orders: MerchantOrder[] }> {
  const deal = await getOwnedDealOrThrow(deps.db, merchantId, dealId);
  const point = deal.fulfilment.pickup?.points.find((p) => p.id === pointId);
  if (!point) throw new DomainError('NOT_FOUND', 'merchantOrders.pickupPointNotFound');
  const rows = await selectMerchantOrders(deps.db)
    .where(
      and(
        eq(deals.id, deal.id),
        eq(groups.status, 'won'),
        eq(orders.pickupPointId, pointId),
        inArray(orders.status, ['to_fulfil', 'ready', 'picked_up']),
      ),
    )
    .orderBy(asc(orders.number));
  return { deal: { id: deal.id, title: deal.title }, point, orders: rows.map(merchantOrderView) };
}
