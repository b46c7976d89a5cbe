// The group ledger: decides every join and hold confirmation of a group, in batches; apply-moves.ts moves the
// members and their counters (membership.ts is the table).
//
// Technique, chosen with `npm run bench:join`: group commit. Every reserve and every confirm for one group
// in this process goes through a per-group batcher; while one batch's transaction runs, newcomers queue and
// run together as the next batch. A batch is one short transaction that locks the group row once
// (SELECT ... FOR UPDATE), decides every request in memory against the locked counters (status, deadline,
// DESIGN rule 6, capacity, per-buyer limit, stock), confirms the returned holds and inserts the granted
// members in one statement each through applyMoves, which writes the counters and records events and expiry
// jobs in bulk.
// A lone join runs at once; under load the row lock is taken once per batch instead of twice per join, and
// reserves never queue behind confirms on the same row. Several app processes each batch on their own and
// still serialize on the row lock, so capacity holds under any concurrency (tested with four pools racing).
// Measured alternatives: one conditional UPDATE per join (the naive ceiling) plus a separate confirm
// transaction locked the row twice per join and queued reserves behind confirms; seat rows claimed with
// FOR UPDATE SKIP LOCKED avoid the row lock but need a row per seat and still the counters the page reads.
import { DEFAULT_LOCALE, type Locale } from '@/i18n/locales';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { insertOrders, lockPickupPlaces } from '@/server/orders/order-rows';
import type { OrderValues } from '@/server/orders/order-choice';
import { holdWithShipping, unitPriceAt } from '@/server/pricing';
import { applyMoves, lockGroupForMoves, type Member, type MoveFields, type MoveRequest } from './apply-moves';
import { progressOf, type GroupProgress } from './group-progress';
import { createKeyedBatcher } from './keyed-batcher';
import { LIVE_STATUSES, isLive } from './membership';
import { randomCode } from './random-code';

/** How long a seat is kept for a buyer whose card hold is not yet confirmed. */
export const RESERVATION_MS = 15 * 60 * 1000;

export type { Member };

/** What the hold needs to describe itself; read under the batch's lock. */
export type HoldContext = { dealId: string; code: string; title: string; currency: string };

export type ReserveOp = {
  kind: 'reserve';
  userId: string;
  alias: string;
  quantity: number;
  idempotencyKey: string;
  /** A member's personal invite code (rule 6); unknown ones count as the plain link. */
  inviteCode: string | null;
  channel: string | null;
  /** The language of the page the buyer joined from (default English). */
  locale?: Locale;
  /** The order written with the reserve (checked against the deal's options by checkOrderChoice). */
  order: OrderValues;
  /** Shipping added to the hold, fixed on the member (minor units). */
  shippingAmount: number;
  /** The chosen pickup point's capacity (null: none, or not a pickup order), counted under a lock. */
  pickupCapacity: number | null;
  /** Pay with a wallet that cannot be held (paid at join); otherwise the group's payment mode decides. */
  payNow?: boolean;
};
export type ConfirmOp = {
  kind: 'confirm';
  memberId: string;
  /** The hold's PaymentIntent; null for a saved card (its SetupIntent and card travel in `set`). */
  paymentIntentId: string | null;
  captureBefore: Date | null;
  set?: MoveFields;
};
type Op = ReserveOp | ConfirmOp;

export type ReserveOutcome =
  | { kind: 'reserved' | 'existing'; member: Member; hold: HoldContext; progress: GroupProgress }
  | { kind: 'refused'; error: DomainError };
export type ConfirmOutcome =
  /** The member is authorized (now, or already was). */
  | { kind: 'authorized'; member: Member; progress: GroupProgress }
  /** The member is no longer reserved (expired, left, failed), or the group stopped taking members: release the hold. */
  | { kind: 'not_reserved' | 'group_closed'; member: Member | null; progress: GroupProgress | null };
type Outcome = ReserveOutcome | ConfirmOutcome;

type Batch = (groupId: string, op: Op) => Promise<Outcome>;
const batchers = new WeakMap<Deps, Batch>();

function submit(deps: Deps, groupId: string, op: Op): Promise<Outcome> {
  let batch = batchers.get(deps);
  if (!batch) {
    batch = createKeyedBatcher<Op, Outcome>(
      (key, ops) => deps.db.transaction((tx) => runBatch(deps, tx, key, ops)),
      // A DomainError from runBatch (an unknown group) is the same answer for every request in it.
      { isBatchWide: (err) => err instanceof DomainError },
    );
    batchers.set(deps, batch);
  }
  return batch(groupId, op);
}

/** Reserves a seat for one buyer (batched with concurrent joins of the same group). */
export async function reserveSeat(
  deps: Deps,
  groupId: string,
  op: Omit<ReserveOp, 'kind'>,
): Promise<ReserveOutcome> {
  return (await submit(deps, groupId, { kind: 'reserve', ...op })) as ReserveOutcome;
}

/** Marks a reserved member authorized so they count toward the tier (DESIGN rule 3), batched per group. */
export async function confirmAuthorized(
  deps: Deps,
  groupId: string,
  memberId: string,
  paymentIntentId: string | null,
  captureBefore: Date | null,
  set?: MoveFields,
): Promise<ConfirmOutcome> {
  return (await submit(deps, groupId, {
    kind: 'confirm',
    memberId,
    paymentIntentId,
    captureBefore,
    set,
  })) as ConfirmOutcome;
}

async function runBatch(deps: Deps, tx: Tx, groupId: string, ops: Op[]): Promise<Outcome[]> {
  const now = deps.now();
  const g = await lockGroupForMoves(tx, groupId);
  if (!g) throw new DomainError('NOT_FOUND', 'group.notFound');

  // 1. Confirms first: a hold that came back counts before the next joiner is shown a price.
  const confirms = ops.filter((o): o is ConfirmOp => o.kind === 'confirm');
  const confirmed = (
    await applyMoves(
      tx,
      g,
      confirms.map((c): MoveRequest => ({
        name: 'authorize',
        memberId: c.memberId,
        set: { ...(c.paymentIntentId ? { paymentIntentId: c.paymentIntentId } : {}), ...c.set },
        captureBefore: c.captureBefore,
      })),
      now,
    )
  ).map((m) => m.member);

  // 2. Reserves, one primary per buyer (one live membership per buyer: a buyer's second request shares it).
  const reserves = ops.filter((o): o is ReserveOp => o.kind === 'reserve');
  const primaries: ReserveOp[] = [];
  for (const r of reserves) if (!primaries.some((p) => p.userId === r.userId)) primaries.push(r);
  let closed: DomainError | null = null;
  if (g.status !== 'open') closed = new DomainError('GROUP_CLOSED', 'group.closedNoJoin');
  else if (now.getTime() >= g.deadline.getTime()) closed = new DomainError('GROUP_CLOSED', 'group.timeUp');
  else if (g.dealStatus !== 'active') closed = new DomainError('GROUP_CLOSED', 'group.dealPaused');

  const inviteCodes = [...new Set(primaries.flatMap((r) => (r.inviteCode ? [r.inviteCode] : [])))];
  const inviters =
    inviteCodes.length && !closed
      ? await tx
          .select({ id: members.id, inviteCode: members.inviteCode })
          .from(members)
          .where(
            and(
              eq(members.groupId, groupId),
              inArray(members.inviteCode, inviteCodes),
              inArray(members.status, [...LIVE_STATUSES]),
            ),
          )
      : [];
  const inviterOf = (r: ReserveOp) =>
    r.inviteCode ? (inviters.find((i) => i.inviteCode === r.inviteCode)?.id ?? null) : null;

  // Pickup points with a capacity: their places across the deal are counted under a lock per point.
  const limited = closed
    ? []
    : primaries.flatMap((r) =>
        r.pickupCapacity !== null && r.order.pickupPointId ? [r.order.pickupPointId] : [],
      );
  const placesTaken = await lockPickupPlaces(tx, g.dealId, limited);

  let seats = g.seatsTaken;
  let stockTaken = g.stock?.taken ?? 0;
  const decisions = primaries.map((r): DomainError | null => {
    if (closed) return closed;
    if (r.quantity > g.perBuyerMax) {
      return new DomainError(
        'INVALID_INPUT',
        'group.perBuyerMax',
        { max: g.perBuyerMax },
        { quantity: { key: 'group.perBuyerMaxField', values: { max: g.perBuyerMax } } },
      );
    }
    if (seats >= g.maxMembers) return new DomainError('GROUP_FULL', 'group.full');
    if (!inviterOf(r) && seats >= g.qrCutoff) return new DomainError('INVITE_ONLY', 'group.inviteOnly');
    if (g.stock && stockTaken + r.quantity > g.stock.limit) {
      const left = Math.max(0, g.stock.limit - stockTaken);
      return new DomainError(
        'OUT_OF_STOCK',
        left === 0 ? 'group.soldOut' : 'group.onlyLeft',
        { left },
        { quantity: { key: 'group.onlyLeftField', values: { left } } },
      );
    }
    const point = r.pickupCapacity !== null ? r.order.pickupPointId : null;
    if (point !== null && r.pickupCapacity !== null) {
      const taken = placesTaken.get(point) ?? 0;
      if (taken >= r.pickupCapacity) {
        return new DomainError('CONFLICT', 'order.pickupPointFull', undefined, {
          'fulfilment.pickupPointId': { key: 'order.pickupPointFull' },
        });
      }
      placesTaken.set(point, taken + 1);
    }
    seats += 1;
    stockTaken += r.quantity;
    return null;
  });

  // The price a joiner is shown and held at: the price at the confirmed count, after this batch's confirms.
  const price = unitPriceAt(g.tiers, g.confirmedCount);
  const expiresAt = new Date(now.getTime() + RESERVATION_MS);
  const granted = primaries.filter((_, i) => decisions[i] === null);
  const inserted = (
    await applyMoves(
      tx,
      g,
      granted.map((r): MoveRequest => ({
        name: 'reserve',
        values: {
          userId: r.userId,
          alias: r.alias,
          quantity: r.quantity,
          unitPriceAtJoin: price,
          shippingAmount: r.shippingAmount,
          holdAmount: holdWithShipping(price, r.quantity, r.shippingAmount),
          inviteCode: randomCode(10),
          invitedByMemberId: inviterOf(r),
          channel: r.channel,
          locale: r.locale ?? DEFAULT_LOCALE,
          idempotencyKey: r.idempotencyKey,
          paymentKind: r.payNow ? 'paid_now' : g.paymentMode === 'save_card' ? 'saved_card' : 'hold',
          // Connect: every payment of the group is a destination charge to the shop's account at open.
          destinationAccountId: g.payeeAccountId,
          reservedAt: now,
          expiresAt,
        },
      })),
      now,
    )
  ).map((m) => m.member);
  // Each new member's order, in the transaction of its reserve.
  await insertOrders(
    tx,
    { id: g.id, dealId: g.dealId },
    inserted.flatMap((m) => {
      const r = granted.find((x) => x.userId === m.userId);
      return r ? [{ memberId: m.id, order: r.order }] : [];
    }),
    now,
  );
  const others = primaries.filter((r) => !inserted.some((m) => m.userId === r.userId));
  const existing = others.length
    ? await tx
        .select()
        .from(members)
        .where(
          and(
            eq(members.groupId, groupId),
            or(
              inArray(
                members.idempotencyKey,
                others.map((r) => r.idempotencyKey),
              ),
              and(
                inArray(
                  members.userId,
                  others.map((r) => r.userId),
                ),
                inArray(members.status, [...LIVE_STATUSES]),
              ),
            ),
          ),
        )
    : [];
  const { seatsTaken, confirmedCount } = g;

  // 4. Answers.
  const progress = progressOf(g, seatsTaken, confirmedCount);
  const hold: HoldContext = { dealId: g.dealId, code: g.code, title: g.title, currency: g.currency };
  const confirmIds = confirms.map((c) => c.memberId).filter((id) => !confirmed.some((m) => m.id === id));
  const confirmOthers = confirmIds.length
    ? await tx.select().from(members).where(inArray(members.id, confirmIds))
    : [];
  const reserveOutcome = (r: ReserveOp): ReserveOutcome => {
    const mine = inserted.find((m) => m.userId === r.userId);
    if (mine) return { kind: 'reserved', member: mine, hold, progress };
    const byKey = existing.find((m) => m.idempotencyKey === r.idempotencyKey);
    if (byKey && byKey.userId !== r.userId) {
      return {
        kind: 'refused',
        error: new DomainError('CONFLICT', 'group.requestUsed'),
      };
    }
    const found = byKey ?? existing.find((m) => m.userId === r.userId && isLive(m.status));
    if (found) return { kind: 'existing', member: found, hold, progress };
    const primary = primaries.findIndex((p) => p.userId === r.userId);
    return {
      kind: 'refused',
      error: decisions[primary] ?? new DomainError('CONFLICT', 'group.seatFailed'),
    };
  };
  return ops.map((op): Outcome => {
    if (op.kind === 'reserve') return reserveOutcome(op);
    const m =
      confirmed.find((c) => c.id === op.memberId) ?? confirmOthers.find((c) => c.id === op.memberId) ?? null;
    if (m && m.status === 'authorized') return { kind: 'authorized', member: m, progress };
    return { kind: g.status === 'open' ? 'not_reserved' : 'group_closed', member: m, progress };
  });
}
