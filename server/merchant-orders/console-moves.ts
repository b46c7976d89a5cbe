// The order moves the console makes (ship, deliver, ready, hand over, redeem), each one row update guarded by
// the status it leaves and its event in the caller's transaction (DESIGN rule 10). The seam to the order
// state machine: when server/orders/move-order.ts is the one home of order moves, these delegate to it.
// Edit when the console gains an order action.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { orders, type OrderStatus } from '@/db/schema';
import { recordEvent } from '@/server/events/record-event';

export type Tracking = { carrier: string; trackingNumber: string; trackingUrl: string | null };

type Move = {
  from: readonly OrderStatus[];
  to: OrderStatus;
  event: string;
  stamp: 'shippedAt' | 'deliveredAt' | 'readyAt' | 'pickedUpAt' | 'redeemedAt';
};

/** Every console move: where it may start, where it lands, its event and its time stamp. */
export const CONSOLE_MOVES = {
  ship: { from: ['to_fulfil'], to: 'shipped', event: 'order.shipped', stamp: 'shippedAt' },
  deliver: { from: ['shipped'], to: 'delivered', event: 'order.delivered', stamp: 'deliveredAt' },
  ready: { from: ['to_fulfil'], to: 'ready', event: 'order.ready', stamp: 'readyAt' },
  pickUp: { from: ['to_fulfil', 'ready'], to: 'picked_up', event: 'order.picked_up', stamp: 'pickedUpAt' },
  redeem: { from: ['issued'], to: 'redeemed', event: 'order.redeemed', stamp: 'redeemedAt' },
} as const satisfies Record<string, Move>;

export type ConsoleMove = keyof typeof CONSOLE_MOVES;

/** The order's ids the event names (deal, group, member). */
export type OrderRef = { id: string; memberId: string; groupId: string; dealId: string };

/**
 * Applies `move` to the order if it is in one of the move's start statuses; false (nothing written) when it
 * is not. `by` is the merchant user handing goods over; `tracking` only for ship.
 */
export async function applyConsoleMove(
  tx: Tx,
  ref: OrderRef,
  move: ConsoleMove,
  opts: { now: Date; by: string; tracking?: Tracking },
): Promise<boolean> {
  const m: Move = CONSOLE_MOVES[move];
  const handOver = move === 'pickUp' || move === 'redeem';
  const [done] = await tx
    .update(orders)
    .set({
      status: m.to,
      [m.stamp]: opts.now,
      updatedAt: opts.now,
      ...(handOver ? { handedOverBy: opts.by } : {}),
      ...(opts.tracking
        ? {
            carrier: opts.tracking.carrier,
            trackingNumber: opts.tracking.trackingNumber,
            trackingUrl: opts.tracking.trackingUrl,
          }
        : {}),
    })
    .where(and(eq(orders.id, ref.id), inArray(orders.status, [...m.from])))
    .returning({ id: orders.id });
  if (!done) return false;
  await recordEvent(tx, {
    type: m.event,
    dealId: ref.dealId,
    groupId: ref.groupId,
    memberId: ref.memberId,
    payload: { orderId: ref.id, status: m.to, by: opts.by, ...(opts.tracking ?? {}) },
  });
  return true;
}
