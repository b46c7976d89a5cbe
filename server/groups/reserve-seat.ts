// Reserve: the only step of a join that touches the group's counter row.
//
// Technique (measured with `npm run bench:join`): group commit. Every join for a group in this process
// goes through a per-group batcher; while one batch's transaction runs, newcomers queue and then run
// together as the next batch. One batch = one short transaction that locks the group row once
// (SELECT ... FOR UPDATE), decides every request in memory (status, deadline, DESIGN rule 6, capacity,
// stock), inserts the granted members in one statement, bumps seats_taken once, and writes all events and
// expiry jobs in bulk. Under load the row lock is taken once per batch instead of once per join, so a viral
// group's joins do not queue on one row; a lone join runs at once. Several app processes each batch on
// their own and still serialize on the row lock, so capacity holds under any concurrency. Seat rows
// claimed with FOR UPDATE SKIP LOCKED would avoid the lock too, but would add a row per seat and still need
// the counters the page reads; the plain conditional UPDATE per join (the naive ceiling) was the slowest.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { holdAmount, unitPriceAt } from '@/server/pricing';
import { addJobs } from './add-jobs';
import { createKeyedBatcher } from './keyed-batcher';
import { randomCode } from './random-code';
import { recordEvents } from './record-events';

/** How long a seat is kept for a buyer whose card hold is not yet confirmed. */
export const RESERVATION_MS = 15 * 60 * 1000;

export type Member = typeof members.$inferSelect;

export type ReserveRequest = {
  dealId: string;
  /** The deal limits stock: lock its row too. */
  stockTracked: boolean;
  userId: string;
  alias: string;
  quantity: number;
  idempotencyKey: string;
  /** The member whose personal invite code the buyer used (rule 6), or null for the plain link. */
  invitedByMemberId: string | null;
  channel: string | null;
};

export type ReserveOutcome =
  | { kind: 'reserved'; member: Member }
  | { kind: 'existing'; member: Member }
  | { kind: 'refused'; error: DomainError };

const LIVE = ['reserved', 'authorized', 'captured'] as const;

type Batch = (groupId: string, req: ReserveRequest) => Promise<ReserveOutcome>;
const batchers = new WeakMap<Deps, Batch>();

/** Reserves a seat in a group for one buyer (batched with concurrent joins of the same group). */
export function reserveSeat(deps: Deps, groupId: string, req: ReserveRequest): Promise<ReserveOutcome> {
  let batch = batchers.get(deps);
  if (!batch) {
    batch = createKeyedBatcher<ReserveRequest, ReserveOutcome>((key, reqs) => runBatch(deps, key, reqs));
    batchers.set(deps, batch);
  }
  return batch(groupId, req);
}

async function runBatch(deps: Deps, groupId: string, reqs: ReserveRequest[]): Promise<ReserveOutcome[]> {
  // One live membership per buyer: a buyer's second request in the same batch shares the first one's outcome.
  const primaries: ReserveRequest[] = [];
  const byUser = new Map<string, number>();
  const slots = reqs.map((r) => {
    let i = byUser.get(r.userId);
    if (i === undefined) {
      i = primaries.length;
      primaries.push(r);
      byUser.set(r.userId, i);
    }
    return i;
  });
  const outcomes = await deps.db.transaction((tx) => reserveInTx(deps, tx, groupId, primaries));
  return slots.map((i) => outcomes[i] ?? { kind: 'refused', error: new DomainError('CONFLICT', 'Please try again.') });
}

async function reserveInTx(deps: Deps, tx: Tx, groupId: string, reqs: ReserveRequest[]): Promise<ReserveOutcome[]> {
  const now = deps.now();
  const first = reqs[0];
  if (!first) return [];
  // Lock order everywhere: deal (only when it tracks stock), then group, then members.
  let stock: { stock: number | null; stockTaken: number } | null = null;
  if (reqs.some((r) => r.stockTracked)) {
    const [d] = await tx
      .select({ stock: deals.stock, stockTaken: deals.stockTaken })
      .from(deals)
      .where(eq(deals.id, first.dealId))
      .for('update');
    stock = d ?? null;
  }
  const [g] = await tx
    .select({
      status: groups.status,
      deadline: groups.deadline,
      seatsTaken: groups.seatsTaken,
      confirmedCount: groups.confirmedCount,
      maxMembers: groups.maxMembers,
      qrCutoff: groups.qrCutoff,
      tiers: groups.tiers,
      dealStatus: deals.status,
    })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(groups.id, groupId))
    .for('update', { of: groups });
  if (!g) return reqs.map(() => ({ kind: 'refused', error: new DomainError('NOT_FOUND', 'We could not find this group. Check the link.') }));

  let closed: DomainError | null = null;
  if (g.status !== 'open') closed = new DomainError('GROUP_CLOSED', 'This group has closed, so it is not taking new members.');
  else if (now.getTime() >= g.deadline.getTime()) closed = new DomainError('GROUP_CLOSED', "This group's time is up, so it is not taking new members.");
  else if (g.dealStatus !== 'active') closed = new DomainError('GROUP_CLOSED', 'The merchant has paused this deal, so groups are not taking new members right now.');

  // Decide each request in arrival order against the locked counters.
  let seats = g.seatsTaken;
  let stockTaken = stock?.stockTaken ?? 0;
  const decisions = reqs.map((r): DomainError | null => {
    if (closed) return closed;
    if (seats >= g.maxMembers) return new DomainError('GROUP_FULL', 'This group is full. Open a new group on this deal, or join another one.');
    if (!r.invitedByMemberId && seats >= g.qrCutoff) {
      return new DomainError('INVITE_ONLY', 'This group is now invite-only; ask a member for their personal link.');
    }
    if (stock && stock.stock !== null && stockTaken + r.quantity > stock.stock) {
      const left = Math.max(0, stock.stock - stockTaken);
      return new DomainError('OUT_OF_STOCK', left === 0 ? 'Sorry, this deal is sold out.' : `Sorry, only ${left} left. Choose a smaller quantity.`, { quantity: `Only ${left} left.` });
    }
    seats += 1;
    stockTaken += r.quantity;
    return null;
  });

  const price = unitPriceAt(g.tiers, g.confirmedCount);
  const expiresAt = new Date(now.getTime() + RESERVATION_MS);
  const granted = reqs.filter((_, i) => decisions[i] === null);
  // ON CONFLICT DO NOTHING: a buyer who already holds a live membership, or a retried idempotency key,
  // inserts nothing here and is answered with the existing membership below.
  const inserted = granted.length
    ? await tx
        .insert(members)
        .values(
          granted.map((r) => ({
            groupId,
            userId: r.userId,
            alias: r.alias,
            quantity: r.quantity,
            status: 'reserved' as const,
            unitPriceAtJoin: price,
            holdAmount: holdAmount(price, r.quantity),
            inviteCode: randomCode(10),
            invitedByMemberId: r.invitedByMemberId,
            channel: r.channel,
            idempotencyKey: r.idempotencyKey,
            reservedAt: now,
            expiresAt,
            updatedAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning()
    : [];
  const insertedByUser = new Map(inserted.map((m) => [m.userId, m]));

  // Everyone not inserted may already be a member (a retry, a second tap): look them up in one query.
  const others = reqs.filter((r) => !insertedByUser.has(r.userId));
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
                inArray(members.status, [...LIVE]),
              ),
            ),
          ),
        )
    : [];

  if (inserted.length > 0) {
    const qty = inserted.reduce((s, m) => s + m.quantity, 0);
    if (stock && stock.stock !== null) {
      await tx.update(deals).set({ stockTaken: sql`${deals.stockTaken} + ${qty}` }).where(eq(deals.id, first.dealId));
    }
    await tx
      .update(groups)
      .set({ seatsTaken: sql`${groups.seatsTaken} + ${inserted.length}`, updatedAt: now })
      .where(eq(groups.id, groupId));
    let n = g.seatsTaken;
    await recordEvents(
      tx,
      inserted.map((m) => ({
        type: 'member.reserved',
        dealId: first.dealId,
        groupId,
        memberId: m.id,
        payload: { alias: m.alias, quantity: m.quantity, unitPriceAtJoin: m.unitPriceAtJoin, seatsTaken: ++n, invited: m.invitedByMemberId !== null, channel: m.channel },
      })),
    );
    await addJobs(
      tx,
      inserted.map((m) => ({ task: 'expire-reservation', payload: { memberId: m.id }, jobKey: `expire-reservation:${m.id}`, runAt: expiresAt })),
    );
  }

  return reqs.map((r, i): ReserveOutcome => {
    const mine = insertedByUser.get(r.userId);
    if (mine) return { kind: 'reserved', member: mine };
    const byKey = existing.find((m) => m.idempotencyKey === r.idempotencyKey);
    if (byKey && byKey.userId !== r.userId) {
      return { kind: 'refused', error: new DomainError('CONFLICT', 'This request was already used. Please reload the page and try again.') };
    }
    const found = byKey ?? existing.find((m) => m.userId === r.userId && (LIVE as readonly string[]).includes(m.status));
    if (found) return { kind: 'existing', member: found };
    return { kind: 'refused', error: decisions[i] ?? new DomainError('CONFLICT', 'We could not reserve your seat. Please try again.') };
  });
}
