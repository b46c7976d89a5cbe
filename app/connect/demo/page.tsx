// The demo's stand-in for Stripe's hosted onboarding (issue 18): shown only when payments go to the
// project's Stripe emulator, and saying so plainly. In production `payouts.connect` sends people to
// Stripe's own form instead and this page does not exist (404).
import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getAuth } from '@/server/auth/auth';
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
  const [locale, t, session] = await Promise.all([
    getLocale(),
    getTranslations('me.connect'),
    getAuth().api.getSession({ headers: new Headers(await headers()) }),
  ]);
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
        {session ? (
          <NextIntlClientProvider locale={locale} messages={pickMessages(locale, ['me'])}>
            <CompleteDemo who={who} />
          </NextIntlClientProvider>
        ) : (
          // Onboarding completes the signed-in person's own account: with no session there is none to complete.
          <p className="mt-5 text-stone-800" role="alert">
            {t('signIn')}{' '}
            <Link
              href={who === 'merchant' ? '/merchant/payments' : '/me'}
              className="font-semibold text-brand-700 underline"
            >
              {t('back')}
            </Link>
          </p>
        )}
      </div>
    </section>
  );
}
