import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { storedDeclineKey } from './decline-refusal';
import type { SessionUser } from '@/server/auth/session-user';
import { getOwnMemberOrThrow } from './get-own-member';
import { getGroupProgress } from './group-progress';
import { memberView, type JoinResult } from './join-group';
import { applyHoldState } from './place-hold';

/** After the buyer confirmed or authenticated the hold with Stripe.js: verifies it server-side and applies the outcome. */
export async function confirmHold(
  deps: Deps,
  user: SessionUser,
  input: { memberId: string },
): Promise<JoinResult> {
  const { member, code } = await getOwnMemberOrThrow(deps, user, input.memberId);
  let result = { member, nextAction: null as JoinResult['nextAction'], clientSecret: null as string | null };
  if (member.status === 'reserved') {
    if (!member.paymentIntentId) throw new DomainError('CONFLICT', 'group.nothingToConfirm');
    let hold;
    try {
      hold = await deps.payments.retrieve(member.paymentIntentId);
    } catch {
      throw new DomainError('PAYMENT_UNAVAILABLE', 'payment.unavailable');
    }
    result = await applyHoldState(deps, member, hold, 'verify');
  } else if (member.status === 'failed') {
    throw new DomainError('PAYMENT_DECLINED', storedDeclineKey(member.failureReason));
  } else if (member.status !== 'authorized' && member.status !== 'captured') {
    throw new DomainError('CONFLICT', 'group.membershipEnded');
  }
  const progress = await getGroupProgress(deps, member.groupId);
  if (!progress) throw new DomainError('NOT_FOUND', 'group.notFoundPlain');
  return {
    member: memberView(deps.appUrl, code, result.member),
    nextAction: result.nextAction,
    clientSecret: result.clientSecret,
    group: progress,
  };
}
