// Confirm: a member whose card hold is authorized starts counting toward the tier. Batched per group like
// the reserve (reserve-seat.ts explains why): one transaction locks the group row once for every hold
// that came back while the previous batch ran.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { addJob } from '@/server/jobs/add-job';
import { currentTierIndex, unitPriceAt } from '@/server/pricing';
import { createKeyedBatcher } from './keyed-batcher';
import { recordEvents } from './record-events';
import type { Member } from './reserve-seat';

export type ConfirmOutcome =
  /** The member is authorized (now, or already was). */
  | { kind: 'authorized'; member: Member }
  /** The member is no longer reserved (expired, left, failed): the hold must be released. */
  | { kind: 'not_reserved'; member: Member | null }
  /** The group stopped taking members before the hold came back: the hold must be released. */
  | { kind: 'group_closed'; member: Member | null };

type ConfirmRequest = { memberId: string; paymentIntentId: string };
type Batch = (groupId: string, req: ConfirmRequest) => Promise<ConfirmOutcome>;
const batchers = new WeakMap<Deps, Batch>();

/** Marks a reserved member authorized and counts them toward the tier (DESIGN rule 3), batched per group. */
export function confirmAuthorized(deps: Deps, groupId: string, memberId: string, paymentIntentId: string): Promise<ConfirmOutcome> {
  let batch = batchers.get(deps);
  if (!batch) {
    batch = createKeyedBatcher<ConfirmRequest, ConfirmOutcome>((key, reqs) => deps.db.transaction((tx) => confirmInTx(deps, tx, key, reqs)));
    batchers.set(deps, batch);
  }
  return batch(groupId, { memberId, paymentIntentId });
}

async function confirmInTx(deps: Deps, tx: Tx, groupId: string, reqs: ConfirmRequest[]): Promise<ConfirmOutcome[]> {
  const now = deps.now();
  const ids = [...new Set(reqs.map((r) => r.memberId))];
  const [g] = await tx
    .select({ status: groups.status, confirmedCount: groups.confirmedCount, maxMembers: groups.maxMembers, tiers: groups.tiers, dealId: groups.dealId, deadline: groups.deadline })
    .from(groups)
    .where(eq(groups.id, groupId))
    .for('update');
  if (!g || g.status !== 'open') {
    const rows = await tx.select().from(members).where(inArray(members.id, ids));
    return reqs.map((r) => ({ kind: 'group_closed', member: rows.find((m) => m.id === r.memberId) ?? null }));
  }
  const pis = JSON.stringify(Object.fromEntries(reqs.map((r) => [r.memberId, r.paymentIntentId])));
  const updated = await tx
    .update(members)
    .set({
      status: 'authorized',
      paymentIntentId: sql`(${pis}::jsonb ->> ${members.id}::text)`,
      authorizedAt: now,
      updatedAt: now,
    })
    .where(and(inArray(members.id, ids), eq(members.status, 'reserved')))
    .returning();
  let count = g.confirmedCount;
  if (updated.length > 0) {
    await tx
      .update(groups)
      .set({ confirmedCount: sql`${groups.confirmedCount} + ${updated.length}`, updatedAt: now })
      .where(eq(groups.id, groupId));
    await recordEvents(
      tx,
      updated.map((m) => {
        count += 1;
        return {
          type: 'member.authorized',
          dealId: g.dealId,
          groupId,
          memberId: m.id,
          payload: { alias: m.alias, quantity: m.quantity, confirmedCount: count, unitPrice: unitPriceAt(g.tiers, count), tierIndex: currentTierIndex(g.tiers, count) },
        };
      }),
    );
    // DESIGN rule 8: a full group closes at once (replaces the deadline job with the same key).
    if (g.confirmedCount < g.maxMembers && count >= g.maxMembers) {
      await addJob(tx, 'close-group', { groupId, reason: 'full' }, { jobKey: `close-group:${groupId}`, runAt: now });
    }
  }
  const rest = ids.filter((id) => !updated.some((m) => m.id === id));
  const others = rest.length ? await tx.select().from(members).where(inArray(members.id, rest)) : [];
  return reqs.map((r): ConfirmOutcome => {
    const m = updated.find((u) => u.id === r.memberId) ?? others.find((o) => o.id === r.memberId) ?? null;
    if (m && m.status === 'authorized') return { kind: 'authorized', member: m };
    return { kind: 'not_reserved', member: m };
  });
}
