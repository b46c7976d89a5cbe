import type { Metadata } from 'next';
import { DealEditor } from '@/app/merchant/_components/deal-editor';
import { requireMerchant } from '@/app/merchant/_lib/console-session';

export const metadata: Metadata = { title: 'New deal' };

export default async function NewDealPage() {
  const profile = await requireMerchant();
  return <DealEditor deal={null} defaultCurrency={profile.defaultCurrency} />;
}
