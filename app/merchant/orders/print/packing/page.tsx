import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { OrdersPrintSheet } from '@/app/merchant/_components/orders-print-sheet';
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
    <OrdersPrintSheet
      back={{ href: `/merchant/orders?deal=${list.deal.id}`, label: t('nav.orders') }}
      heading={t('print.packingTitle', { title: list.deal.title })}
      facts={
        <p className="text-sm text-stone-600">
          {t('print.summary', { orders: list.orders.length, units, when: printedAt })}
        </p>
      }
      empty={t('print.packingEmpty')}
      columns={{
        order: t('print.order'),
        buyer: t('print.buyer'),
        quantity: t('print.quantity'),
        detail: t('print.shipTo'),
        done: t('print.packed'),
      }}
      rows={list.orders.map((o) => ({
        id: o.id,
        number: o.number,
        alias: o.alias,
        quantity: o.quantity,
        detail: (
          <>
            <address className="whitespace-pre-line not-italic">{o.contact?.addressLines.join('\n')}</address>
            {o.contact?.phone ? <span className="block text-stone-600">{o.contact.phone}</span> : null}
          </>
        ),
      }))}
    />
  );
}
