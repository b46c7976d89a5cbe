'use client';
// The merchant's home: deals with their live groups, refreshed by the live feed (no reload needed).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { CopyButton } from '@/app/_components/copy-button';
import { SignOutButton } from '@/app/me/sign-out-button';
import { useTRPC } from '@/app/_trpc/client';
import { InboxLink } from './inbox/inbox-link';
import type { DashboardDeal } from '@/server/merchant-console/get-merchant-dashboard';
import { buttonClass } from './_components/field';
import { LiveGroupRow } from './_components/live-group-row';
import { StatusBadge } from './_components/status-badge';
import { useConsoleLive } from './_components/use-console-live';
import { useConsoleWords } from './_components/use-console-words';
import { errorMessage } from './_lib/errors';

function OpenGroupButton({ dealId }: { dealId: string }) {
  const { t } = useConsoleWords();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const open = useMutation(
    trpc.groups.open.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.console.pathKey() }),
    }),
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={open.isPending}
        onClick={() => open.mutate({ dealId, asMerchant: true })}
        className={buttonClass.secondary}
      >
        {open.isPending ? t('words.opening') : t('words.openGroup')}
      </button>
      {open.data ? (
        <span className="flex min-w-0 items-center gap-2 text-sm">
          <a href={open.data.url} className="truncate font-mono text-brand-700 underline">
            {open.data.url}
          </a>
          <CopyButton text={open.data.url} />
        </span>
      ) : null}
      {open.error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(open.error, t('words.genericError'))}
        </p>
      ) : null}
    </div>
  );
}

function DealCard({ d }: { d: DashboardDeal }) {
  const { t, money, dealStatus } = useConsoleWords();
  const first = d.tiers[0];
  const best = d.tiers.at(-1);
  return (
    <li className="rounded-xl border border-stone-200 bg-stone-50 p-4" data-testid="dashboard-deal">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        {d.imageUrl ? <img src={d.imageUrl} alt="" className="h-14 w-14 rounded-lg object-cover" /> : null}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-bold">
              <Link href={`/merchant/deals/${d.id}`} className="hover:underline">
                {d.title}
              </Link>
            </h2>
            <StatusBadge status={d.status} label={dealStatus(d.status)} />
          </div>
          <p className="text-sm text-stone-600">
            {first && best
              ? t('dashboard.priceLine', {
                  first: money(first.unitPrice, d.currency),
                  firstCount: first.minMembers,
                  best: money(best.unitPrice, d.currency),
                  bestCount: best.minMembers,
                  list: money(d.listPrice, d.currency),
                })
              : null}
          </p>
          <p className="text-xs text-stone-500">
            {t('dashboard.counts', { open: d.counts.open, won: d.counts.won, failed: d.counts.failed })}
          </p>
        </div>
        <div className="flex shrink-0 gap-2">
          <Link href={`/merchant/deals/${d.id}/edit`} className={buttonClass.secondary}>
            {t('dashboard.edit')}
          </Link>
          <Link href={`/merchant/deals/${d.id}`} className={buttonClass.secondary}>
            {t('dashboard.insights')}
          </Link>
        </div>
      </div>
      {d.status === 'active' ? (
        <div className="mt-3">
          <OpenGroupButton dealId={d.id} />
        </div>
      ) : null}
      {d.liveGroups.length > 0 ? (
        <section className="mt-3" aria-label={t('dashboard.liveGroupsFor', { title: d.title })}>
          <ul className="space-y-2">
            {d.liveGroups.map((g) => (
              <LiveGroupRow key={g.id} g={g} />
            ))}
          </ul>
        </section>
      ) : d.status === 'active' ? (
        <p className="mt-3 text-sm text-stone-500">{t('dashboard.noLiveGroups')}</p>
      ) : null}
    </li>
  );
}

/** The dashboard body. */
export function Dashboard({
  shopName,
  initial,
  canTakePayments = true,
}: {
  shopName: string;
  initial: { deals: DashboardDeal[] };
  /** The shop's Stripe account takes card payments (false: not connected, or Stripe needs more). */
  canTakePayments?: boolean;
}) {
  const { t } = useConsoleWords();
  const ordersT = useTranslations('orders');
  const trpc = useTRPC();
  // Starts from the server's render (never "Loading…" on arrival), refetched on each live event.
  const q = useQuery({ ...trpc.console.dashboard.queryOptions(), initialData: initial });
  const live = useConsoleLive();
  const [filter, setFilter] = useState<'all' | 'active'>('all');
  const deals = (q.data?.deals ?? []).filter((d) => filter === 'all' || d.status === 'active');
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div>
          <h1 className="text-2xl font-bold">{shopName}</h1>
          <p className="text-sm text-stone-500" aria-live="polite">
            {live.connected ? t('dashboard.live') : t('dashboard.connecting')}
          </p>
        </div>
        <span className="ml-auto flex flex-wrap gap-2">
          <SignOutButton to="/merchant/sign-in?from=signed-out" className={buttonClass.secondary} />
          <InboxLink className={buttonClass.secondary} />
          <Link href="/merchant/communities" className={buttonClass.secondary}>
            {t('communities.link')}
          </Link>
          <Link href="/merchant/orders" className={buttonClass.secondary}>
            {ordersT('links.orders')}
          </Link>
          <Link href="/merchant/payments" className={buttonClass.secondary}>
            {t('payments.link')}
          </Link>
          <Link href="/merchant/profile" className={buttonClass.secondary}>
            {t('dashboard.shopProfile')}
          </Link>
          <Link href="/merchant/notifications" className={buttonClass.secondary}>
            {t('notifications.link')}
          </Link>
          <Link href="/merchant/deals/new" className={buttonClass.primary}>
            {t('dashboard.newDeal')}
          </Link>
        </span>
      </div>
      {!canTakePayments ? (
        <div
          className="mb-4 flex flex-wrap items-center gap-3 rounded-xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-200"
          data-testid="connect-banner"
        >
          <p className="min-w-[16rem] flex-1">
            <span className="block font-semibold">{t('dashboard.connectTitle')}</span>
            <span className="block text-sm">{t('dashboard.connectBody')}</span>
          </p>
          <Link href="/merchant/payments" className={buttonClass.primary}>
            {t('dashboard.connectLink')}
          </Link>
        </div>
      ) : null}
      <div className="mb-3 flex gap-2 text-sm" role="group" aria-label={t('dashboard.show')}>
        {(['all', 'active'] as const).map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
            className={`rounded-full px-3 py-1 ${filter === f ? 'bg-stone-900 text-white' : 'bg-stone-200 text-stone-800'}`}
          >
            {f === 'all' ? t('dashboard.allDeals') : t('dashboard.liveDeals')}
          </button>
        ))}
      </div>
      {q.isPending ? <p className="text-stone-500">{t('dashboard.loadingDeals')}</p> : null}
      {q.error ? (
        <p role="alert" className="text-red-700">
          {errorMessage(q.error, t('words.genericError'))}
        </p>
      ) : null}
      {q.data && q.data.deals.length === 0 ? (
        <div className="rounded-xl border border-dashed border-stone-300 p-8 text-center">
          <p className="font-semibold">{t('dashboard.noDeals')}</p>
          <p className="mt-1 text-sm text-stone-600">{t('dashboard.noDealsHint')}</p>
          <Link href="/merchant/deals/new" className={`${buttonClass.primary} mt-4 inline-block`}>
            {t('dashboard.createFirst')}
          </Link>
        </div>
      ) : null}
      <ul className="space-y-4">
        {deals.map((d) => (
          <DealCard key={d.id} d={d} />
        ))}
      </ul>
    </div>
  );
}
