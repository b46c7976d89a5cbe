import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { requireMerchant } from './_lib/console-session';
import { Dashboard } from './dashboard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('dashboard') };
}

export default async function MerchantHome() {
  const profile = await requireMerchant();
  // The first state is rendered here, so the merchant sees their deals at once; the live feed takes over.
  const api = await serverCaller();
  const [initial, payouts] = await Promise.all([
    api.console.dashboard(),
    // The banner only: a dashboard that cannot read the account still shows the deals.
    api.payouts.merchant({ period: 'month' }).catch(() => null),
  ]);
  const canTakePayments = payouts ? payouts.account.connected && payouts.account.chargesEnabled : true;
  return <Dashboard shopName={profile.name} initial={initial} canTakePayments={canTakePayments} />;
}
