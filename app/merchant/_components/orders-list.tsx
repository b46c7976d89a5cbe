'use client';
// The merchant's orders, across deals or for one: filters (deal, status, pickup point, country) kept in the
// address, each order with what the merchant may read (contact and address only for won groups) and the
// next step it can take (ship with tracking, delivered, ready, picked up, redeemed). Live: re-fetches on
// every change of the merchant's deals.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useLiveMerchant } from '@/app/_components/use-live-merchant';
import { useTRPC } from '@/app/_trpc/client';
import { buttonClass, Field, inputClass } from '@/app/merchant/_components/field';
import { StatusBadge } from '@/app/merchant/_components/status-badge';
import { errorFields, errorMessage } from '@/app/merchant/_lib/errors';
import { ORDER_STATUSES, type OrderStatus } from '@/db/schema/statuses';
import type { MerchantOrder, OrderFilter } from '@/server/merchant-orders/list-orders';

type Filter = Omit<OrderFilter, 'status'> & { status?: OrderStatus };

/** A country's name in the reader's language (Intl), or its code. */
export function useCountryName(): (code: string) => string {
  const locale = useLocale();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return (code: string) => names.of(code) ?? code;
  }, [locale]);
}

/** Keeps the order queries fresh while the page is open. */
function useOrdersLive() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refetch = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.merchantOrders.pathKey() });
  }, [queryClient, trpc]);
  useLiveMerchant(refetch);
}

/** The order list page's body. */
export function OrdersList({ filter }: { filter: Filter }) {
  const t = useTranslations('orders');
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const countryName = useCountryName();
  useOrdersLive();
  const list = useQuery(trpc.merchantOrders.list.queryOptions(filter));
  const choices = useQuery(trpc.merchantOrders.filters.queryOptions());
  const deal = choices.data?.deals.find((d) => d.id === filter.dealId) ?? null;
  const point = deal?.pickupPoints.find((p) => p.id === filter.pickupPointId) ?? null;
  const points = deal
    ? deal.pickupPoints
    : (choices.data?.deals.flatMap((d) =>
        d.pickupPoints.map((p) => ({ ...p, name: `${p.name} · ${d.title}` })),
      ) ?? []);

  const setFilter = (next: Filter) => {
    const params = new URLSearchParams();
    if (next.dealId) params.set('deal', next.dealId);
    if (next.status) params.set('status', next.status);
    if (next.pickupPointId) params.set('point', next.pickupPointId);
    if (next.country) params.set('country', next.country);
    const q = params.toString();
    router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
  };

  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href={deal ? `/merchant/deals/${deal.id}` : '/merchant'} className="text-brand-700 underline">
            ← {deal ? deal.title : t('nav.dashboard')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">
          {deal ? t('list.titleForDeal', { title: deal.title }) : t('list.title')}
        </h1>
        <p className="text-sm text-stone-600">{t('list.intro')}</p>
        <nav aria-label={t('nav.label')} className="flex flex-wrap gap-2 print:hidden">
          <Link href="/merchant/orders/import" className={buttonClass.secondary}>
            {t('nav.import')}
          </Link>
          {/* A document load, not a client navigation: the desk's page brings its own camera permission. */}
          <a href="/merchant/pickup" className={buttonClass.secondary}>
            {t('nav.desk')}
          </a>
          {deal ? (
            <Link href={`/merchant/orders/print/packing?deal=${deal.id}`} className={buttonClass.secondary}>
              {t('nav.printPacking')}
            </Link>
          ) : null}
          {deal && point ? (
            <Link
              href={`/merchant/orders/print/pickup?deal=${deal.id}&point=${encodeURIComponent(point.id)}`}
              className={buttonClass.secondary}
            >
              {t('nav.printPickup', { point: point.name })}
            </Link>
          ) : null}
        </nav>
      </header>

      <form
        aria-label={t('list.filters')}
        className="grid gap-3 rounded-xl border border-stone-200 bg-stone-50 p-4 sm:grid-cols-2 lg:grid-cols-4 print:hidden"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label={t('list.deal')} htmlFor="f-deal">
          <select
            id="f-deal"
            className={inputClass}
            value={filter.dealId ?? ''}
            onChange={(e) =>
              setFilter({ ...filter, dealId: e.target.value || undefined, pickupPointId: undefined })
            }
          >
            <option value="">{t('list.allDeals')}</option>
            {choices.data?.deals.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('list.status')} htmlFor="f-status">
          <select
            id="f-status"
            className={inputClass}
            value={filter.status ?? ''}
            onChange={(e) =>
              setFilter({ ...filter, status: (e.target.value || undefined) as OrderStatus | undefined })
            }
          >
            <option value="">{t('list.allStatuses')}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t('status', { status: s })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('list.point')} htmlFor="f-point">
          <select
            id="f-point"
            className={inputClass}
            value={filter.pickupPointId ?? ''}
            onChange={(e) => setFilter({ ...filter, pickupPointId: e.target.value || undefined })}
          >
            <option value="">{t('list.allPoints')}</option>
            {points.map((p) => (
              <option key={`${p.id}-${p.name}`} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('list.country')} htmlFor="f-country">
          <select
            id="f-country"
            className={inputClass}
            value={filter.country ?? ''}
            onChange={(e) => setFilter({ ...filter, country: e.target.value || undefined })}
          >
            <option value="">{t('list.allCountries')}</option>
            {choices.data?.countries.map((c) => (
              <option key={c} value={c}>
                {countryName(c)}
              </option>
            ))}
          </select>
        </Field>
      </form>

      {deal && point ? <PointReady dealId={deal.id} point={point} /> : null}

      {list.error ? <p role="alert">{errorMessage(list.error, t('list.error'))}</p> : null}
      {!list.data && !list.error ? <p className="text-stone-500">{t('list.loading')}</p> : null}
      {list.data ? (
        <section aria-labelledby="orders-h" className="space-y-3">
          <h2 id="orders-h" className="text-lg font-bold" data-testid="orders-count">
            {t('list.count', { count: list.data.orders.length })}
          </h2>
          {list.data.truncated ? (
            <p className="text-sm text-amber-800">
              {t('list.truncated', { count: list.data.orders.length })}
            </p>
          ) : null}
          {list.data.orders.length === 0 ? <p className="text-sm text-stone-500">{t('list.empty')}</p> : null}
          <ul className="space-y-3">
            {list.data.orders.map((o) => (
              <OrderCard key={o.id} o={o} countryName={countryName} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** "Mark all ready" for the chosen deal's pickup point. */
function PointReady({ dealId, point }: { dealId: string; point: { id: string; name: string } }) {
  const t = useTranslations('orders');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ready = useMutation(
    trpc.merchantOrders.pointReady.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.merchantOrders.pathKey() }),
    }),
  );
  return (
    <div className="flex flex-wrap items-center gap-3 print:hidden">
      <button
        type="button"
        className={buttonClass.primary}
        disabled={ready.isPending}
        onClick={() => ready.mutate({ dealId, pointId: point.id })}
      >
        {t('list.allReady', { point: point.name })}
      </button>
      <p role="status" className="text-sm text-stone-700">
        {ready.data ? t('list.allReadyDone', { count: ready.data.ready, point: point.name }) : null}
        {ready.error ? errorMessage(ready.error, t('list.error')) : null}
      </p>
    </div>
  );
}

type Step = 'deliver' | 'ready' | 'pickUp' | 'redeem';

/** The steps an order can take next, by method and status (the server checks again). */
function nextSteps(o: MerchantOrder): { ship: boolean; steps: Step[] } {
  if (o.group.status !== 'won') return { ship: false, steps: [] };
  if (o.method === 'shipping') {
    return { ship: o.status === 'to_fulfil', steps: o.status === 'shipped' ? ['deliver'] : [] };
  }
  if (o.method === 'pickup') {
    if (o.status === 'to_fulfil') return { ship: false, steps: ['ready', 'pickUp'] };
    if (o.status === 'ready') return { ship: false, steps: ['pickUp'] };
    return { ship: false, steps: [] };
  }
  return { ship: false, steps: o.status === 'issued' ? ['redeem'] : [] };
}

function OrderCard({ o, countryName }: { o: MerchantOrder; countryName: (code: string) => string }) {
  const t = useTranslations('orders');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shipping, setShipping] = useState(false);
  const move = useMutation(
    trpc.merchantOrders.move.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.merchantOrders.pathKey() }),
    }),
  );
  const { ship, steps } = nextSteps(o);
  const when = (d: Date | string | null) =>
    d
      ? new Date(d).toLocaleString(locale, {
          month: 'short',
          day: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
        })
      : '';
  const doneAt = o.deliveredAt ?? o.shippedAt;
  return (
    <li
      className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
      data-testid={`order-${o.number}`}
      aria-labelledby={`order-${o.id}-h`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={`order-${o.id}-h`} className="font-mono text-base font-bold">
          {o.number}
        </h3>
        <StatusBadge status={o.status} label={t('status', { status: o.status })} />
        <span className="text-sm text-stone-600">{t('method', { method: o.method })}</span>
      </div>
      <div className="mt-2 grid gap-3 text-sm md:grid-cols-3">
        <div>
          <p className="font-semibold">{t('list.buyer', { alias: o.alias, quantity: o.quantity })}</p>
          <p className="text-stone-600">
            {o.deal.title} ·{' '}
            <Link href={`/merchant/groups/${o.group.id}`} className="text-brand-700 underline">
              {t('list.group', { code: o.group.code })}
            </Link>
          </p>
        </div>
        <div>
          {o.contact ? (
            <>
              <p>
                <a href={`mailto:${o.contact.email}`} className="break-all text-brand-700 underline">
                  {o.contact.email}
                </a>
              </p>
              {o.contact.phone ? (
                <p>
                  <a href={`tel:${o.contact.phone.replace(/\s/g, '')}`} className="text-brand-700 underline">
                    {o.contact.phone}
                  </a>
                </p>
              ) : null}
              {o.contact.addressLines.length > 0 ? (
                <address className="mt-1 whitespace-pre-line text-stone-800 not-italic">
                  {o.contact.addressLines.join('\n')}
                </address>
              ) : null}
              {o.country && o.contact.addressLines.length === 0 ? (
                <p className="text-xs text-stone-500">{countryName(o.country)}</p>
              ) : null}
            </>
          ) : (
            <p className="text-stone-500">{t('list.privateUntilWon')}</p>
          )}
        </div>
        <div className="space-y-1">
          {o.pickupPoint ? <p>{t('list.pickupAt', { point: o.pickupPoint.name })}</p> : null}
          {o.code ? (
            <p>
              {t.rich('list.code', { code: o.code, mono: (c) => <span className="font-mono">{c}</span> })}
            </p>
          ) : null}
          {o.trackingNumber ? (
            <p>
              {t('list.tracking', { carrier: o.carrier ?? '', number: o.trackingNumber })}
              {o.trackingUrl ? (
                <>
                  {' · '}
                  <a
                    href={o.trackingUrl}
                    className="text-brand-700 underline"
                    rel="noreferrer noopener"
                    target="_blank"
                  >
                    {t('list.trackingLink')}
                  </a>
                </>
              ) : null}
            </p>
          ) : null}
          {doneAt && o.method === 'shipping' ? (
            <p className="text-xs text-stone-500">
              {t('list.since', { status: t('status', { status: o.status }), when: when(doneAt) })}
            </p>
          ) : null}
          {o.pickedUpAt || o.redeemedAt ? (
            <p className="text-xs text-stone-500">
              {t('list.since', {
                status: t('status', { status: o.status }),
                when: when(o.pickedUpAt ?? o.redeemedAt),
              })}
            </p>
          ) : null}
        </div>
      </div>
      {ship || steps.length > 0 ? (
        <div className="mt-3 flex flex-wrap gap-2 print:hidden">
          {ship && !shipping ? (
            <button
              type="button"
              className={buttonClass.primary}
              aria-label={t('actions.forOrder', { action: t('actions.ship'), number: o.number })}
              onClick={() => setShipping(true)}
            >
              {t('actions.ship')}
            </button>
          ) : null}
          {steps.map((s) => (
            <button
              key={s}
              type="button"
              className={buttonClass.secondary}
              disabled={move.isPending}
              aria-label={t('actions.forOrder', { action: t(`actions.${s}`), number: o.number })}
              onClick={() => move.mutate({ orderId: o.id, move: s })}
            >
              {t(`actions.${s}`)}
            </button>
          ))}
        </div>
      ) : null}
      {move.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {errorMessage(move.error, t('list.error'))}
        </p>
      ) : null}
      {shipping ? <ShipForm orderId={o.id} number={o.number} onDone={() => setShipping(false)} /> : null}
    </li>
  );
}

/** Carrier, tracking number and an optional link for one order. */
function ShipForm({ orderId, number, onDone }: { orderId: string; number: string; onDone: () => void }) {
  const t = useTranslations('orders');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [carrier, setCarrier] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [trackingUrl, setTrackingUrl] = useState('');
  const ship = useMutation(
    trpc.merchantOrders.ship.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.merchantOrders.pathKey() });
        onDone();
      },
    }),
  );
  const fields = errorFields(ship.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ship.mutate({ orderId, carrier, trackingNumber, trackingUrl });
  };
  return (
    <form
      onSubmit={submit}
      aria-label={t('actions.forOrder', { action: t('actions.ship'), number })}
      className="mt-3 grid gap-3 rounded-lg border border-stone-200 bg-stone-50 p-3 sm:grid-cols-3"
    >
      <Field label={t('actions.carrier')} htmlFor={`${id}-carrier`} error={fields.carrier}>
        <input
          id={`${id}-carrier`}
          className={inputClass}
          required
          maxLength={100}
          value={carrier}
          onChange={(e) => setCarrier(e.target.value)}
        />
      </Field>
      <Field label={t('actions.trackingNumber')} htmlFor={`${id}-number`} error={fields.trackingNumber}>
        <input
          id={`${id}-number`}
          className={inputClass}
          required
          maxLength={100}
          value={trackingNumber}
          onChange={(e) => setTrackingNumber(e.target.value)}
        />
      </Field>
      <Field label={t('actions.trackingUrl')} htmlFor={`${id}-url`} error={fields.trackingUrl}>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          className={inputClass}
          maxLength={500}
          placeholder="https://"
          value={trackingUrl}
          onChange={(e) => setTrackingUrl(e.target.value)}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-2 sm:col-span-3">
        <button type="submit" className={buttonClass.primary} disabled={ship.isPending}>
          {t('actions.saveShipped')}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onDone}>
          {t('actions.cancel')}
        </button>
        {ship.error && Object.keys(fields).length === 0 ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(ship.error, t('list.error'))}
          </p>
        ) : null}
      </div>
    </form>
  );
}
