import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { OrdersPrintButton } from '@/app/merchant/_components/orders-print-button';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { loadOr404 } from '@/app/merchant/_lib/load-or-404';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders.meta');
  return { title: t('packing') };
}

/** A deal's packing list, for paper: every shipping order still to send, with its address and quantity. */
export default async function PackingListPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireMerchant();
  const { deal: dealId } = await searchParams;
  if (typeof dealId !== 'string') notFound();
  const api = await serverCaller();
  const list = await loadOr404(() => api.merchantOrders.packingList({ dealId }));
  const t = await getTranslations('orders');
  const locale = await getLocale();
  const printedAt = new Date().toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const units = list.orders.reduce((n, o) => n + o.quantity, 0);
  return (
    <article className="space-y-4 print:text-[11pt]">
      <p className="text-sm print:hidden">
        <Link href={`/merchant/orders?deal=${list.deal.id}`} className="text-brand-700 underline">
          ← {t('nav.orders')}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t('print.packingTitle', { title: list.deal.title })}</h1>
          <p className="text-sm text-stone-600">
            {t('print.summary', { orders: list.orders.length, units, when: printedAt })}
          </p>
        </div>
        <OrdersPrintButton />
      </header>
      {list.orders.length === 0 ? <p className="text-stone-600">{t('print.packingEmpty')}</p> : null}
      {list.orders.length > 0 ? (
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b-2 border-stone-800">
              <th scope="col" className="py-2 pr-3">
                {t('print.order')}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t('print.buyer')}
              </th>
              <th scope="col" className="py-2 pr-3 text-right">
                {t('print.quantity')}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t('print.shipTo')}
              </th>
              <th scope="col" className="py-2">
                {t('print.packed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.orders.map((o) => (
              <tr key={o.id} className="break-inside-avoid border-b border-stone-300 align-top">
                <td className="py-2 pr-3 font-mono font-semibold">{o.number}</td>
                <td className="py-2 pr-3">{o.alias}</td>
                <td className="py-2 pr-3 text-right text-base font-bold tabular-nums">{o.quantity}</td>
                <td className="py-2 pr-3">
                  <address className="whitespace-pre-line not-italic">
                    {o.contact?.addressLines.join('\n')}
                  </address>
                  {o.contact?.phone ? <span className="block text-stone-600">{o.contact.phone}</span> : null}
                </td>
                <td className="py-2">
                  <span aria-hidden="true" className="inline-block h-5 w-5 border-2 border-stone-700" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}
