import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { SessionUser } from '@/server/auth/session-user';
import { getOwnMemberOrThrow } from './get-own-member';
import { getGroupProgress, type GroupProgress } from './group-progress';
import { moveMember } from './move-member';
import { releaseHold } from './place-hold';

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
  if (member.paymentIntentId) await releaseHold(deps, member.id, member.paymentIntentId);
  const freed = await deps.db.transaction((tx) =>
    moveMember(tx, member.id, ['leaveReserved', 'leaveAuthorized'], { now: deps.now() }),
  );
  if (!freed) throw new DomainError('CONFLICT', 'group.noLongerMember');
  const progress = await getGroupProgress(deps, member.groupId);
  if (!progress) throw new DomainError('NOT_FOUND', 'group.notFoundPlain');
  return { status: 'left', group: progress };
}
