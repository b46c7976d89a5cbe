// "Your deal is live": where a merchant lands after publishing. The deal's public link with a copy button,
// its QR code, and a preview card of what shoppers see, drawn from the deal itself (no frame of the page).
import type { Metadata } from 'next';
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

export const metadata: Metadata = { title: 'Your deal is live' };

export default async function DealLivePage({ params }: { params: Promise<{ dealId: string }> }) {
  const profile = await requireMerchant();
  const { dealId } = await params;
  const api = await serverCaller();
  const deal = await loadOr404(() => api.deals.get({ dealId }));
  // Paused or archived since: the deal's own page says what it is now.
  if (deal.status !== 'active') redirect(`/merchant/deals/${deal.id}`);
  const link = `${appUrl()}/d/${deal.slug}`;
  const qr = await qrSvg(link, `QR code for ${link}`);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/merchant" className="text-brand-700 underline">
            ← Dashboard
          </Link>
        </p>
        <h1 className="text-2xl font-bold">Your deal is live</h1>
        <p className="text-stone-700">
          Shoppers can open groups on {deal.title} now. Share the link or the QR code where your customers
          already talk: a chat group, your shop window, your receipts.
        </p>
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section
          aria-labelledby="share-h"
          className="space-y-4 rounded-xl border border-stone-200 bg-white p-4"
        >
          <h2 id="share-h" className="text-lg font-bold">
            Share your deal
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
              Open the deal page
            </a>
            <Link href={`/merchant/deals/${deal.id}`} className={buttonClass.secondary}>
              Groups and insights
            </Link>
            <Link href={`/merchant/deals/${deal.id}/edit`} className={buttonClass.secondary}>
              Edit deal
            </Link>
          </div>
        </section>
        <section aria-labelledby="preview-h" className="space-y-2">
          <h2 id="preview-h" className="text-lg font-bold">
            What shoppers see
          </h2>
          <DealPreviewCard deal={deal} shopName={profile.name} />
        </section>
      </div>
    </div>
  );
}
