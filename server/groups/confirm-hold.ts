import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { storedDeclineKey } from './decline-refusal';
import type { SessionUser } from '@/server/auth/session-user';
import { getOwnMemberOrThrow } from './get-own-member';
import { getGroupProgress } from './group-progress';
import { memberView, type JoinResult } from './join-group';
import { applyHoldState } from './place-hold';
import { applySetupState, retrieveSetupOrThrow } from './save-card';
import { applyPaidState, giveBackPayment } from './pay-now';

/** After the buyer confirmed or authenticated the hold with Stripe.js: verifies it server-side and applies the outcome. */
export async function confirmHold(
  deps: Deps,
  user: SessionUser,
  input: { memberId: string },
): Promise<JoinResult> {
  const { member, code } = await getOwnMemberOrThrow(deps, user, input.memberId);
  let result = {
    member,
    nextAction: null as JoinResult['nextAction'],
    clientSecret: null as string | null,
    walletQr: null as JoinResult['walletQr'],
  };
  if (member.status === 'reserved' && member.paymentKind === 'saved_card') {
    // A saved card (save-card.ts): the buyer confirmed or authenticated the SetupIntent with Stripe.js.
    if (!member.setupIntentId) throw new DomainError('CONFLICT', 'group.nothingToConfirm');
    const setup = await retrieveSetupOrThrow(deps, member.setupIntentId);
    result = { ...(await applySetupState(deps, member, setup, 'verify')), walletQr: null };
  } else if (member.status === 'reserved') {
    if (!member.paymentIntentId) throw new DomainError('CONFLICT', 'group.nothingToConfirm');
    let hold;
    try {
      hold = await deps.payments.retrieve(member.paymentIntentId);
    } catch {
      throw new DomainError('PAYMENT_UNAVAILABLE', 'payment.unavailable');
    }
    // A wallet paid now (pay-now.ts): the client polls here while its QR code is showing.
    const applied =
      member.paymentKind === 'paid_now'
        ? await applyPaidState(deps, member, hold, 'verify')
        : await applyHoldState(deps, member, hold, 'verify');
    result = { ...applied, walletQr: applied.walletQr ?? null };
  } else if (member.paymentKind === 'paid_now' && member.status === 'expired' && member.paymentIntentId) {
    // The group closed (or the reservation lapsed) while the QR code was showing: a payment made anyway goes back.
    const back = await giveBackPayment(deps, deps.payments, member.id, member.paymentIntentId);
    if (back.kind === 'refunded') throw new DomainError('GROUP_CLOSED', 'group.closedBeforePayment');
    throw new DomainError('CONFLICT', 'group.membershipEnded');
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
    walletQr: result.walletQr,
  };
}
