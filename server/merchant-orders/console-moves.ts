// The console's seam to the order state machine (server/orders/move-order.ts, the one home of order moves:
// each move's start statuses, target, event and time stamp). The console's services lock and check the
// orders themselves (the CSV's row-by-row preview, the desk's "already, when and by whom") and apply each
// move here, in their transaction. Edit when the console gains an order action.
import type { Tx } from '@/db/client';
import { applyOrderMove, type OrderMoveName, type Tracking } from '@/server/orders/move-order';

export type { Tracking };

export type ConsoleMove = OrderMoveName;

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
  return (await applyOrderMove(tx, ref, move, opts)) !== null;
}
