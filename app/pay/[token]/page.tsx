// The "fix your payment" page behind the signed link in the buyer's e-mail (server/recovery/fix-link.ts):
// the link is the capability, so it works for a guest whose session is gone, and it shows only that
// member's own facts: the deal, the group's price, the amount due, until when, and why the first payment
// failed. When there is nothing to pay it says exactly why (paid, expired, canceled, a broken link).
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { isLocale, type Locale } from '@/i18n/locales';
import { getDeps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { formatMoney } from '@/server/pricing/currency';
import { loadDue } from '@/server/recovery/get-due-page';
import { PayForm } from './pay-form';

type Props = { params: Promise<{ token: string }> };

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('pay');
  // The token is a credential: keep the page out of indexes and its address out of other sites' logs.
  return { title: t('metaTitle'), robots: { index: false, follow: false }, referrer: 'no-referrer' };
}

const card = 'mx-auto max-w-lg rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-200';

/** The deadline in the buyer's own time zone when Flock knows it (named either way), else in UTC. */
function when(locale: Locale, d: Date, timeZone: string | null): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: timeZone ?? 'UTC',
    timeZoneName: 'short',
  }).format(d);
}

export default async function PayPage({ params }: Props) {
  const { token } = await params;
  const [localeTag, t] = await Promise.all([getLocale(), getTranslations('pay')]);
  const locale: Locale = isLocale(localeTag) ? localeTag : 'en';
  const deps = getDeps();
  const page = await loadDue(deps.db, token, deps.now(), locale);

  if (page.state !== 'due') {
    const title = page.state === 'invalid' ? '' : page.title;
    const heading =
      page.state === 'paid'
        ? t('paid.title', { amount: formatMoney(page.amount, page.currency, locale) })
        : t(`${page.state}.title`);
    return (
      <section className={card} aria-labelledby="pay-h" data-testid={`pay-${page.state}`}>
        <p className="text-sm font-semibold text-stone-500">{t('eyebrow')}</p>
        <h1 id="pay-h" className="mt-1 text-xl font-bold">
          {heading}
        </h1>
        <p className="mt-2 text-stone-700">{t(`${page.state}.body`, { title })}</p>
        {page.state !== 'invalid' && (
          <p className="mt-4 flex flex-wrap gap-4">
            {page.state === 'paid' && (
              <Link href={`/me/orders/${page.memberId}`} className="font-semibold text-brand-700 underline">
                {t('paid.order')}
              </Link>
            )}
            <Link href={`/g/${page.groupCode}`} className="font-semibold text-brand-700 underline">
              {t('seeGroup')}
            </Link>
          </p>
        )}
      </section>
    );
  }

  const f = page.facts;
  const money = (minor: number) => formatMoney(minor, f.currency, locale);
  const amount = money(f.amountDue);
  const env = getEnv();
  const rows: [string, string][] = [
    [t('facts.deal'), f.title],
    [t('facts.price'), t('facts.priceValue', { price: money(f.finalUnitPrice), quantity: f.quantity })],
    ...(f.shippingAmount > 0 ? [[t('facts.shipping'), money(f.shippingAmount)] as [string, string]] : []),
    [t('facts.amount'), amount],
    [t('facts.until'), when(locale, f.dueUntil, f.timeZone)],
  ];
  return (
    <section className={card} aria-labelledby="pay-h" data-testid="pay-due">
      <p className="text-sm font-semibold text-stone-500">{t('eyebrow')}</p>
      <h1 id="pay-h" className="mt-1 text-xl font-bold">
        {t('heading', { amount })}
      </h1>
      <p className="mt-2 text-stone-700">{t('intro', { title: f.title })}</p>
      <p className="mt-2 text-stone-700" data-testid="pay-why">
        {t('why', { reason: t(`reason.${f.reason}`) })}
      </p>
      <dl className="mt-4 divide-y divide-stone-200 rounded-xl bg-stone-50 px-4 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4 py-2">
            <dt className="text-stone-600">{label}</dt>
            <dd
              className="text-right font-semibold"
              data-testid={label === t('facts.amount') ? 'pay-amount' : undefined}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-stone-600">{t('nothingYet')}</p>
      <PayForm
        token={token}
        demoMode={!env.STRIPE_PUBLISHABLE_KEY}
        publishableKey={env.STRIPE_PUBLISHABLE_KEY ?? null}
        words={{
          pay: t('form.pay', { amount }),
          paying: t('form.paying'),
          demoLegend: t('form.demoLegend'),
          demoIntro: t('form.demoIntro'),
          declined: Object.fromEntries(
            (
              [
                'insufficientFunds',
                'expiredCard',
                'holdExpired',
                'authenticationRequired',
                'processing',
                'lostOrStolen',
                'declined',
              ] as const
            ).map((k) => [k, t('form.declined', { reason: t(`reason.${k}`) })]),
          ),
          rateLimited: t('form.rateLimited'),
          unavailable: t('form.unavailable'),
          processing: t('form.processing'),
          failed: t('form.failed'),
          authTitle: t('form.authTitle'),
          authTest: t('form.authTest'),
          approve: t('form.approve'),
          refuse: t('form.refuse'),
        }}
      />
    </section>
  );
}
