// The one function that moves members (membership.ts is the table it follows). Every join, hold, leave,
// expiry, close, settlement and payment webhook changes a member's status here, in the caller's
// transaction, under the lock order group → deal → members; the group's counters, the deal's stock, the
// events and the scheduled close follow from the table, so they always agree with the member rows.
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, members } from '@/db/schema';
import { recordEvents, type EventInput } from '@/server/events/record-event';
import { addJob, addJobs } from '@/server/jobs/add-job';
import { closeGroupJobKey, expireReservationJobKey } from '@/server/jobs/job-keys';
import { notifyMemberMoves } from '@/server/notifications/notify-member-moves';
import { followMemberMoves } from '@/server/orders/order-rows';
import { followRoomMoves } from '@/server/rooms/follow-room-moves';
import { currentTierIndex, unitPriceAt } from '@/server/pricing';
import { MOVES, PHASE_GROUP_STATUSES, stockChange, type MoveName } from './membership';
import type { DealStatus } from '@/db/schema';

/** How long before a hold's capture-before time the group must close (clock drift, queue delay, retries). */
export const HOLD_EXPIRY_MARGIN_MS = 12 * 3600 * 1000;

export type Member = typeof members.$inferSelect;
type NewMember = typeof members.$inferInsert;

/** A group row locked for moves, with its deal's terms; applyMoves keeps its counters and times current. */
export type LockedGroup = typeof groups.$inferSelect & {
  dealStatus: DealStatus;
  title: string;
  /** The deal's stock limit and units taken (its row is locked too), or null when it does not count stock. */
  stock: { limit: number; taken: number } | null;
};

/** Locks a group, then its deal when the deal counts stock: the lock order of every member move. */
export async function lockGroupForMoves(tx: Tx, groupId: string): Promise<LockedGroup | null> {
  const [row] = await tx
    .select({ g: groups, dealStatus: deals.status, title: deals.title, stock: deals.stock })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(groups.id, groupId))
    .for('update', { of: groups });
  if (!row) return null;
  let stock: LockedGroup['stock'] = null;
  if (row.stock !== null) {
    const [d] = await tx
      .select({ limit: deals.stock, taken: deals.stockTaken })
      .from(deals)
      .where(eq(deals.id, row.g.dealId))
      .for('update');
    stock = d && d.limit !== null ? { limit: d.limit, taken: d.taken } : null;
  }
  return { ...row.g, dealStatus: row.dealStatus, title: row.title, stock };
}

/** Fields a move may set on the member besides its status. */
export type MoveFields = {
  paymentIntentId?: string;
  failureReason?: string | null;
  chargeAmount?: number;
  /** paid_now: what went back to the buyer with the settlement (the difference to the final price). */
  refundedAmount?: number;
  /** saved_card: the customer, SetupIntent and card saved at join. */
  stripeCustomerId?: string;
  setupIntentId?: string;
  paymentMethodId?: string;
  /** payment_due: the end of the fix window; the fix's PaymentIntent. */
  dueUntil?: Date | null;
  fixPaymentIntentId?: string | null;
};

// Text fields a move may set: each becomes `coalesce(<value for this member>, <current>)`.
const TEXT_FIELDS = [
  ['stripeCustomerId', members.stripeCustomerId],
  ['setupIntentId', members.setupIntentId],
  ['paymentMethodId', members.paymentMethodId],
] as const;

export type MoveRequest =
  | {
      name: Exclude<MoveName, 'reserve'>;
      memberId: string;
      set?: MoveFields;
      /** Extra fields for the move's event. */
      payload?: Record<string, unknown>;
      /** An authorized hold's capture-before time: the group must close well before it. */
      captureBefore?: Date | null;
    }
  | { name: 'reserve'; values: Omit<NewMember, 'groupId' | 'status'>; payload?: Record<string, unknown> };

export type Moved = { name: MoveName; member: Member };

/**
 * Applies `requests` to members of `g` (locked with lockGroupForMoves in this transaction). A request whose
 * member is not in the move's from-status, or whose group is not in a status the move's phase allows, moves
 * nobody: that guard is what makes every move happen once. A reserve that hits a unique index (the buyer's
 * live membership, a reused idempotency key) inserts nothing. Returns the members that moved.
 */
export async function applyMoves(
  tx: Tx,
  g: LockedGroup,
  requests: MoveRequest[],
  now: Date,
): Promise<Moved[]> {
  const moved: Moved[] = [];
  const byName = new Map<MoveName, MoveRequest[]>();
  for (const r of requests) {
    if (!(PHASE_GROUP_STATUSES[MOVES[r.name].phase] as readonly string[]).includes(g.status)) continue;
    byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  }
  for (const [name, reqs] of byName) {
    const rows =
      name === 'reserve' ? await insertReserved(tx, g, reqs, now) : await update(tx, g, name, reqs, now);
    for (const member of rows) moved.push({ name, member });
  }
  if (moved.length === 0) return moved;

  // Counters as absolute values (the group row is locked); stock as one relative change.
  const before = { seatsTaken: g.seatsTaken, confirmedCount: g.confirmedCount };
  const evts: EventInput[] = [];
  let stock = 0;
  for (const { name, member } of moved) {
    const mv = MOVES[name];
    g.seatsTaken += mv.seats;
    g.confirmedCount += mv.confirmed;
    stock += stockChange(mv, member.quantity);
    const req = requests.find((r) =>
      'memberId' in r ? r.memberId === member.id : r.values.userId === member.userId,
    );
    evts.push({
      type: mv.event,
      dealId: g.dealId,
      groupId: g.id,
      memberId: member.id,
      payload: { ...eventBase(g, name, member), ...(req?.payload ?? {}) },
    });
  }
  if (g.seatsTaken !== before.seatsTaken || g.confirmedCount !== before.confirmedCount) {
    await tx
      .update(groups)
      .set({ seatsTaken: g.seatsTaken, confirmedCount: g.confirmedCount, updatedAt: now })
      .where(eq(groups.id, g.id));
  }
  if (g.stock && stock !== 0) {
    g.stock.taken = Math.max(0, g.stock.taken + stock);
    await tx
      .update(deals)
      .set({ stockTaken: sql`greatest(${deals.stockTaken} + ${stock}, 0)` })
      .where(eq(deals.id, g.dealId));
  }
  await recordEvents(tx, evts);
  // The members' orders follow their new statuses in the same transaction (server/orders/order-rows.ts).
  await followMemberMoves(tx, g, moved, now);
  // So does the news they make: receipts, released holds, price drops (server/notifications).
  await notifyMemberMoves(tx, g, moved, before.confirmedCount, now);
  // And the group's room: seats for new members, none for those who left, the joins and brackets said there.
  await followRoomMoves(tx, g, moved, before.confirmedCount, now);

  const reserved = moved.filter((m) => m.name === 'reserve');
  await addJobs(
    tx,
    reserved.flatMap(({ member: m }) =>
      m.expiresAt
        ? [
            {
              task: 'expire-reservation' as const,
              payload: { memberId: m.id },
              jobKey: expireReservationJobKey(m.id),
              runAt: m.expiresAt,
            },
          ]
        : [],
    ),
  );
  // Closing moves leave scheduling to the close; settlements come after it.
  if (g.status === 'open' && moved.every((m) => MOVES[m.name].phase === 'open')) {
    const holds = requests.flatMap((r) =>
      r.name === 'authorize' && r.captureBefore && moved.some((m) => m.member.id === r.memberId)
        ? [r.captureBefore]
        : [],
    );
    await guardDeadline(tx, g, holds, now);
    await scheduleClose(tx, g, now);
  }
  return moved;
}

function eventBase(g: LockedGroup, name: MoveName, m: Member): Record<string, unknown> {
  if (name === 'reserve') {
    return {
      alias: m.alias,
      quantity: m.quantity,
      unitPriceAtJoin: m.unitPriceAtJoin,
      seatsTaken: g.seatsTaken,
      invited: m.invitedByMemberId !== null,
      channel: m.channel,
    };
  }
  if (MOVES[name].phase === 'settle') return { alias: m.alias, quantity: m.quantity };
  return {
    alias: m.alias,
    quantity: m.quantity,
    confirmedCount: g.confirmedCount,
    unitPrice: unitPriceAt(g.tiers, g.confirmedCount),
    tierIndex: currentTierIndex(g.tiers, g.confirmedCount),
  };
}

async function insertReserved(tx: Tx, g: LockedGroup, reqs: MoveRequest[], now: Date): Promise<Member[]> {
  const values = reqs.flatMap((r) =>
    r.name === 'reserve' ? [{ ...r.values, groupId: g.id, status: 'reserved' as const, updatedAt: now }] : [],
  );
  if (values.length === 0) return [];
  // ON CONFLICT DO NOTHING: a buyer who already has a live membership, or a retried idempotency key, inserts nothing.
  return tx.insert(members).values(values).onConflictDoNothing().returning();
}

async function update(
  tx: Tx,
  g: LockedGroup,
  name: Exclude<MoveName, 'reserve'>,
  reqs: MoveRequest[],
  now: Date,
): Promise<Member[]> {
  const mv = MOVES[name];
  const ids = [...new Set(reqs.flatMap((r) => ('memberId' in r ? [r.memberId] : [])))];
  // Per-member values travel as one JSON object keyed by member id, so a batch is still one statement.
  const field = (key: keyof MoveFields) => {
    const entries = reqs.flatMap((r) =>
      'memberId' in r && r.set && key in r.set ? [[r.memberId, r.set[key] ?? null]] : [],
    );
    return entries.length ? JSON.stringify(Object.fromEntries(entries)) : null;
  };
  const pis = field('paymentIntentId');
  const reasons = field('failureReason');
  const charges = field('chargeAmount');
  const refunds = field('refundedAmount');
  const dues = field('dueUntil');
  const fixes = field('fixPaymentIntentId');
  const texts = Object.fromEntries(
    TEXT_FIELDS.flatMap(([key, column]) => {
      const v = field(key);
      return v ? [[key, sql`coalesce(${v}::jsonb ->> ${members.id}::text, ${column})`]] : [];
    }),
  );
  const settles = mv.phase === 'settle';
  return tx
    .update(members)
    .set({
      status: mv.to,
      updatedAt: now,
      ...(pis
        ? {
            paymentIntentId: sql`coalesce(${pis}::jsonb ->> ${members.id}::text, ${members.paymentIntentId})`,
          }
        : {}),
      ...(reasons
        ? {
            failureReason: sql`case when ${reasons}::jsonb ? ${members.id}::text then ${reasons}::jsonb ->> ${members.id}::text else ${members.failureReason} end`,
          }
        : {}),
      ...(charges
        ? {
            chargeAmount: sql`coalesce((${charges}::jsonb ->> ${members.id}::text)::int, ${members.chargeAmount})`,
          }
        : {}),
      ...(refunds
        ? {
            refundedAmount: sql`coalesce((${refunds}::jsonb ->> ${members.id}::text)::int, ${members.refundedAmount})`,
          }
        : {}),
      // These two may be cleared: a key present with null sets null.
      ...(dues
        ? {
            dueUntil: sql`case when ${dues}::jsonb ? ${members.id}::text then (${dues}::jsonb ->> ${members.id}::text)::timestamptz else ${members.dueUntil} end`,
          }
        : {}),
      ...(fixes
        ? {
            fixPaymentIntentId: sql`case when ${fixes}::jsonb ? ${members.id}::text then ${fixes}::jsonb ->> ${members.id}::text else ${members.fixPaymentIntentId} end`,
          }
        : {}),
      ...texts,
      ...(mv.to === 'authorized' ? { authorizedAt: now } : {}),
      ...(mv.to === 'left' ? { leftAt: now } : {}),
      ...(settles ? { settledAt: now } : {}),
    })
    .where(
      and(
        eq(members.groupId, g.id),
        inArray(members.id, ids),
        eq(members.status, mv.from),
        // Only a member whose capture failed at settlement can turn out captured (not one declined at join).
        ...(name === 'captureConfirmed' ? [isNotNull(members.settledAt)] : []),
      ),
    )
    .returning();
}

/**
 * Keeps an open group's deadline at or before its oldest hold's capture-before − margin (DESIGN rule 8):
 * moves the deadline earlier when needed, never later.
 */
async function guardDeadline(tx: Tx, g: LockedGroup, captureBefore: Date[], now: Date): Promise<void> {
  if (captureBefore.length === 0) return;
  const oldest = Math.min(...captureBefore.map((d) => d.getTime()));
  const latest = new Date(oldest - HOLD_EXPIRY_MARGIN_MS);
  if (g.deadline.getTime() <= latest.getTime()) return;
  g.deadline = latest;
  await tx.update(groups).set({ deadline: latest, updatedAt: now }).where(eq(groups.id, g.id));
  await recordEvents(tx, [
    {
      type: 'group.deadline_moved',
      dealId: g.dealId,
      groupId: g.id,
      payload: { deadline: latest.toISOString(), reason: 'hold_expiry' },
    },
  ]);
}

/** The close runs at the deadline, or now once every seat is confirmed (DESIGN rule 8); reschedules on change. */
async function scheduleClose(tx: Tx, g: LockedGroup, now: Date): Promise<void> {
  const full = g.confirmedCount >= g.maxMembers;
  const at = full && now < g.deadline ? now : g.deadline;
  if (g.closeAt && g.closeAt.getTime() === at.getTime()) return;
  // A full group keeps the close it already has if that comes sooner.
  if (full && g.closeAt && g.closeAt <= at) return;
  g.closeAt = at;
  await tx.update(groups).set({ closeAt: at }).where(eq(groups.id, g.id));
  await addJob(
    tx,
    'close-group',
    { groupId: g.id, reason: full ? 'full' : 'deadline' },
    { jobKey: closeGroupJobKey(g.id), runAt: at },
  );
}
