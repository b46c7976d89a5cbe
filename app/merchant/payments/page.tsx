// The shop's payments: getting paid first (its Stripe account, Flock's fee, the balance and payouts Stripe
// reports, money per month or week), then the payments due across its groups (a buyer whose charge was
// refused at close, and what became of it) and its payment settings. RECOVERY.md; issue 18.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { GetPaid } from './get-paid';
import { PaymentSettingsForm } from './payment-settings-form';
import { PaymentsDueTable } from './payments-due-table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('payments') };
}
export const dynamic = 'force-dynamic';

export default async function MerchantPaymentsPage({
  searchParams,
}: {
  searchParams: Promise<{ connect?: string | string[] }>;
}) {
  await requireMerchant();
  const { connect } = await searchParams;
  const api = await serverCaller();
  // Back from Stripe's onboarding: read the account from Stripe again before showing it.
  let refreshError: string | null = null;
  if (connect === 'return') {
    try {
      await api.payouts.refresh({ for: 'merchant' });
    } catch (err) {
      refreshError = err instanceof Error ? err.message : null;
    }
  }
  const [settings, payouts, t, tm] = await Promise.all([
    api.recovery.settings(),
    api.payouts.merchant({ period: 'month' }),
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
          {t('pageTitle')}
        </h1>
        <p className="mt-1 max-w-2xl text-sm text-stone-700">{t('pageIntro')}</p>
      </div>
      <GetPaid initial={payouts} refreshError={refreshError} />
      <section className="space-y-3" aria-labelledby="due-h">
        <h2 id="due-h" className="text-lg font-bold">
          {t('title')}
        </h2>
        <p className="max-w-2xl text-sm text-stone-700">{t('intro')}</p>
        <PaymentsDueTable />
      </section>
      <PaymentSettingsForm initial={settings} />
    </section>
  );
}
