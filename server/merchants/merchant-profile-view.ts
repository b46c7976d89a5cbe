import type { merchants } from '@/db/schema';

type MerchantRow = typeof merchants.$inferSelect;

/** What the merchant console shows of a profile (the owning user id stays on the server). */
export type MerchantProfile = Omit<MerchantRow, 'userId'>;

/** Shapes a merchant row for the console. */
export function merchantProfileView(row: MerchantRow): MerchantProfile {
  const profile: MerchantProfile & { userId?: string } = { ...row };
  delete profile.userId;
  return profile;
}
