import type { Metadata } from 'next';
import { requireMerchant } from './_lib/console-session';
import { Dashboard } from './dashboard';

export const metadata: Metadata = { title: 'Merchant dashboard' };

export default async function MerchantHome() {
  const profile = await requireMerchant();
  return <Dashboard shopName={profile.name} />;
}
