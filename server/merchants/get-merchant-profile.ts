import { eq } from 'drizzle-orm';
import { merchants } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { merchantProfileView, type MerchantProfile } from './merchant-profile-view';

/** The user's merchant profile, or null when they have not become a merchant yet. */
export async function getMerchantProfile(deps: Deps, userId: string): Promise<MerchantProfile | null> {
  const [row] = await deps.db.select().from(merchants).where(eq(merchants.userId, userId));
  return row ? merchantProfileView(row) : null;
}
