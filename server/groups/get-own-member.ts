import { eq } from 'drizzle-orm';
import { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { SessionUser } from '@/server/auth/session-user';

/** The caller's own membership with its group's code and status; NOT_FOUND for anyone else's. */
export async function getOwnMemberOrThrow(deps: Deps, user: SessionUser, memberId: string) {
  const [row] = await deps.db
    .select({ member: members, code: groups.code, groupStatus: groups.status })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(eq(members.id, memberId));
  if (!row || row.member.userId !== user.id) throw new DomainError('NOT_FOUND', 'group.membershipNotFound');
  return row;
}
