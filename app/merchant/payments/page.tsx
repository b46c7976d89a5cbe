// The shop's payments due across its groups (a buyer whose charge was refused at close, and what became
// of it) and its payment settings: days to fix a refused payment, wallets paid at once. RECOVERY.md.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { PaymentSettingsForm } from './payment-settings-form';
import { PaymentsDueTable } from './payments-due-table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('payments') };
}
export const dynamic = 'force-dynamic';

export default async function MerchantPaymentsPage() {
  await requireMerchant();
  const [settings, t, tm] = await Promise.all([
    (await serverCaller()).recovery.settings(),
    getTranslations('merchant.payments'),
    getTranslations('merchant'),
  ]);
  return (
    <section className="mx-auto max-w-4xl space-y-6" aria-labelledby="payments-h">
      <p className="text-sm">
        <Link href="/merchant" className="font-semibold text-brand-700 underline">
          ← {tm('meta.dashboard')}
        </Link>
      </p>
      <div>
        <h1 id="payments-h" className="text-2xl font-bold">
          {t('title')}
        </h1>
        <p className="mt-1 max-w-2xl text-sm text-stone-700">{t('intro')}</p>
      </div>
      <PaymentsDueTable />
      <PaymentSettingsForm initial={settings} />
    </section>
  );
}
