'use client';
// The shop's "Get paid" sections (issue 18): its Stripe account (connect, what Stripe still needs, ready),
// Flock's fee in words, the balance and payouts Stripe reports, and the money per month or week. The
// account state comes fresh from the server (re-read from Stripe on return from onboarding).
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import { bpsToPercent } from '@/app/merchant/_components/deal-form-model';
import { buttonClass } from '@/app/merchant/_components/field';
import { useConsoleWords } from '@/app/merchant/_components/use-console-words';
import { errorMessage } from '@/app/merchant/_lib/errors';
import type { MerchantPayouts, PeriodRow } from '@/server/payouts/merchant-payouts';
import { needsOf } from './requirement-words';

type Period = 'month' | 'week';
type Words = ReturnType<typeof useConsoleWords>;

const card = 'rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200';

/** "Connect with Stripe" / "Continue onboarding": asks the server where to go, then goes there. */
function ConnectButton({ label }: { label: string }) {
  const { t } = useConsoleWords();
  const trpc = useTRPC();
  const [leaving, setLeaving] = useState(false);
  const connect = useMutation(
    trpc.payouts.connect.mutationOptions({
      onSuccess: ({ url }) => {
        setLeaving(true);
        window.location.assign(url);
      },
    }),
  );
  return (
    <div className="space-y-2">
      <button
        type="button"
        className={buttonClass.primary}
        disabled={connect.isPending || leaving}
        onClick={() => connect.mutate({ for: 'merchant' })}
      >
        {connect.isPending || leaving ? t('getPaid.opening') : label}
      </button>
      {connect.error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errorMessage(connect.error, t('words.genericError'))}
        </p>
      ) : null}
    </div>
  );
}

function AccountSection({ data, refreshError }: { data: MerchantPayouts; refreshError: string | null }) {
  const { t, money } = useConsoleWords();
  const a = data.account;
  const needs = needsOf(a.requirementsDue);
  const fee = data.fee;
  const ready = a.connected && a.chargesEnabled && a.payoutsEnabled;
  return (
    <section className={`${card} space-y-3`} aria-labelledby="get-paid-h" data-testid="get-paid">
      <h2 id="get-paid-h" className="text-lg font-bold">
        {t('getPaid.title')}
      </h2>
      {refreshError ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {refreshError}
        </p>
      ) : null}
      {!a.connected ? (
        <>
          <p className="font-semibold" data-testid="account-state">
            {t('getPaid.notConnected')}
          </p>
          <p className="text-sm text-stone-700">{t('getPaid.notConnectedBody')}</p>
          <ConnectButton label={t('getPaid.connect')} />
        </>
      ) : (
        <>
          <p
            className={`font-semibold ${ready ? 'text-green-800' : 'text-amber-900'}`}
            data-testid="account-state"
          >
            {a.chargesEnabled ? t('getPaid.canTakePayments') : t('getPaid.cannotTakePayments')}
          </p>
          <ul className="flex flex-wrap gap-2 text-xs font-semibold">
            <li
              className={`rounded-full px-2 py-0.5 ${a.chargesEnabled ? 'bg-green-100 text-green-800' : 'bg-amber-100 text-amber-900'}`}
            >
              {a.chargesEnabled ? t('getPaid.chargesOn') : t('getPaid.chargesOff')}
            </li>
            <li
              className={`rounded-full px-2 py-0.5 ${a.payoutsEnabled ? 'bg-green-100 text-green-800' : 'bg-amber-100 text-amber-900'}`}
            >
              {a.payoutsEnabled ? t('getPaid.payoutsOn') : t('getPaid.payoutsOff')}
            </li>
          </ul>
          {needs.length > 0 || !ready ? (
            <div className="space-y-2">
              <p className="text-sm text-stone-800">
                {needs.length > 0 ? t('getPaid.needsIntro') : t('getPaid.reviewing')}
              </p>
              {needs.length > 0 ? (
                <ul className="list-disc space-y-1 pl-5 text-sm text-stone-800" data-testid="account-needs">
                  {needs.map((n) => (
                    <li key={n}>{t(`getPaid.needs.${n}`)}</li>
                  ))}
                </ul>
              ) : null}
              <ConnectButton label={t('getPaid.continue')} />
            </div>
          ) : null}
        </>
      )}
      <p className="border-t border-stone-100 pt-3 text-sm text-stone-700" data-testid="fee-terms">
        {fee.fixed > 0
          ? t('getPaid.fee', {
              percent: bpsToPercent(fee.bps) || '0',
              fixed: money(fee.fixed, fee.currency),
              example: money(fee.example.amount, fee.currency),
              exampleFee: money(fee.example.fee, fee.currency),
            })
          : t('getPaid.feePercentOnly', {
              percent: bpsToPercent(fee.bps) || '0',
              example: money(fee.example.amount, fee.currency),
              exampleFee: money(fee.example.fee, fee.currency),
            })}
      </p>
    </section>
  );
}

function BalanceSection({ data }: { data: MerchantPayouts }) {
  const { t, money, when } = useConsoleWords();
  const b = data.balance;
  const currencies = b
    ? [...new Set([...b.available, ...b.pending].map((x) => x.currency.toUpperCase()))].sort()
    : [];
  const sum = (rows: { amount: number; currency: string }[], c: string) =>
    rows.filter((r) => r.currency.toUpperCase() === c).reduce((s, r) => s + r.amount, 0);
  const statusOf = (s: string) => t('getPaid.payoutStatus', { status: s });
  return (
    <section className={`${card} space-y-4`} aria-labelledby="balance-h">
      <div>
        <h2 id="balance-h" className="text-lg font-bold">
          {t('getPaid.balanceTitle')}
        </h2>
        {!data.account.connected ? (
          <p className="text-sm text-stone-600">{t('getPaid.balanceNotConnected')}</p>
        ) : !b ? (
          <p className="text-sm text-stone-600">{t('getPaid.balanceUnavailable')}</p>
        ) : currencies.length === 0 ? (
          <p className="text-sm text-stone-600">{t('getPaid.balanceEmpty')}</p>
        ) : (
          <dl className="mt-2 grid gap-3 sm:grid-cols-2" data-testid="balance">
            {currencies.map((c) => (
              <div key={c} className="rounded-lg bg-stone-50 p-3 ring-1 ring-stone-200">
                <dt className="text-xs font-semibold text-stone-600">{c}</dt>
                <dd className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm">
                  <span>
                    {t('getPaid.available')}{' '}
                    <span className="font-semibold tabular-nums">{money(sum(b.available, c), c)}</span>
                  </span>
                  <span>
                    {t('getPaid.pending')}{' '}
                    <span className="font-semibold tabular-nums">{money(sum(b.pending, c), c)}</span>
                  </span>
                </dd>
              </div>
            ))}
          </dl>
        )}
        {b && currencies.length > 0 ? (
          <p className="mt-2 text-xs text-stone-500">{t('getPaid.balanceHelp')}</p>
        ) : null}
      </div>
      <div>
        <h3 className="font-bold">{t('getPaid.payoutsTitle')}</h3>
        {data.payouts.length === 0 ? (
          <p className="text-sm text-stone-600" data-testid="payouts-empty">
            {t('getPaid.payoutsEmpty')}
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100" data-testid="payouts">
            {data.payouts.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm">
                <span className="font-semibold tabular-nums">
                  {money(p.amount, p.currency.toUpperCase())}
                </span>
                <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold text-stone-800">
                  {statusOf(p.status)}
                </span>
                <span className="text-stone-600">
                  {p.arrivalDate
                    ? t('getPaid.arrives', { date: when(p.arrivalDate) })
                    : t('getPaid.created', { date: when(p.createdAt) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** "November 2026" or "Week of Nov 30, 2026" for a period's first day (UTC). */
function periodName(w: Words, start: string, period: Period): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (period === 'month')
    return d.toLocaleDateString(w.locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  return w.t('getPaid.weekOf', {
    date: d.toLocaleDateString(w.locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }),
  });
}

const COLUMNS = ['charges', 'gross', 'refunds', 'platformFee', 'commission', 'net'] as const;

function cell(w: Words, r: PeriodRow, k: (typeof COLUMNS)[number]): string {
  return k === 'charges' ? String(r.charges) : w.money(r[k], r.currency);
}

function ReportSection({
  data,
  period,
  onPeriod,
  loading,
}: {
  data: MerchantPayouts;
  period: Period;
  onPeriod: (p: Period) => void;
  loading: boolean;
}) {
  const w = useConsoleWords();
  const { t } = w;
  return (
    <section className={`${card} space-y-3`} aria-labelledby="report-h" data-testid="report">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="report-h" className="text-lg font-bold">
          {t('getPaid.reportTitle')}
        </h2>
        <div className="ml-auto flex gap-2 text-sm" role="group" aria-label={t('getPaid.reportBy')}>
          {(['month', 'week'] as const).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={period === p}
              onClick={() => onPeriod(p)}
              className={`rounded-full px-3 py-1 ${period === p ? 'bg-stone-900 text-white' : 'bg-stone-200 text-stone-800'}`}
            >
              {p === 'month' ? t('getPaid.byMonth') : t('getPaid.byWeek')}
            </button>
          ))}
        </div>
      </div>
      <p className="text-sm text-stone-600">{t('getPaid.reportHelp')}</p>
      {loading ? <p className="text-sm text-stone-500">{t('words.loading')}</p> : null}
      {data.periods.length === 0 ? (
        <p className="text-sm text-stone-600" data-testid="report-empty">
          {t('getPaid.reportEmpty')}
        </p>
      ) : (
        <>
          {/* Phones: one card per period. */}
          <ul className="space-y-3 sm:hidden">
            {data.periods.map((r) => (
              <li
                key={`${r.start}|${r.currency}`}
                className="rounded-lg bg-stone-50 p-3 ring-1 ring-stone-200"
              >
                <p className="font-semibold">
                  {periodName(w, r.start, period)} · {r.currency}
                </p>
                <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                  {COLUMNS.map((k) => (
                    <div key={k} className="contents">
                      <dt className="text-stone-600">{t(`getPaid.cols.${k}`)}</dt>
                      <dd className={`text-right tabular-nums ${k === 'net' ? 'font-semibold' : ''}`}>
                        {cell(w, r, k)}
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
          {/* Wider screens: a table. */}
          <div className="hidden overflow-x-auto sm:block">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('getPaid.reportTitle')}</caption>
              <thead className="bg-stone-100 text-xs text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {period === 'month' ? t('getPaid.cols.month') : t('getPaid.cols.week')}
                  </th>
                  {COLUMNS.map((k) => (
                    <th key={k} scope="col" className="px-3 py-2 text-right">
                      {t(`getPaid.cols.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.periods.map((r) => (
                  <tr key={`${r.start}|${r.currency}`} className="border-t border-stone-100">
                    <th scope="row" className="px-3 py-2 font-semibold">
                      {periodName(w, r.start, period)}
                      {data.periods.some((o) => o.currency !== r.currency) ? ` · ${r.currency}` : ''}
                    </th>
                    {COLUMNS.map((k) => (
                      <td
                        key={k}
                        className={`px-3 py-2 text-right tabular-nums ${k === 'net' ? 'font-semibold' : ''}`}
                      >
                        {cell(w, r, k)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Everything about getting paid, above the page's payments due and settings. */
export function GetPaid({
  initial,
  refreshError,
}: {
  initial: MerchantPayouts;
  refreshError: string | null;
}) {
  const { t } = useConsoleWords();
  const trpc = useTRPC();
  const [period, setPeriod] = useState<Period>('month');
  const q = useQuery({
    ...trpc.payouts.merchant.queryOptions({ period }),
    initialData: period === 'month' ? initial : undefined,
    placeholderData: (prev) => prev,
  });
  const data = q.data ?? initial;
  return (
    <div className="space-y-6">
      <AccountSection data={data} refreshError={refreshError} />
      {q.error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(q.error, t('words.genericError'))}
        </p>
      ) : null}
      <BalanceSection data={data} />
      <ReportSection data={data} period={period} onPeriod={setPeriod} loading={q.isPlaceholderData} />
    </div>
  );
}
