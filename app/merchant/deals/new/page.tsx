import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DealEditor } from '@/app/merchant/_components/deal-editor';
import { requireMerchant } from '@/app/merchant/_lib/console-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('newDeal') };
}

export default async function NewDealPage() {
  const profile = await requireMerchant();
  return (
    <DealEditor
      deal={null}
      defaultCurrency={profile.defaultCurrency}
      paymentFixDays={profile.paymentFixDays}
    />
  );
}
