import { and, eq, isNull } from 'drizzle-orm';
import { deals, groups, rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { addJob } from '@/server/jobs/add-job';
import { closeGroupJobKey } from '@/server/jobs/job-keys';
import { minimumMembers, paymentModeFor } from '@/server/pricing';
import { appendRoomMessage } from '@/server/rooms/append-message';
import { ensureGroupRoom } from '@/server/rooms/ensure-group-room';
import { systemLine } from '@/server/rooms/follow-room-moves';
import type { SessionUser } from '@/server/auth/session-user';
import { canTakePayments, findAccount } from '@/server/payouts/accounts';
import { randomCode } from './random-code';

export type OpenedGroup = { id: string; code: string; url: string; deadline: Date };

/**
 * Opens a group on an active deal (a shopper, or the deal's merchant) and schedules its close at the deadline;
 * its room opens with it. From a community of the deal's shop (`fromRoomCode`), the group is announced there.
 */
export async function openGroup(
  deps: Deps,
  actor: SessionUser | { merchantId: string },
  input: { dealId: string; fromRoomCode?: string },
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
    const community = input.fromRoomCode
      ? await tx
          .select()
          .from(rooms)
          .where(
            and(
              eq(rooms.code, input.fromRoomCode),
              eq(rooms.kind, 'community'),
              eq(rooms.merchantId, deal.merchantId),
              isNull(rooms.archivedAt),
            ),
          )
          .for('update')
          .then((r) => r[0] ?? null)
      : null;
    if (input.fromRoomCode && !community) throw new DomainError('NOT_FOUND', 'community.notFound');
    // Connect: the group's payments go to the shop's account; a shop whose account Stripe has since
    // restricted opens no new group until it can be paid again (a shop that never connected keeps its
    // older deals running on the platform's account: payeeAccountId null).
    const account = await findAccount(tx, { kind: 'merchant', merchantId: deal.merchantId });
    if (account && !canTakePayments(account)) throw new DomainError('CONFLICT', 'deal.shopCannotBePaid');
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
        paymentMode: paymentModeFor(deal.windowSeconds),
        openerReward: deal.openerReward,
        commissionBps: deal.commissionBps,
        commissionHoldDays: deal.commissionHoldDays,
        payeeAccountId: account?.id ?? null,
        openedAt: now,
        deadline,
        closeAt: deadline,
        fromRoomId: community?.id ?? null,
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
    await ensureGroupRoom(tx, { id: g.id, dealId: deal.id });
    if (community)
      await appendRoomMessage(tx, community, systemLine('groupOpened', { title: deal.title, code: g.code }));
    return { id: g.id, code: g.code, url: `${deps.appUrl}/g/${g.code}`, deadline: g.deadline };
  });
}
