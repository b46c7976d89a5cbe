import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OrdersImport } from '@/app/merchant/_components/orders-import';
import { requireMerchant } from '@/app/merchant/_lib/console-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders.meta');
  return { title: t('import') };
}

/** Bulk "mark shipped" from a tracking CSV: preview, then apply. */
export default async function ImportTrackingPage() {
  await requireMerchant();
  return <OrdersImport />;
}
