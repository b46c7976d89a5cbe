import { eq } from 'drizzle-orm';
import { deals, groups } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { addJob } from '@/server/jobs/add-job';
import { closeGroupJobKey } from '@/server/jobs/job-keys';
import { minimumMembers } from '@/server/pricing';
import type { SessionUser } from '@/server/auth/session-user';
import { randomCode } from './random-code';

export type OpenedGroup = { id: string; code: string; url: string; deadline: Date };

/** Opens a group on an active deal (a shopper, or the deal's merchant) and schedules its close at the deadline. */
export async function openGroup(
  deps: Deps,
  actor: SessionUser | { merchantId: string },
  input: { dealId: string },
): Promise<OpenedGroup> {
  return deps.db.transaction(async (tx) => {
    const [deal] = await tx.select().from(deals).where(eq(deals.id, input.dealId));
    if (!deal) throw new DomainError('NOT_FOUND', 'deal.notFound');
    const byMerchant = 'merchantId' in actor;
    if (byMerchant && deal.merchantId !== actor.merchantId)
      throw new DomainError('FORBIDDEN', 'deal.merchantOnlyOpen');
    if (deal.status !== 'active') {
      throw new DomainError('CONFLICT', deal.status === 'paused' ? 'deal.paused' : 'deal.unavailable');
    }
    const now = deps.now();
    const deadline = new Date(now.getTime() + deal.windowSeconds * 1000);
    // 50 random bits: a collision is astronomically unlikely, but the unique index has the last word.
    const [g] = await tx
      .insert(groups)
      .values({
        code: randomCode(10),
        dealId: deal.id,
        openedByUserId: byMerchant ? null : actor.id,
        openedByMerchant: byMerchant ? 1 : 0,
        status: 'open',
        currency: deal.currency,
        listPrice: deal.listPrice,
        tiers: deal.tiers,
        minMembers: minimumMembers(deal.tiers),
        maxMembers: deal.maxMembers,
        qrCutoff: deal.qrCutoff,
        perBuyerMax: deal.perBuyerMax,
        openedAt: now,
        deadline,
        closeAt: deadline,
        updatedAt: now,
      })
      .returning({ id: groups.id, code: groups.code, deadline: groups.deadline });
    if (!g) throw new Error('group insert returned no row');
    await addJob(tx, 'close-group', { groupId: g.id }, { jobKey: closeGroupJobKey(g.id), runAt: deadline });
    await recordEvent(tx, {
      type: 'group.opened',
      dealId: deal.id,
      groupId: g.id,
      payload: { code: g.code, deadline: deadline.toISOString(), byMerchant },
    });
    return { id: g.id, code: g.code, url: `${deps.appUrl}/g/${g.code}`, deadline: g.deadline };
  });
}
