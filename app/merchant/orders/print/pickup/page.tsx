import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { OrdersPrintSheet } from '@/app/merchant/_components/orders-print-sheet';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { loadOr404 } from '@/app/merchant/_lib/load-or-404';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders.meta');
  return { title: t('pickupList') };
}

/** One pickup point's list, for paper: order number, alias, quantity and code, with a box to tick. */
export default async function PickupListPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireMerchant();
  const { deal: dealId, point: pointId } = await searchParams;
  if (typeof dealId !== 'string' || typeof pointId !== 'string') notFound();
  const api = await serverCaller();
  const list = await loadOr404(() => api.merchantOrders.pickupList({ dealId, pointId }));
  const t = await getTranslations('orders');
  const locale = await getLocale();
  const printedAt = new Date().toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const units = list.orders.reduce((n, o) => n + o.quantity, 0);
  return (
    <OrdersPrintSheet
      back={{
        href: `/merchant/orders?deal=${list.deal.id}&point=${encodeURIComponent(list.point.id)}`,
        label: t('nav.orders'),
      }}
      heading={t('print.pickupTitle', { point: list.point.name })}
      facts={
        <>
          <p className="font-semibold">{list.deal.title}</p>
          <p className="text-sm text-stone-600">
            {list.point.address} · {list.point.hours}
          </p>
          <p className="text-sm text-stone-600">
            {t('print.summary', { orders: list.orders.length, units, when: printedAt })}
          </p>
        </>
      }
      empty={t('print.pickupEmpty')}
      columns={{
        order: t('print.order'),
        buyer: t('print.buyer'),
        quantity: t('print.quantity'),
        detail: t('print.code'),
        done: t('print.collected'),
      }}
      rows={list.orders.map((o) => ({
        id: o.id,
        number: o.number,
        alias: o.alias,
        quantity: o.quantity,
        detail: <span className="font-mono">{o.code}</span>,
        done: o.status === 'picked_up' ? <span>{t('print.alreadyCollected')}</span> : undefined,
      }))}
    />
  );
}
