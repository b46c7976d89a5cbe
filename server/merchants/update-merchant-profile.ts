import { eq } from 'drizzle-orm';
import { merchants } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError, parseOrThrow } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { merchantProfilePatchSchema, type MerchantProfilePatch } from './merchant-input';
import { merchantProfileView, type MerchantProfile } from './merchant-profile-view';

/** Changes a merchant's name, default currency or logo (null removes the logo). */
export async function updateMerchantProfile(
  deps: Deps,
  merchantId: string,
  patch: MerchantProfilePatch,
): Promise<MerchantProfile> {
  const changes = parseOrThrow(merchantProfilePatchSchema, patch);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(merchants)
      .set({ ...changes, updatedAt: deps.now() })
      .where(eq(merchants.id, merchantId))
      .returning();
    if (!row) throw new DomainError('NOT_FOUND', 'merchant.profileNotFound');
    await recordEvent(tx, {
      type: 'merchant.updated',
      payload: { merchantId, changed: Object.keys(changes) },
    });
    return merchantProfileView(row);
  });
}
