// The demo's stand-in for Stripe's hosted onboarding (issue 18): shown only when payments go to the
// project's Stripe emulator, and saying so plainly. In production `payouts.connect` sends people to
// Stripe's own form instead and this page does not exist (404).
import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { pickMessages } from '@/i18n/messages';
import { getDeps } from '@/server/deps';
import { CompleteDemo } from './complete-demo';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('me.connect');
  return { title: t('metaTitle'), robots: { index: false } };
}

export default async function DemoOnboardingPage({ searchParams }: Props) {
  if (!getDeps().payments.completeDemoOnboarding) notFound();
  const who = (await searchParams)['for'] === 'merchant' ? 'merchant' : 'sharer';
  const [locale, t] = await Promise.all([getLocale(), getTranslations('me.connect')]);
  return (
    <section aria-labelledby="connect-h" className="mx-auto max-w-lg">
      <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
        <p>
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-bold tracking-wide text-amber-900 uppercase">
            {t('demoBadge')}
          </span>
        </p>
        <h1 id="connect-h" className="mt-2 text-2xl font-bold tracking-tight">
          {t('title')}
        </h1>
        <p className="mt-2 text-stone-800">{who === 'merchant' ? t('forMerchant') : t('forSharer')}</p>
        <div
          role="note"
          className="mt-4 space-y-1 rounded-xl bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200"
          data-testid="demo-notice"
        >
          <p className="font-semibold">{t('demoNotice')}</p>
          <p>{t('production')}</p>
        </div>
        <NextIntlClientProvider locale={locale} messages={pickMessages(locale, ['me'])}>
          <CompleteDemo who={who} />
        </NextIntlClientProvider>
      </div>
    </section>
  );
}
