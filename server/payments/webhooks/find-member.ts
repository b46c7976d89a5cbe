import { eq, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { groups, members } from '@/db/schema';

export type MemberWithGroup = { m: typeof members.$inferSelect; g: typeof groups.$inferSelect };

async function lockedMember(tx: Tx, where: SQL): Promise<MemberWithGroup | undefined> {
  const [peek] = await tx
    .select({ id: members.id, groupId: members.groupId })
    .from(members)
    .where(where)
    .limit(1);
  if (!peek) return undefined;
  // Lock order everywhere is group, then deal, then members (joins, leaves and closes lock the group
  // first); locking the member first here deadlocked with a join confirming the same member.
  await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, peek.groupId)).for('update');
  const rows = await tx
    .select({ m: members, g: groups })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(eq(members.id, peek.id))
    .for('update', { of: members });
  return rows[0];
}

/** The member holding PaymentIntent `paymentIntentId` (or named by its metadata), row-locked, with its group. */
export async function findMemberForIntent(
  tx: Tx,
  paymentIntentId: string,
  metadataMemberId?: string | null,
): Promise<MemberWithGroup | null> {
  const byPi = await lockedMember(tx, eq(members.paymentIntentId, paymentIntentId));
  if (byPi) return byPi;
  // The synchronous path may have died before it stored the PaymentIntent id: the hold's metadata names the member.
  if (!metadataMemberId || !/^[0-9a-f-]{36}$/i.test(metadataMemberId)) return null;
  const found = await lockedMember(tx, eq(members.id, metadataMemberId));
  if (!found || (found.m.paymentIntentId && found.m.paymentIntentId !== paymentIntentId)) return null;
  return found;
}
