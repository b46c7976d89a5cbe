// A group open for joining and a join as the live pages see it, shared by the live tests and the live
// benchmarks (tools/bench/live.ts, tools/bench/room.ts). Edit when a join writes more than these rows.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { deals, groups, members } from '@/db/schema';
import { recordEvent } from '@/server/events/record-event';

type Tier = { minMembers: number; unitPrice: number };

/** What differs between callers; the rest (USD, list price 1500, active, 2 to tip, 3 per buyer) is fixed. */
export type OpenGroupSpec = {
  deal: Omit<typeof deals.$inferInsert, 'currency' | 'listPrice' | 'status' | 'tiers'>;
  tiers: Tier[];
  group: { maxMembers: number; qrCutoff: number; deadline: Date };
};

/** Inserts an active deal and one group of it with a random code (no event: callers record group.opened). */
export async function insertOpenGroup(
  db: Db,
  spec: OpenGroupSpec,
): Promise<{ dealId: string; groupId: string; code: string }> {
  const [d] = await db
    .insert(deals)
    .values({ ...spec.deal, currency: 'USD', listPrice: 1500, tiers: spec.tiers, status: 'active' })
    .returning({ id: deals.id });
  if (!d) throw new Error('deal insert failed');
  const code = randomBytes(5).toString('hex');
  const [g] = await db
    .insert(groups)
    .values({
      code,
      dealId: d.id,
      currency: 'USD',
      listPrice: 1500,
      tiers: spec.tiers,
      minMembers: 2,
      perBuyerMax: 3,
      ...spec.group,
    })
    .returning({ id: groups.id });
  if (!g) throw new Error('group insert failed');
  return { dealId: d.id, groupId: g.id, code };
}

/** What a join does to the page: a member row, the counters, an event, in one transaction; returns the event id. */
export async function commitJoin(
  db: Db,
  group: { groupId: string; dealId: string },
  userId: string,
  alias: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .insert(members)
      .values({
        groupId: group.groupId,
        userId,
        alias,
        quantity: 1,
        status: 'authorized',
        unitPriceAtJoin: 1000,
        holdAmount: 1000,
        inviteCode: randomBytes(6).toString('hex'),
      })
      .returning({ id: members.id });
    await tx
      .update(groups)
      .set({ seatsTaken: sql`${groups.seatsTaken} + 1`, confirmedCount: sql`${groups.confirmedCount} + 1` })
      .where(eq(groups.id, group.groupId));
    return recordEvent(tx, {
      type: 'member.authorized',
      groupId: group.groupId,
      dealId: group.dealId,
      memberId: m?.id ?? null,
    });
  });
}
