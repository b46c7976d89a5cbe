// The shopper's earnings on /me (issue 18): commissions on friends their invite links brought, where each
// stands (waiting out the shop's refund window, needing a payout account, being paid, paid, taken back
// after a refund, nothing owed), totals per currency, the payout account, and the opener rewards received.
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { pickMessages } from '@/i18n/messages';
import type { Earning, EarningState, MyEarnings } from '@/server/payouts/my-earnings';
import { formatMoney } from '@/server/pricing/currency';
import { ConnectPayouts } from './connect-payouts';

const TONE: Record<EarningState, string> = {
  waiting: 'bg-sky-100 text-sky-900',
  needs_account: 'bg-amber-100 text-amber-900',
  paying: 'bg-sky-100 text-sky-900',
  paid: 'bg-green-100 text-green-800',
  void: 'bg-stone-200 text-stone-800',
};

const OWED: readonly EarningState[] = ['waiting', 'needs_account', 'paying'];

/** Paid and still-to-come amounts per currency (void earnings count for nothing). */
function totals(earnings: Earning[]): { currency: string; paid: number; due: number }[] {
  const by = new Map<string, { currency: string; paid: number; due: number }>();
  for (const e of earnings) {
    if (e.state === 'void') continue;
    const t = by.get(e.currency) ?? { currency: e.currency, paid: 0, due: 0 };
    if (e.state === 'paid') t.paid += e.amount;
    else if (OWED.includes(e.state)) t.due += e.amount;
    by.set(e.currency, t);
  }
  return [...by.values()];
}

/** The earnings section, or nothing when there is nothing true to say (no commission, reward or account). */
export async function Earnings({ data }: { data: MyEarnings }) {
  const { account, earnings, rewards } = data;
  if (earnings.length === 0 && rewards.length === 0 && !account.connected) return null;
  const [locale, t] = await Promise.all([getLocale(), getTranslations('me.earnings')]);
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const needsAccount = earnings.some((e) => e.state === 'needs_account');
  // Owed commissions are paid only into a connected account: say where it stands once there is one, and
  // offer to connect while anything owed still needs it.
  const owed = earnings.some((e) => OWED.includes(e.state));
  const ready = account.connected && account.payoutsEnabled && !needsAccount;
  const stateWords = (e: Earning): string => {
    switch (e.state) {
      case 'waiting':
        return t('state.waiting', { date: new Date(e.payableAt) });
      case 'paid':
        return e.paidAt ? t('state.paid', { date: new Date(e.paidAt) }) : t('state.paying');
      default:
        return t(`state.${e.state}`);
    }
  };

  return (
    <section
      aria-labelledby="earnings-h"
      className="mt-8 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="earnings"
    >
      <h2 id="earnings-h" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-stone-700">{t('intro')}</p>

      {(account.connected || owed) && (
        <div className="mt-3 rounded-xl bg-stone-50 p-3 ring-1 ring-stone-200" data-testid="payout-account">
          <p className="text-sm text-stone-800">
            {ready ? t('account.ready') : account.connected ? t('account.pending') : t('account.none')}
          </p>
          {!ready && (
            <NextIntlClientProvider locale={locale} messages={pickMessages(locale, ['me'])}>
              <ConnectPayouts started={account.connected} />
            </NextIntlClientProvider>
          )}
        </div>
      )}

      {earnings.length > 0 && (
        <>
          <h3 className="mt-4 font-semibold">{t('totalsHeading')}</h3>
          <ul className="mt-1 space-y-0.5 text-stone-800" data-testid="earnings-totals">
            {totals(earnings).map((x) => (
              <li key={x.currency} className="tabular-nums">
                {t('total', { paid: money(x.paid, x.currency), due: money(x.due, x.currency) })}
              </li>
            ))}
          </ul>
          <h3 className="mt-4 font-semibold">{t('commissionsHeading')}</h3>
          <ul className="mt-2 divide-y divide-stone-200" data-testid="commissions">
            {earnings.map((e) => (
              <li key={e.id} className="py-2" data-testid="commission" data-state={e.state}>
                <div className="flex items-start justify-between gap-3">
                  <p className="text-sm">
                    <Link href={`/g/${e.groupCode}`} className="hover:underline">
                      {t('commission', { buyer: e.buyerAlias, title: e.dealTitle })}
                    </Link>
                  </p>
                  <span className="shrink-0 font-semibold tabular-nums" data-testid="commission-amount">
                    {money(e.amount, e.currency)}
                  </span>
                </div>
                <p className="mt-1 flex flex-wrap gap-2 text-xs">
                  <span className={`rounded-full px-2 py-0.5 font-semibold ${TONE[e.state]}`}>
                    {stateWords(e)}
                  </span>
                  {e.reversed > 0 && (
                    <span className="rounded-full bg-stone-200 px-2 py-0.5 font-semibold text-stone-800">
                      {t('state.reversed', { amount: money(e.reversed, e.currency) })}
                    </span>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}

      {rewards.length > 0 && (
        <>
          <h3 className="mt-4 font-semibold">{t('rewardsHeading')}</h3>
          <ul className="mt-1 space-y-1 text-sm text-stone-800" data-testid="opener-rewards">
            {rewards.map((r) => (
              <li key={r.groupCode}>
                <Link href={`/g/${r.groupCode}`} className="hover:underline">
                  {t('reward', { amount: money(r.amount, r.currency), title: r.dealTitle })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
