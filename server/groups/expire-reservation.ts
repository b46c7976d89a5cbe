// Task 'expire-reservation': a seat reserved 15 minutes ago whose card hold never came back is given back.
import { eq } from 'drizzle-orm';
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { deals, groups, members } from '@/db/schema';
import type { Deps } from '../deps';
import { isDomainError } from '../errors';
import { freeSeat } from '../groups/free-seat';
import { applyHoldState, releaseHold } from '../groups/settle-hold';

const payloadSchema = z.object({ memberId: z.uuid() });

/** Expires a member still reserved after its deadline; a hold that did get authorized is confirmed instead. */
export async function expireReservation(
  deps: Deps,
  memberId: string,
): Promise<'expired' | 'confirmed' | 'skipped'> {
  const [row] = await deps.db
    .select({
      member: members,
      dealId: groups.dealId,
      code: groups.code,
      title: deals.title,
      currency: groups.currency,
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(members.id, memberId));
  if (!row || row.member.status !== 'reserved') return 'skipped';
  const { member } = row;
  if (member.expiresAt && member.expiresAt.getTime() > deps.now().getTime()) return 'skipped';
  if (member.paymentIntentId) {
    const hold = await deps.payments.retrieve(member.paymentIntentId);
    if (hold.status === 'authorized') {
      // A confirmation we missed (the buyer closed the tab after 3-D Secure): count it, or release it if too late.
      try {
        await applyHoldState(deps, member, hold, 'verify');
        return 'confirmed';
      } catch (err) {
        if (isDomainError(err, 'GROUP_CLOSED')) return 'expired'; // released and expired by applyHoldState
        throw err;
      }
    }
    if (hold.status !== 'canceled') await releaseHold(deps, member.id, member.paymentIntentId);
  }
  await deps.db.transaction((tx) =>
    freeSeat(tx, {
      memberId,
      from: ['reserved'],
      to: 'expired',
      eventType: 'member.expired',
      failureReason: 'The card hold was not completed in time.',
      now: deps.now(),
    }),
  );
  return 'expired';
}

/** The graphile-worker task. */
export function expireReservationTask(deps: Deps): Task {
  return async (payload) => {
    const { memberId } = payloadSchema.parse(payload);
    await expireReservation(deps, memberId);
  };
}
