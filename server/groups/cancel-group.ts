import { and, eq, inArray } from 'drizzle-orm';
import { members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { catalogWord, DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { notifyMember } from '@/server/notifications/notify-member';
import { closeGroup } from './close-group';
import { getMerchantGroupOrThrow } from './get-merchant-group-or-throw';

/**
 * The merchant cancels an open group: nobody is charged, every hold is released (by the settle jobs),
 * the group ends canceled, and each member is told (an event each, and a notification to each member
 * who had a hold). Only open groups can be canceled: once a close has started, captures may already have run.
 */
export async function cancelGroup(
  deps: Deps,
  input: { merchantId: string; groupId: string; reason?: string },
): Promise<{ canceled: true; members: number }> {
  const told = await deps.db.transaction(async (tx) => {
    const { g } = await getMerchantGroupOrThrow(tx, input.merchantId, input.groupId, { lock: true });
    if (g.status !== 'open')
      throw new DomainError('GROUP_CLOSED', 'group.alreadyStatusCancel', {
        status: catalogWord(`groupStatus.${g.status}`, g.status),
      });
    const live = await tx
      .select({ id: members.id, status: members.status })
      .from(members)
      .where(and(eq(members.groupId, g.id), inArray(members.status, ['reserved', 'authorized'])));
    const r = await closeGroup(deps, g.id, 'canceled', tx);
    if (!r.closed)
      throw new DomainError('GROUP_CLOSED', 'group.alreadyStatusCancel', {
        status: catalogWord(`groupStatus.${r.status}`, r.status),
      });
    for (const m of live) {
      await recordEvent(tx, {
        type: 'member.group_canceled',
        dealId: g.dealId,
        groupId: g.id,
        memberId: m.id,
        payload: { reason: input.reason ?? null },
      });
      // Members with a hold hear it from the outbox, with the shop's note, in the language they joined in.
      if (m.status === 'authorized')
        await notifyMember(tx, m.id, 'groupCanceled', '', deps.now(), { note: input.reason ?? null });
    }
    return { live };
  });
  return { canceled: true, members: told.live.length };
}
