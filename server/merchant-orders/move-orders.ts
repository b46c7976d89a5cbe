import { and, eq, inArray } from 'drizzle-orm';
import { deals, groups, members, orders } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { catalogWord, DomainError } from '@/server/errors';
import { getOwnedDealOrThrow } from '@/server/merchant-console/get-owned-deal';
import { applyConsoleMove, type ConsoleMove, type Tracking } from './console-moves';

type Merchant = { merchantId: string; userId: string };

/**
 * One console action on one of the merchant's orders (ship with tracking, delivered, ready, picked up,
 * redeemed). NOT_FOUND for another merchant's order or one of a group that was not won; CONFLICT when the
 * order is not in a status the move starts from.
 */
export async function moveMerchantOrder(
  deps: Deps,
  merchant: Merchant,
  input: { orderId: string; move: ConsoleMove; tracking?: Tracking },
): Promise<{ status: string }> {
  if (input.move === 'ship' && !input.tracking) throw new Error('ship needs tracking');
  return deps.db.transaction(async (tx) => {
    const [o] = await tx
      .select({
        id: orders.id,
        memberId: orders.memberId,
        groupId: groups.id,
        dealId: deals.id,
        status: orders.status,
        method: orders.method,
      })
      .from(orders)
      .innerJoin(members, eq(members.id, orders.memberId))
      .innerJoin(groups, eq(groups.id, members.groupId))
      .innerJoin(deals, eq(deals.id, groups.dealId))
      .where(
        and(
          eq(orders.id, input.orderId),
          eq(deals.merchantId, merchant.merchantId),
          eq(groups.status, 'won'),
        ),
      )
      .for('update', { of: orders });
    if (!o) throw new DomainError('NOT_FOUND', 'merchantOrders.orderNotFound');
    const moved = await applyConsoleMove(tx, o, input.move, {
      now: deps.now(),
      by: merchant.userId,
      tracking: input.tracking,
    });
    if (!moved) {
      throw new DomainError('CONFLICT', 'merchantOrders.cannotMove', {
        status: catalogWord(`merchantOrders.orderStatus.${o.status}`, o.status),
      });
    }
    const to = {
      ship: 'shipped',
      deliver: 'delivered',
      ready: 'ready',
      pickUp: 'picked_up',
      redeem: 'redeemed',
    };
    return { status: to[input.move] };
  });
}

/** Marks every waiting order of a deal's won groups at one pickup point ready; returns how many moved. */
export async function markPointReady(
  deps: Deps,
  merchant: Merchant,
  input: { dealId: string; pointId: string },
): Promise<{ ready: number }> {
  const deal = await getOwnedDealOrThrow(deps.db, merchant.merchantId, input.dealId);
  if (!deal.fulfilment.pickup?.points.some((p) => p.id === input.pointId)) {
    throw new DomainError('NOT_FOUND', 'merchantOrders.pickupPointNotFound');
  }
  return deps.db.transaction(async (tx) => {
    const waiting = await tx
      .select({ id: orders.id, memberId: orders.memberId, groupId: groups.id, dealId: groups.dealId })
      .from(orders)
      .innerJoin(members, eq(members.id, orders.memberId))
      .innerJoin(groups, eq(groups.id, members.groupId))
      .where(
        and(
          eq(groups.dealId, deal.id),
          eq(groups.status, 'won'),
          eq(orders.pickupPointId, input.pointId),
          inArray(orders.status, ['to_fulfil']),
        ),
      )
      .for('update', { of: orders });
    const now = deps.now();
    let ready = 0;
    for (const o of waiting) {
      if (await applyConsoleMove(tx, o, 'ready', { now, by: merchant.userId })) ready += 1;
    }
    return { ready };
  });
}
