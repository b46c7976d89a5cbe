// Buyer news that is not a member move: a refund, an order shipped or ready. Planned in the transaction
// of the change. Edit when another change should reach a buyer.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { members } from '@/db/schema';
import type { Moment } from './moments';
import { planNotifications } from './plan-notifications';

/** Plans `moment` for the buyer of membership `memberId`, told apart from earlier ones by `subject`. */
export async function notifyMember(
  tx: Tx,
  memberId: string,
  moment: Extract<Moment, 'refundIssued' | 'orderShipped' | 'orderReady' | 'groupCanceled'>,
  subject: string,
  now: Date,
  payload: Record<string, unknown> = {},
): Promise<void> {
  const [m] = await tx
    .select({ userId: members.userId, locale: members.locale, groupId: members.groupId })
    .from(members)
    .where(eq(members.id, memberId));
  if (!m) return;
  await planNotifications(
    tx,
    [{ userId: m.userId, locale: m.locale, moment, groupId: m.groupId, memberId, subject, payload }],
    now,
  );
}
