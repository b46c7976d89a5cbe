import { and, eq, inArray } from 'drizzle-orm';
import { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { LIVE_STATUSES } from '@/db/schema/statuses';

/** The alias of the live member of group `code` whose personal invite code is `inviteCode`, or null (tampered, foreign or stale codes). */
export async function findInviter(
  deps: Deps,
  code: string,
  inviteCode: string,
): Promise<{ alias: string } | null> {
  const [row] = await deps.db
    .select({ alias: members.alias })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(
      and(
        eq(groups.code, code),
        eq(members.inviteCode, inviteCode),
        inArray(members.status, [...LIVE_STATUSES]),
      ),
    )
    .limit(1);
  return row ?? null;
}
