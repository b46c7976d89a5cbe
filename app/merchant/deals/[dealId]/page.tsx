import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { appUrl } from '@/server/env';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { loadOr404 } from '@/app/merchant/_lib/load-or-404';
import { DealOverview } from './deal-overview';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('deal') };
}

export default async function DealPage({ params }: { params: Promise<{ dealId: string }> }) {
  await requireMerchant();
  const { dealId } = await params;
  // Checked on the server first, so another merchant's deal is a plain 404 page.
  const api = await serverCaller();
  await loadOr404(() => api.deals.get({ dealId }));
  return <DealOverview dealId={dealId} appUrl={appUrl()} />;
}
