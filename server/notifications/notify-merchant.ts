// Merchant news planned in the transaction of the change that causes it: a group won (orders to fulfil)
// or failed. Edit when the shop should hear of another change.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, merchants, notificationSettings } from '@/db/schema';
import { planNotifications } from './plan-notifications';

/** Tells the shop behind `dealId` that group `groupId` ended `outcome` (canceled groups are the shop's own doing). */
export async function notifyGroupOutcome(
  tx: Tx,
  g: { id: string; dealId: string },
  outcome: 'won' | 'failed' | 'canceled',
  now: Date,
): Promise<void> {
  if (outcome === 'canceled') return;
  const [shop] = await tx
    .select({ merchantId: merchants.id, userId: merchants.userId, locale: notificationSettings.locale })
    .from(deals)
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, merchants.userId))
    .where(eq(deals.id, g.dealId));
  if (!shop) return;
  await planNotifications(
    tx,
    [
      {
        userId: shop.userId,
        locale: shop.locale ?? 'en',
        moment: outcome === 'won' ? 'merchantGroupWon' : 'merchantGroupFailed',
        groupId: g.id,
        merchantId: shop.merchantId,
      },
    ],
    now,
  );
}
