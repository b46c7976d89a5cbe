// The order rows the join and the member moves write, in the caller's transaction: one order per
// membership, inserted with the member's reserve; its status follows the member's (captured → to fulfil or
// issued; every end without goods → void); pickup places counted under a lock. Events carry no contact or
// address (they reach live streams). Edit when a member move should change an order.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { groups, members, orders } from '@/db/schema';
import type { MemberStatus, OrderStatus } from '@/db/schema/statuses';
import { recordEvents, type EventInput } from '@/server/events/record-event';
import { randomCode } from '@/server/groups/random-code';
import type { OrderValues } from './order-choice';

export type OrderRow = typeof orders.$inferSelect;

/** An order number people read and type: "FL-" and 8 characters without look-alikes (40 bits). */
export function newOrderNumber(): string {
  return `FL-${randomCode(8).toUpperCase()}`;
}

/** A pickup or voucher code: 10 characters without look-alikes (50 bits, from a cryptographic source). */
export function newHandoverCode(): string {
  return randomCode(10).toUpperCase();
}

/** Inserts the orders of members just reserved (same transaction as their reserve) and records order.placed. */
export async function insertOrders(
  tx: Tx,
  g: { id: string; dealId: string },
  rows: { memberId: string; order: OrderValues }[],
  now: Date,
): Promise<OrderRow[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(orders)
    .values(
      rows.map((r) => ({
        memberId: r.memberId,
        number: newOrderNumber(),
        method: r.order.method,
        contactEmail: r.order.contactEmail,
        phone: r.order.phone,
        address: r.order.address,
        pickupPointId: r.order.pickupPointId,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: orders.memberId })
    .returning();
  await recordEvents(
    tx,
    inserted.map((o) => orderEvent(g, o, 'order.placed')),
  );
  return inserted;
}

/** The event of an order's change: ids, method and status only (never contact, address or codes). */
export function orderEvent(g: { id: string; dealId: string }, o: OrderRow, type: string): EventInput {
  return {
    type,
    dealId: g.dealId,
    groupId: g.id,
    memberId: o.memberId,
    payload: { orderId: o.id, method: o.method, status: o.status },
  };
}

/**
 * Orders already taking a place at each of `pointIds` across the deal: orders of live members that are not
 * void. Takes a transaction-scoped lock per point first, so two joins (or an update) cannot both take the
 * last place; callers hold the group row already (lock order: group → pickup point).
 */
export async function lockPickupPlaces(
  tx: Tx,
  dealId: string,
  pointIds: readonly string[],
): Promise<Map<string, number>> {
  const ids = [...new Set(pointIds)].sort();
  for (const id of ids) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`pickup:${dealId}:${id}`}, 0))`);
  }
  const taken = new Map<string, number>(ids.map((id) => [id, 0]));
  if (ids.length === 0) return taken;
  const rows = await tx
    .select({ point: orders.pickupPointId, n: sql<number>`count(*)::int` })
    .from(orders)
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(
      and(
        eq(groups.dealId, dealId),
        inArray(orders.pickupPointId, ids),
        ne(orders.status, 'void'),
        inArray(members.status, ['reserved', 'authorized', 'captured']),
      ),
    )
    .groupBy(orders.pickupPointId);
  for (const r of rows) if (r.point) taken.set(r.point, r.n);
  return taken;
}

// What a member's new status means for their order. Captured: the goods are owed (a voucher is issued at
// once). Every other end: nothing to fulfil.
const ENDS_WITHOUT_GOODS: readonly MemberStatus[] = ['released', 'failed', 'left', 'expired'];

/**
 * Moves the orders of members whose status just changed (apply-moves.ts calls this in the same
 * transaction): captured → to_fulfil with a pickup code, or issued with a voucher code; released, failed,
 * left, expired → void. Each order moves once (the WHERE names the status it leaves) and writes an event.
 */
export async function followMemberMoves(
  tx: Tx,
  g: { id: string; dealId: string },
  moved: readonly { member: { id: string; status: MemberStatus } }[],
  now: Date,
): Promise<void> {
  const captured = moved.filter((m) => m.member.status === 'captured').map((m) => m.member.id);
  const ended = moved.filter((m) => ENDS_WITHOUT_GOODS.includes(m.member.status)).map((m) => m.member.id);
  const evts: EventInput[] = [];
  if (captured.length) {
    // pending (first capture), or void (a capture that failed at close and Stripe later confirmed).
    const owed = await tx
      .select()
      .from(orders)
      .where(and(inArray(orders.memberId, captured), inArray(orders.status, ['pending', 'void'])))
      .for('update');
    for (const o of owed) {
      const to: OrderStatus = o.method === 'voucher' ? 'issued' : 'to_fulfil';
      const [row] = await tx
        .update(orders)
        .set({
          status: to,
          updatedAt: now,
          ...(o.method === 'pickup' && !o.pickupCode ? { pickupCode: newHandoverCode() } : {}),
          ...(o.method === 'voucher' && !o.voucherCode ? { voucherCode: newHandoverCode() } : {}),
        })
        .where(and(eq(orders.id, o.id), eq(orders.status, o.status)))
        .returning();
      if (row) evts.push(orderEvent(g, row, to === 'issued' ? 'order.issued' : 'order.to_fulfil'));
    }
  }
  if (ended.length) {
    const voided = await tx
      .update(orders)
      .set({ status: 'void', updatedAt: now })
      .where(and(inArray(orders.memberId, ended), eq(orders.status, 'pending')))
      .returning();
    for (const o of voided) evts.push(orderEvent(g, o, 'order.voided'));
  }
  await recordEvents(tx, evts);
}

/** Voids the order of a member refunded in full (nothing left to fulfil), in the refund's transaction. */
export async function voidRefundedOrder(
  tx: Tx,
  g: { id: string; dealId: string },
  memberId: string,
  now: Date,
): Promise<void> {
  const [o] = await tx
    .update(orders)
    .set({ status: 'void', updatedAt: now })
    .where(and(eq(orders.memberId, memberId), ne(orders.status, 'void')))
    .returning();
  if (o) await recordEvents(tx, [orderEvent(g, o, 'order.voided')]);
}
