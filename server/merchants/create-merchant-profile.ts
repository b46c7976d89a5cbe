import { merchants } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError, parseOrThrow } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { merchantProfileInputSchema, type MerchantProfileInput } from './merchant-input';
import { merchantProfileView, type MerchantProfile } from './merchant-profile-view';

/** Makes the signed-in user a merchant: one profile per user; guest (anonymous) accounts are refused. */
export async function createMerchantProfile(
  deps: Deps,
  user: { id: string; isAnonymous: boolean },
  input: MerchantProfileInput,
): Promise<MerchantProfile> {
  if (user.isAnonymous) {
    throw new DomainError('FORBIDDEN', 'merchant.accountFirst');
  }
  const values = parseOrThrow(merchantProfileInputSchema, input);
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    // The unique user_id decides between two simultaneous sign-ups; the loser is told plainly.
    const [row] = await tx
      .insert(merchants)
      .values({ ...values, userId: user.id, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: merchants.userId })
      .returning();
    if (!row) throw new DomainError('CONFLICT', 'merchant.alreadyMerchant');
    await recordEvent(tx, { type: 'merchant.created', payload: { merchantId: row.id } });
    return merchantProfileView(row);
  });
}
