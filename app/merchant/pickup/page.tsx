import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OrdersPickupDesk } from '@/app/merchant/_components/orders-pickup-desk';
import { requireMerchant } from '@/app/merchant/_lib/console-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders.meta');
  return { title: t('desk') };
}

/** The pickup desk for phones: scan or type a pickup or voucher code. */
export default async function PickupDeskPage() {
  await requireMerchant();
  return <OrdersPickupDesk />;
}
