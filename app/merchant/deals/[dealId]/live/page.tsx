// "Your deal is live": where a merchant lands after publishing. The deal's public link with a copy button,
// its QR code, and a preview card of what shoppers see, drawn from the deal itself (no frame of the page).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CopyButton } from '@/app/_components/copy-button';
import { serverCaller } from '@/app/_trpc/server';
import { buttonClass } from '@/app/merchant/_components/field';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { loadOr404 } from '@/app/merchant/_lib/load-or-404';
import { appUrl } from '@/server/env';
import { qrSvg } from '@/server/share/qr';
import { DealPreviewCard } from './deal-preview-card';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('live') };
}

export default async function DealLivePage({ params }: { params: Promise<{ dealId: string }> }) {
  const profile = await requireMerchant();
  const { dealId } = await params;
  const api = await serverCaller();
  const deal = await loadOr404(() => api.deals.get({ dealId }));
  // Paused or archived since: the deal's own page says what it is now.
  if (deal.status !== 'active') redirect(`/merchant/deals/${deal.id}`);
  const link = `${appUrl()}/d/${deal.slug}`;
  const t = await getTranslations('merchant');
  const qr = await qrSvg(link, t('live.qrAlt', { link }));
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/merchant" className="text-brand-700 underline">
            {t('words.backToDashboard')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('meta.live')}</h1>
        <p className="text-stone-700">{t('live.intro', { title: deal.title })}</p>
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section
          aria-labelledby="share-h"
          className="space-y-4 rounded-xl border border-stone-200 bg-white p-4"
        >
          <h2 id="share-h" className="text-lg font-bold">
            {t('live.share')}
          </h2>
          <div className="flex flex-wrap items-center gap-2">
            <a
              href={link}
              className="min-w-0 font-mono text-sm break-all text-brand-700 underline"
              data-testid="deal-public-link"
            >
              {link}
            </a>
            <CopyButton text={link} className={buttonClass.secondary} />
          </div>
          <div
            className="mx-auto w-48 [&_svg]:h-auto [&_svg]:w-full"
            data-testid="deal-qr"
            dangerouslySetInnerHTML={{ __html: qr }}
          />
          <div className="flex flex-wrap gap-2">
            <a href={link} className={buttonClass.primary}>
              {t('live.openDealPage')}
            </a>
            <Link href={`/merchant/deals/${deal.id}`} className={buttonClass.secondary}>
              {t('live.groupsAndInsights')}
            </Link>
            <Link href={`/merchant/deals/${deal.id}/edit`} className={buttonClass.secondary}>
              {t('words.editDeal')}
            </Link>
          </div>
        </section>
        <section aria-labelledby="preview-h" className="space-y-2">
          <h2 id="preview-h" className="text-lg font-bold">
            {t('live.whatShoppersSee')}
          </h2>
          <DealPreviewCard deal={deal} shopName={profile.name} />
        </section>
      </div>
    </div>
  );
}
