import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { SessionUser } from '@/server/auth/session-user';
import { getOwnMemberOrThrow } from './get-own-member';
import { getGroupProgress, type GroupProgress } from './group-progress';
import { moveMember } from './move-member';
import { releaseHold } from './place-hold';
import { forgetCardOrThrow, retrieveSetupOrThrow } from './save-card';
import { giveBackPayment } from './pay-now';

/** Leaves an open group: the hold is released first (outside any transaction), then the seat is freed. */
export async function leaveGroup(
  deps: Deps,
  user: SessionUser,
  input: { memberId: string },
): Promise<{ status: 'left'; group: GroupProgress }> {
  const row = await getOwnMemberOrThrow(deps, user, input.memberId);
  const { member } = row;
  if (member.status === 'left') {
    const progress = await getGroupProgress(deps, member.groupId);
    if (progress) return { status: 'left', group: progress };
  }
  if (row.groupStatus !== 'open') throw new DomainError('GROUP_CLOSED', 'group.closedNoLeave');
  if (member.status !== 'reserved' && member.status !== 'authorized') {
    throw new DomainError('CONFLICT', 'group.noLongerMember');
  }
  // Release before the seat is given back: if the processor is unreachable the member stays (and is
  // charged fairly at close) rather than leaving a hold nobody tracks.
  // A wallet paid now has no hold: an unpaid QR code is canceled, a payment refunded in full.
  let refunded: number | undefined;
  if (member.paymentKind === 'saved_card') {
    // Nothing is held for a saved card: it is removed instead (its SetupIntent may have saved one since).
    const pm =
      member.paymentMethodId ??
      (member.setupIntentId
        ? (await retrieveSetupOrThrow(deps, member.setupIntentId)).paymentMethodId
        : null);
    if (pm) await forgetCardOrThrow(deps, pm);
  } else if (member.paymentIntentId && member.paymentKind === 'paid_now') {
    const back = await giveBackPayment(deps, deps.payments, member.id, member.paymentIntentId);
    if (back.kind === 'failed') throw new DomainError('PAYMENT_UNAVAILABLE', 'payment.unavailable');
    if (back.kind === 'refunded') refunded = back.amount;
  } else if (member.paymentIntentId) await releaseHold(deps, member.id, member.paymentIntentId);
  const freed = await deps.db.transaction((tx) =>
    moveMember(tx, member.id, ['leaveReserved', 'leaveAuthorized'], {
      now: deps.now(),
      ...(refunded !== undefined
        ? { set: { refundedAmount: refunded }, payload: { refunded, paymentKind: 'paid_now' } }
        : {}),
    }),
  );
  if (!freed) throw new DomainError('CONFLICT', 'group.noLongerMember');
  const progress = await getGroupProgress(deps, member.groupId);
  if (!progress) throw new DomainError('NOT_FOUND', 'group.notFoundPlain');
  return { status: 'left', group: progress };
}
