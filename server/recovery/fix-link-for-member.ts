// The fix link of the signed-in buyer's own payment due, for the group page and /me ("Pay now"): the
// e-mail's link is the capability; a buyer who is signed in reaches the same page through their session.
import { and, eq } from 'drizzle-orm';
import { members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { fixLinkToken } from './fix-link';

/** The /pay/<token> path of member `memberId` when it is `userId`'s and still due; null otherwise. */
export async function fixPathForMember(deps: Deps, userId: string, memberId: string): Promise<string | null> {
  const [m] = await deps.db
    .select({ status: members.status, dueUntil: members.dueUntil })
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.userId, userId)));
  if (!m || m.status !== 'payment_due' || !m.dueUntil) return null;
  return `/pay/${fixLinkToken(memberId, m.dueUntil)}`;
}
