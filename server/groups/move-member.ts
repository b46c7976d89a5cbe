import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, members } from '@/db/schema';
import { recordEvent } from '../events/record-event';

type MemberStatus = typeof members.$inferSelect.status;

export type MemberMove = {
  memberId: string;
  groupId: string;
  dealId: string;
  /** The move happens only from these statuses (the guard that makes every settlement apply once). */
  from: MemberStatus[];
  to: 'captured' | 'released' | 'failed';
  at: Date;
  chargeAmount?: number;
  failureReason?: string | null;
  event: { type: string; payload: Record<string, unknown> };
};

/**
 * Moves one member to a settled status inside `tx`, with its event, and frees the deal's stock when no
 * sale happened. Returns false (and writes nothing) when the member was not in a `from` status.
 */
export async function moveMember(tx: Tx, mv: MemberMove): Promise<boolean> {
  const done = await tx
    .update(members)
    .set({
      status: mv.to,
      settledAt: mv.at,
      updatedAt: mv.at,
      ...(mv.chargeAmount !== undefined ? { chargeAmount: mv.chargeAmount } : {}),
      ...(mv.failureReason !== undefined ? { failureReason: mv.failureReason } : {}),
    })
    .where(and(eq(members.id, mv.memberId), inArray(members.status, mv.from)))
    .returning({ quantity: members.quantity });
  const row = done[0];
  if (!row) return false;
  if (mv.to !== 'captured') {
    await tx
      .update(deals)
      .set({ stockTaken: sql`greatest(${deals.stockTaken} - ${row.quantity}, 0)` })
      .where(eq(deals.id, mv.dealId));
  }
  await recordEvent(tx, {
    type: mv.event.type,
    dealId: mv.dealId,
    groupId: mv.groupId,
    memberId: mv.memberId,
    payload: mv.event.payload,
  });
  return true;
}
