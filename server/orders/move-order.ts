// The one home of an order's moves after the win: the table of every merchant move (ship, deliver, ready,
// hand over at pickup, redeem a voucher) and the verbs the console calls. Every verb locks the order rows
// (FOR UPDATE) in one transaction, checks the merchant owns them and their group was won, checks the move is
// allowed from the current status, and writes one event per moved order (never contact or address).
// Repeating a move that already happened (a double tap, a re-sent request) changes nothing and succeeds,
// except a hand-over: a second scan is refused with when and by whom the first one was.
// The join and the member moves write the earlier states (order-rows.ts). Edit when an order gains a move.
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, members, orders, user } from '@/db/schema';
import type { OrderStatus } from '@/db/schema/statuses';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { notifyMember } from '@/server/notifications/notify-member';
import type { OrderRow } from './order-rows';

export type Tracking = { carrier: string; trackingNumber: string; trackingUrl: string | null };

type Move = {
  from: readonly OrderStatus[];
  to: Exclude<OrderStatus, 'pending' | 'to_fulfil' | 'issued' | 'void'>;
  event: string;
  stamp: 'shippedAt' | 'deliveredAt' | 'readyAt' | 'pickedUpAt' | 'redeemedAt';
};

/** Every merchant move: where it may start, where it lands, its event and its time stamp. */
export const ORDER_MOVES = {
  ship: { from: ['to_fulfil'], to: 'shipped', event: 'order.shipped', stamp: 'shippedAt' },
  deliver: { from: ['shipped'], to: 'delivered', event: 'order.delivered', stamp: 'deliveredAt' },
  ready: { from: ['to_fulfil'], to: 'ready', event: 'order.ready', stamp: 'readyAt' },
  pickUp: { from: ['to_fulfil', 'ready'], to: 'picked_up', event: 'order.picked_up', stamp: 'pickedUpAt' },
  redeem: { from: ['issued'], to: 'redeemed', event: 'order.redeemed', stamp: 'redeemedAt' },
} as const satisfies Record<string, Move>;

export type OrderMoveName = keyof typeof ORDER_MOVES;

/** The merchant acting: their shop and their own user (who handed the goods over). */
export type MerchantActor = { merchantId: string; userId: string };

type Locked = { o: OrderRow; groupId: string; dealId: string; merchantId: string; groupStatus: string };

/** Locks orders matching `where` with their group, deal and owner (orders rows only are locked). */
async function lockOrders(tx: Tx, where: SQL | undefined): Promise<Locked[]> {
  return tx
    .select({
      o: orders,
      groupId: groups.id,
      dealId: deals.id,
      merchantId: deals.merchantId,
      groupStatus: groups.status,
    })
    .from(orders)
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(where)
    .orderBy(orders.id)
    .for('update', { of: orders });
}

/**
 * Applies `name` to a locked order in `tx`: the row update is guarded by the statuses the move leaves, so it
 * happens once. Returns the moved order, or null when it was not in a start status.
 */
export async function applyOrderMove(
  tx: Tx,
  ref: { id: string; memberId: string; groupId: string; dealId: string },
  name: OrderMoveName,
  opts: { now: Date; by: string; tracking?: Tracking },
): Promise<OrderRow | null> {
  const m: Move = ORDER_MOVES[name];
  const handOver = name === 'pickUp' || name === 'redeem';
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
    .returning();
  if (!done) return null;
  await recordEvent(tx, {
    type: m.event,
    dealId: ref.dealId,
    groupId: ref.groupId,
    memberId: ref.memberId,
    payload: { orderId: ref.id, method: done.method, status: done.status, by: opts.by },
  });
  if (name === 'ship') await notifyMember(tx, ref.memberId, 'orderShipped', ref.id, opts.now);
  if (name === 'ready') await notifyMember(tx, ref.memberId, 'orderReady', ref.id, opts.now);
  return done;
}

function cannotMove(o: OrderRow, name: OrderMoveName): DomainError {
  if (o.status === 'void')
    return new DomainError('CONFLICT', 'order.nothingToHandOver', { number: o.number });
  return new DomainError('CONFLICT', 'order.cannotMove', {
    number: o.number,
    status: { key: `order.status.${o.status}` },
    target: { key: `order.target.${ORDER_MOVES[name].to}` },
  });
}

/** Checks a tracking entry: a carrier and a number; a link, when given, on https. */
export function checkTracking(t: Tracking): Tracking {
  const carrier = t.carrier.trim();
  const trackingNumber = t.trackingNumber.trim();
  const trackingUrl = t.trackingUrl?.trim() || null;
  if (!carrier || !trackingNumber) {
    throw new DomainError('INVALID_INPUT', 'order.trackingRequired', undefined, {
      ...(carrier ? {} : { carrier: { key: 'order.trackingRequired' } }),
      ...(trackingNumber ? {} : { trackingNumber: { key: 'order.trackingRequired' } }),
    });
  }
  if (trackingUrl !== null && !/^https:\/\/[^\s]+$/i.test(trackingUrl)) {
    throw new DomainError('INVALID_INPUT', 'order.trackingUrlInvalid', undefined, {
      trackingUrl: { key: 'order.trackingUrlInvalid' },
    });
  }
  return { carrier, trackingNumber, trackingUrl };
}

/**
 * Moves the merchant's orders `orderIds` by `name`, all or none: NOT_FOUND when one is not theirs or its
 * group was not won, CONFLICT when one is not in a start status (already there counts as done).
 */
async function moveOrders(
  deps: Deps,
  actor: MerchantActor,
  orderIds: readonly string[],
  name: 'ship' | 'deliver' | 'ready',
  tracking?: Tracking,
): Promise<{ moved: number }> {
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return { moved: 0 };
  return deps.db.transaction(async (tx) => {
    const rows = await lockOrders(tx, inArray(orders.id, ids));
    for (const id of ids) {
      const r = rows.find((x) => x.o.id === id);
      if (!r || r.merchantId !== actor.merchantId || r.groupStatus !== 'won') {
        throw new DomainError('NOT_FOUND', 'order.notFound');
      }
    }
    const now = deps.now();
    let moved = 0;
    for (const r of rows) {
      const target = ORDER_MOVES[name].to;
      const sameTracking =
        !tracking ||
        (r.o.carrier === tracking.carrier &&
          r.o.trackingNumber === tracking.trackingNumber &&
          r.o.trackingUrl === tracking.trackingUrl);
      if (r.o.status === target && sameTracking) continue;
      const done = await applyOrderMove(
        tx,
        { id: r.o.id, memberId: r.o.memberId, groupId: r.groupId, dealId: r.dealId },
        name,
        { now, by: actor.userId, tracking },
      );
      if (!done) throw cannotMove(r.o, name);
      moved += 1;
    }
    return { moved };
  });
}

/** Marks shipping orders shipped with their carrier, tracking number and link. */
export async function markShipped(
  deps: Deps,
  actor: MerchantActor,
  orderIds: readonly string[],
  tracking: Tracking,
): Promise<{ moved: number }> {
  return moveOrders(deps, actor, orderIds, 'ship', checkTracking(tracking));
}

/** Marks shipped orders delivered. */
export function markDelivered(deps: Deps, actor: MerchantActor, orderIds: readonly string[]) {
  return moveOrders(deps, actor, orderIds, 'deliver');
}

/** Marks pickup orders ready at their point. */
export function markReady(deps: Deps, actor: MerchantActor, orderIds: readonly string[]) {
  return moveOrders(deps, actor, orderIds, 'ready');
}

async function handOver(
  deps: Deps,
  actor: MerchantActor,
  rawCode: string,
  name: 'pickUp' | 'redeem',
): Promise<OrderRow> {
  const code = rawCode.trim().toUpperCase();
  if (!/^[0-9A-Z]{4,32}$/.test(code)) throw new DomainError('NOT_FOUND', 'order.codeUnknown');
  return deps.db.transaction(async (tx) => {
    const column = name === 'pickUp' ? orders.pickupCode : orders.voucherCode;
    const [r] = await lockOrders(tx, eq(column, code));
    if (!r) throw new DomainError('NOT_FOUND', 'order.codeUnknown');
    if (r.merchantId !== actor.merchantId) throw new DomainError('FORBIDDEN', 'order.codeOtherShop');
    const done = r.o.status === (name === 'pickUp' ? 'picked_up' : 'redeemed');
    if (done) {
      const at = (name === 'pickUp' ? r.o.pickedUpAt : r.o.redeemedAt) ?? r.o.updatedAt;
      const [by] = r.o.handedOverBy
        ? await tx.select({ name: user.name }).from(user).where(eq(user.id, r.o.handedOverBy))
        : [];
      throw new DomainError(
        'CONFLICT',
        name === 'pickUp' ? 'order.alreadyPickedUp' : 'order.alreadyRedeemed',
        { when: { date: at.toISOString() }, by: by?.name || { key: 'order.someone' } },
      );
    }
    if (name === 'redeem') {
      const [deal] = await tx.select({ f: deals.fulfilment }).from(deals).where(eq(deals.id, r.dealId));
      const until = deal?.f.voucher?.validUntil;
      // Valid through the whole last day wherever the shop is: until that day ends at UTC−12, the last to end.
      if (until && deps.now().getTime() > Date.parse(`${until}T23:59:59.999-12:00`)) {
        throw new DomainError('CONFLICT', 'order.voucherExpired', { date: until });
      }
    }
    const moved = await applyOrderMove(
      tx,
      { id: r.o.id, memberId: r.o.memberId, groupId: r.groupId, dealId: r.dealId },
      name,
      { now: deps.now(), by: actor.userId },
    );
    if (!moved) throw cannotMove(r.o, name);
    return moved;
  });
}

/** Hands a pickup order over against the code in the buyer's QR; a second scan says when and by whom. */
export function pickUp(deps: Deps, actor: MerchantActor, code: string): Promise<OrderRow> {
  return handOver(deps, actor, code, 'pickUp');
}

/** Redeems a voucher by its code, until its last valid day; a second redemption says when and by whom. */
export function redeem(deps: Deps, actor: MerchantActor, code: string): Promise<OrderRow> {
  return handOver(deps, actor, code, 'redeem');
}
