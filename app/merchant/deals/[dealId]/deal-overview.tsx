'use client';
// One deal: its status and actions, every group with members and money, and its insights — live.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { Countdown } from '@/app/_components/countdown';
import { useTRPC } from '@/app/_trpc/client';
import { buttonClass } from '@/app/merchant/_components/field';
import { GroupActions } from '@/app/merchant/_components/group-actions';
import { InsightsPanel } from '@/app/merchant/_components/insights-panel';
import { tierLine } from '@/app/merchant/_components/live-group-row';
import { StatusBadge } from '@/app/merchant/_components/status-badge';
import { useConsoleLive } from '@/app/merchant/_components/use-console-live';
import { useConsoleWords } from '@/app/merchant/_components/use-console-words';
import { errorMessage } from '@/app/merchant/_lib/errors';

/** The deal page body. */
export function DealOverview({ dealId, appUrl }: { dealId: string; appUrl: string }) {
  const w = useConsoleWords();
  const { t, money } = w;
  const ordersT = useTranslations('orders');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useConsoleLive();
  const deal = useQuery(trpc.deals.get.queryOptions({ dealId }));
  const groups = useQuery(trpc.console.dealGroups.queryOptions({ dealId }));
  const insights = useQuery(trpc.console.insights.queryOptions({ dealId }));
  const opts = { onSuccess: () => queryClient.invalidateQueries() };
  const publish = useMutation(trpc.deals.publish.mutationOptions(opts));
  const pause = useMutation(trpc.deals.pause.mutationOptions(opts));
  const open = useMutation(trpc.groups.open.mutationOptions(opts));
  const actionError = publish.error ?? pause.error ?? open.error;

  const d = deal.data;
  if (deal.error) return <p role="alert">{errorMessage(deal.error, t('words.genericError'))}</p>;
  if (!d) return <p className="text-stone-500">{t('words.loading')}</p>;
  const publicUrl = `${appUrl}/d/${d.slug}`;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/merchant" className="text-brand-700 underline">
            {t('words.backToDashboard')}
          </Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold">{d.title}</h1>
          <StatusBadge status={d.status} label={w.dealStatus(d.status)} />
        </div>
        {d.status === 'active' ? (
          <p className="text-sm">
            {t('overview.dealPage')}{' '}
            <a href={publicUrl} className="font-mono break-all text-brand-700 underline">
              {publicUrl}
            </a>
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Link href={`/merchant/deals/${d.id}/edit`} className={buttonClass.secondary}>
            {t('words.editDeal')}
          </Link>
          {d.status === 'draft' || d.status === 'paused' ? (
            <button
              type="button"
              className={buttonClass.primary}
              disabled={publish.isPending}
              onClick={() => publish.mutate({ dealId })}
            >
              {d.status === 'paused' ? t('overview.resume') : t('words.publish')}
            </button>
          ) : null}
          {d.status === 'active' ? (
            <>
              <button
                type="button"
                className={buttonClass.primary}
                disabled={open.isPending}
                onClick={() => open.mutate({ dealId, asMerchant: true })}
              >
                {t('words.openGroup')}
              </button>
              <button
                type="button"
                className={buttonClass.secondary}
                disabled={pause.isPending}
                onClick={() => pause.mutate({ dealId })}
              >
                {t('words.pause')}
              </button>
            </>
          ) : null}
          <a href={`/api/merchant/deals/${d.id}/members.csv`} download className={buttonClass.secondary}>
            {t('words.exportCsv')}
          </a>
          <Link href={`/merchant/orders?deal=${d.id}`} className={buttonClass.secondary}>
            {ordersT('links.dealOrders')}
          </Link>
        </div>
        {open.data ? (
          <p role="status" className="text-sm text-green-800">
            {t('overview.groupOpened')}{' '}
            <a className="font-mono underline" href={open.data.url}>
              {open.data.url}
            </a>
          </p>
        ) : null}
        {actionError ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(actionError, t('words.genericError'))}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="groups-h" className="space-y-2">
        <h2 id="groups-h" className="text-xl font-bold">
          {t('overview.groups')}
        </h2>
        {groups.data?.length === 0 ? (
          <p className="text-sm text-stone-500">{t('overview.noGroups')}</p>
        ) : null}
        <ul className="space-y-2">
          {groups.data?.map((g) => (
            <li
              key={g.id}
              className="rounded-lg border border-stone-200 bg-white p-3"
              data-testid={`deal-group-${g.code}`}
            >
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link
                  href={`/merchant/groups/${g.id}`}
                  className="text-sm font-semibold text-brand-700 underline"
                >
                  {w.groupName(g)}
                </Link>
                <StatusBadge status={g.status} label={w.groupStatus(g.status)} />
                <span className="text-sm tabular-nums">
                  {g.status === 'open' || g.status === 'closing'
                    ? t('words.joinedOfMax', { joined: g.confirmedCount, max: g.maxMembers })
                    : t('overview.settled', { captured: g.members.captured, released: g.members.released })}
                </span>
                {g.members.paymentDue > 0 ? (
                  <span
                    className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900"
                    data-testid="group-payments-due"
                  >
                    {t('payments.count', { count: g.members.paymentDue })}
                  </span>
                ) : null}
                {g.status === 'open' ? (
                  <Countdown deadline={new Date(g.deadline).toISOString()} className="ml-auto text-sm" />
                ) : (
                  <span className="ml-auto text-xs text-stone-500">
                    {t('overview.closed', { when: w.when(g.closedAt) })}
                  </span>
                )}
              </div>
              <p className="mt-1 text-sm text-stone-700">
                {g.status === 'won'
                  ? t('overview.finalPrice', { price: money(g.unitPrice, g.currency) })
                  : tierLine(w, g)}
              </p>
              <div className="mt-1 flex flex-wrap items-center gap-3 text-xs text-stone-600">
                <span>{t('overview.held', { amount: money(g.money.held, g.currency) })}</span>
                <span>{t('overview.captured', { amount: money(g.money.captured, g.currency) })}</span>
                <span>{t('overview.refunded', { amount: money(g.money.refunded, g.currency) })}</span>
                <span className="ml-auto flex gap-2">
                  <GroupActions group={g} />
                </span>
              </div>
            </li>
          ))}
        </ul>
      </section>

      {insights.data ? <InsightsPanel i={insights.data} /> : null}
    </div>
  );
}
