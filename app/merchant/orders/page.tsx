import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OrdersList } from '@/app/merchant/_components/orders-list';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { ORDER_STATUSES, type OrderStatus } from '@/db/schema/statuses';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders.meta');
  return { title: t('orders') };
}

type Search = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The order list; its filters live in the address (?deal=&status=&point=&country=). */
export default async function OrdersPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireMerchant();
  const s = await searchParams;
  const deal = one(s.deal);
  const status = one(s.status);
  const country = one(s.country);
  return (
    <OrdersList
      filter={{
        dealId: deal && UUID.test(deal) ? deal : undefined,
        status: ORDER_STATUSES.includes(status as OrderStatus) ? (status as OrderStatus) : undefined,
        pickupPointId: one(s.point)?.slice(0, 100),
        country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined,
      }}
    />
  );
}
