// A buyer's order (one per membership): receipt, where the order is, tracking, the pickup QR code with place,
// hours and window, the voucher code, and who to ask. Only the buyer reads it: anyone else gets the 404 page
// (never a hint that the order exists). Server-rendered; no client JavaScript of its own.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatAddress } from '@cpsdqs/google-i18n-address';
import { otherLang } from '@/i18n/locales';
import { formatMoney } from '@/server/pricing/currency';
import { qrSvg } from '@/server/share/qr';
import { loadOrder, type BuyerOrderPage } from './load';
import { orderFacts, type OrderFacts } from './order-facts';

type Props = { params: Promise<{ memberId: string }> };

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { memberId } = await params;
  const [o, t, tc] = await Promise.all([
    loadOrder(memberId),
    getTranslations('fulfilment.order'),
    getTranslations('errors'),
  ]);
  if (!o) return { title: tc('order.notFound'), robots: { index: false } };
  return { title: t('metaTitle', { number: o.order.number }), robots: { index: false } };
}

const card = 'rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200';

export default async function OrderPage({ params }: Props) {
  const { memberId } = await params;
  const o = await loadOrder(memberId, { notFound: true });
  const [locale, t] = await Promise.all([getLocale(), getTranslations('fulfilment.order')]);
  // The receipt's numbers are the server's (get-buyer-order.ts); the timeline and a void order's reason are
  // decided here from the same facts.
  const f = orderFacts({ method: o.order.method, status: o.order.status, member: o.member, group: o.group });
  const r = o.receipt;
  const $ = (n: number) => formatMoney(n, o.group.currency, locale);
  const day = (d: Date | string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(typeof d === 'string' ? new Date(d) : d);
  const isoDay = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );

  return (
    <article aria-labelledby="order-h" className="mx-auto max-w-2xl space-y-4" data-testid="order-page">
      <p>
        <Link href="/me" className="text-sm font-semibold text-brand-700 underline">
          ← {t('back')}
        </Link>
      </p>
      <header>
        <h1 id="order-h" className="text-2xl font-bold tracking-tight">
          {t('title', { number: o.order.number })}
        </h1>
        <p className="mt-1 text-stone-700">
          {t('ofDeal')}{' '}
          <Link
            href={`/g/${o.group.code}`}
            lang={otherLang(o.deal.titleLocale, locale)}
            className="font-semibold text-brand-700 underline"
          >
            {o.deal.title}
          </Link>
        </p>
      </header>

      <StatusSection o={o} f={f} day={day} />

      <section aria-labelledby="receipt-h" className={card} data-testid="order-receipt">
        <h2 id="receipt-h" className="text-lg font-semibold">
          {t('receipt.heading')}
        </h2>
        <dl className="mt-2 space-y-1">
          <Row label={t('receipt.unitPrice')}>
            {t('receipt.unitPriceValue', { quantity: o.member.quantity, price: $(r.unitPrice) })}
          </Row>
          {r.saving > 0 && <Row label={t('receipt.saving')}>{$(r.saving)}</Row>}
          {o.order.method === 'shipping' && (
            <Row label={t('receipt.shipping')}>
              {r.shipping === 0 ? t('receipt.shippingIncluded') : $(r.shipping)}
            </Row>
          )}
          {r.held !== null && <Row label={t('receipt.held')}>{$(r.held)}</Row>}
          {r.paid !== null ? (
            <Row label={t('receipt.paidWallet')} strong>
              {$(r.paid)}
            </Row>
          ) : (
            <Row label={t('receipt.charged')} strong>
              {r.charged === null ? t('receipt.nothingCharged') : $(r.charged)}
            </Row>
          )}
          {r.refunded > 0 && <Row label={t('receipt.refunded')}>{$(r.refunded)}</Row>}
        </dl>
      </section>

      {o.order.status !== 'void' && o.order.method === 'shipping' && o.order.address && (
        <section aria-labelledby="ship-h" className={card} data-testid="order-shipping">
          <h2 id="ship-h" className="text-lg font-semibold">
            {t('shippingHeading')}
          </h2>
          <dl className="mt-2 space-y-2">
            <div>
              <dt className="text-sm text-stone-600">{t('shipTo')}</dt>
              <dd className="whitespace-pre-line">{await formatAddress(o.order.address)}</dd>
            </div>
            {o.order.carrier && (
              <div>
                <dt className="text-sm text-stone-600">{t('carrier')}</dt>
                <dd>{o.order.carrier}</dd>
              </div>
            )}
            {o.order.trackingNumber && (
              <div>
                <dt className="text-sm text-stone-600">{t('trackingNumber')}</dt>
                <dd className="font-mono" data-testid="tracking-number">
                  {o.order.trackingNumber}
                </dd>
              </div>
            )}
          </dl>
          {o.order.trackingUrl && (
            <p className="mt-3">
              <a
                href={o.order.trackingUrl}
                rel="noopener noreferrer"
                target="_blank"
                className="inline-block rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
              >
                {t('track')}
              </a>
            </p>
          )}
          {o.order.status === 'pending' || o.order.status === 'to_fulfil' ? (
            <p className="mt-2 text-sm text-stone-700">
              {t('dispatchEstimate', { days: o.deal.fulfilment.shipping?.dispatchDays ?? 0 })}
            </p>
          ) : null}
        </section>
      )}

      {o.order.status !== 'void' && o.order.method === 'pickup' && <PickupSection o={o} day={day} />}

      {o.order.status !== 'void' && o.order.method === 'voucher' && o.deal.fulfilment.voucher && (
        <section aria-labelledby="voucher-h" className={card} data-testid="order-voucher">
          <h2 id="voucher-h" className="text-lg font-semibold">
            {t('voucherHeading')}
          </h2>
          {o.order.voucherCode ? (
            <>
              <p className="mt-2 text-sm text-stone-600">{t('voucherCode')}</p>
              <p className="font-mono text-2xl font-bold tracking-widest" data-testid="voucher-code">
                {o.order.voucherCode}
              </p>
            </>
          ) : (
            <p className="mt-2 text-stone-700">{t('voucherLater')}</p>
          )}
          <p className="mt-2">{t('validUntil', { date: isoDay(o.deal.fulfilment.voucher.validUntil) })}</p>
          {o.deal.fulfilment.voucher.instructions && (
            <>
              <h3 className="mt-3 font-semibold">{t('howToRedeem')}</h3>
              <p className="whitespace-pre-line text-stone-800">{o.deal.fulfilment.voucher.instructions}</p>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="contact-h" className={card}>
        <h2 id="contact-h" className="text-lg font-semibold">
          {t('yourContact')}
        </h2>
        <dl className="mt-2 space-y-1">
          <Row label={t('email')}>{o.order.contactEmail}</Row>
          {o.order.phone && <Row label={t('phone')}>{o.order.phone}</Row>}
          <Row label={t('orderNumber')}>
            <span className="font-mono">{o.order.number}</span>
          </Row>
        </dl>
      </section>

      <section aria-labelledby="shop-h" className={card} data-testid="order-shop-contact">
        <h2 id="shop-h" className="text-lg font-semibold">
          {t('contactHeading')}
        </h2>
        {o.shop.contactEmail ? (
          <p className="mt-1">
            {t('contactShop', { shop: o.shop.name })}{' '}
            <a
              href={`mailto:${o.shop.contactEmail}?subject=${encodeURIComponent(o.order.number)}`}
              className="font-semibold text-brand-700 underline"
            >
              {o.shop.contactEmail}
            </a>
          </p>
        ) : (
          <p className="mt-1">{t('contactNone', { shop: o.shop.name })}</p>
        )}
        <p className="mt-2">
          <Link href={`/g/${o.group.code}`} className="text-sm font-semibold text-brand-700 underline">
            {t('groupLink')}
          </Link>
        </p>
      </section>
    </article>
  );
}

function Row({ label, strong, children }: { label: string; strong?: boolean; children: React.ReactNode }) {
  return (
    <div
      className={`flex justify-between gap-4 ${strong ? 'border-t border-stone-200 pt-1 font-semibold' : ''}`}
    >
      <dt>{label}</dt>
      <dd className="text-right tabular-nums">{children}</dd>
    </div>
  );
}

/** Where the order is: one plain sentence, then the steps of its method (or why there is nothing to do). */
async function StatusSection({
  o,
  f,
  day,
}: {
  o: BuyerOrderPage;
  f: OrderFacts;
  day: (d: Date | string) => string;
}) {
  const t = await getTranslations('fulfilment.order');
  const status = o.order.status;
  // A wallet paid now (WeChat Pay) was paid at join, never held or charged on a card (rule 12).
  const wallet = o.member.paymentKind === 'paid_now';
  const sentence =
    status === 'pending' && o.member.status === 'reserved'
      ? o.member.paymentKind === 'paid_now'
        ? t('status.pendingReservedWallet')
        : t('status.pendingReserved')
      : status === 'pending' && wallet
        ? t('status.pendingPaidWallet')
        : status === 'pending' && o.member.status === 'payment_due'
          ? t('status.pendingPaymentDue')
          : status === 'to_fulfil' && wallet
            ? t('status.toFulfilWallet')
            : t(`status.${status}`);
  const stepDate: Partial<Record<string, Date | string | null>> = {
    joined: o.order.createdAt,
    won: o.group.closedAt,
    shipped: o.order.shippedAt,
    delivered: o.order.deliveredAt,
    ready: o.order.readyAt,
    pickedUp: o.order.pickedUpAt,
    redeemed: o.order.redeemedAt,
  };
  return (
    <section aria-labelledby="status-h" className={card} data-testid="order-status">
      <h2 id="status-h" className="text-lg font-semibold">
        {t('statusHeading')}
      </h2>
      <p className="mt-1 text-stone-900" data-testid="order-status-sentence">
        {sentence}
      </p>
      {o.member.status === 'payment_due' && (
        // The member's own fix page (server/groups/RECOVERY.md), through their session.
        <p className="mt-2">
          <a
            href={`/pay/me/${o.member.id}`}
            className="inline-block rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
          >
            {t('payNow')}
          </a>
        </p>
      )}
      {f.voidReason && (
        <p className="mt-1 text-stone-700">
          {wallet && (f.voidReason === 'failed' || f.voidReason === 'canceled' || f.voidReason === 'expired')
            ? t(`voidWhyWallet.${f.voidReason}`)
            : t(`voidWhy.${f.voidReason}`)}
        </p>
      )}
      {f.timeline && (
        <ol className="mt-3 space-y-2">
          {f.timeline.steps.map((step, i) => {
            const done = i <= (f.timeline?.current ?? -1);
            const now = i === f.timeline?.current;
            const when = done ? stepDate[step] : null;
            return (
              <li key={step} className="flex items-start gap-3" aria-current={now ? 'step' : undefined}>
                <span
                  aria-hidden="true"
                  className={`mt-1 h-3 w-3 shrink-0 rounded-full ${
                    now ? 'bg-brand-600 ring-4 ring-brand-100' : done ? 'bg-green-600' : 'bg-stone-300'
                  }`}
                />
                <span className={done ? 'text-stone-900' : 'text-stone-500'}>
                  <span className={now ? 'font-semibold' : undefined}>
                    {step === 'won' && wallet ? t('step.wonWallet') : t(`step.${step}`)}
                  </span>
                  <span className="sr-only"> ({now ? t('stepNow') : done ? t('stepDone') : ''})</span>
                  {when && <span className="ml-2 text-sm text-stone-600">{day(when)}</span>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The pickup QR code with the code in text, the place, its hours and the window to collect. */
async function PickupSection({ o, day }: { o: BuyerOrderPage; day: (d: Date | string) => string }) {
  const t = await getTranslations('fulfilment.order');
  const point = o.pickupPoint;
  const code = o.order.pickupCode;
  const qr = code ? await qrSvg(code, t('qrTitle', { code })) : null;
  const closedAt = o.group.closedAt;
  const until =
    point && closedAt ? new Date(new Date(closedAt).getTime() + point.windowDays * 86_400_000) : null;
  return (
    <section aria-labelledby="pickup-h" className={card} data-testid="order-pickup">
      <h2 id="pickup-h" className="text-lg font-semibold">
        {t('pickupHeading')}
      </h2>
      {code && qr ? (
        <div className="mt-2 flex flex-col items-center gap-2 text-center">
          <p className="text-stone-700">{t('pickupCodeHelp')}</p>
          <div className="w-56 max-w-full" dangerouslySetInnerHTML={{ __html: qr }} />
          <p className="text-sm text-stone-600">{t('pickupCode')}</p>
          <p className="font-mono text-2xl font-bold tracking-widest" data-testid="pickup-code">
            {code}
          </p>
        </div>
      ) : (
        <p className="mt-2 text-stone-700">{t('pickupCodeLater')}</p>
      )}
      {point && (
        <dl className="mt-3 space-y-2">
          <div>
            <dt className="text-sm text-stone-600">{t('place')}</dt>
            <dd>
              <span className="block font-semibold">{point.name}</span>
              <span className="block whitespace-pre-line">{point.address}</span>
            </dd>
          </div>
          {point.hours && (
            <div>
              <dt className="text-sm text-stone-600">{t('hours')}</dt>
              <dd>{point.hours}</dd>
            </div>
          )}
          <div>
            <dt className="text-sm text-stone-600">{t('window')}</dt>
            <dd>
              {until
                ? t('windowUntil', { date: day(until) })
                : t('windowAfterClose', { days: point.windowDays })}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
