import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { DealEditor } from '@/app/merchant/_components/deal-editor';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { loadOr404 } from '@/app/merchant/_lib/load-or-404';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('editDeal') };
}

export default async function EditDealPage({
  params,
  searchParams,
}: {
  params: Promise<{ dealId: string }>;
  searchParams: Promise<{ refused?: string | string[] }>;
}) {
  const profile = await requireMerchant();
  const { dealId } = await params;
  const { refused } = await searchParams;
  const api = await serverCaller();
  const d = await loadOr404(() => api.deals.get({ dealId }));
  const deal = {
    id: d.id,
    slug: d.slug,
    status: d.status,
    termsLocked: d.termsLocked,
    title: d.title,
    description: d.description,
    contentLocale: d.contentLocale,
    translations: d.translations,
    imageUrl: d.imageUrl,
    currency: d.currency,
    listPrice: d.listPrice,
    tiers: d.tiers,
    windowSeconds: d.windowSeconds,
    maxMembers: d.maxMembers,
    qrCutoff: d.qrCutoff,
    perBuyerMax: d.perBuyerMax,
    stock: d.stock,
    fulfilment: d.fulfilment,
    welcomeMessage: d.welcomeMessage,
    openerReward: d.openerReward,
    commissionBps: d.commissionBps,
    commissionHoldDays: d.commissionHoldDays,
  };
  // Keyed by the deal's last update so a save that changes the stored values re-seeds the form.
  return (
    <DealEditor
      key={String(d.updatedAt)}
      deal={deal}
      defaultCurrency={profile.defaultCurrency}
      paymentFixDays={profile.paymentFixDays}
      refusedConnect={refused === 'connect' && d.status === 'draft'}
    />
  );
}
