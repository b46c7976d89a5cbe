'use client';
// The member's order inside their panel: where it goes (address or pickup point) or that a voucher comes,
// a link to the order page, and, while the group is open, "change address / pickup point" in place. The order
// is the member's own and private (DESIGN rule 13): it is read by the browser for its buyer only
// (orders.mine), never carried in the group's shared snapshot. Edit when a buyer may change more.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { lazyApi } from '@/app/_trpc/lazy-api';
import type { FulfilmentOptions, ShippingAddress } from '@/db/schema/fulfilment-options';
import type { FulfilmentMethod } from '@/db/schema';
import {
  FulfilmentFields,
  orderChoice,
  type FulfilmentDraft,
  type FulfilmentErrors,
} from './fulfilment-fields';

type MyOrder = {
  method: FulfilmentMethod;
  address: ShippingAddress | null;
  pickupPointId: string | null;
};

function draftOf(o: MyOrder): FulfilmentDraft {
  const { countryCode = '', ...address } = o.address ?? {};
  return {
    method: o.method,
    contactEmail: '',
    phone: '',
    countryCode,
    address: Object.fromEntries(Object.entries(address).filter(([, v]) => typeof v === 'string')),
    pickupPointId: o.pickupPointId,
  };
}

/** One line of an address for the panel: the recipient, then the place (city or area, postal code). */
function shortAddress(a: ShippingAddress): string {
  return [a.name, a.city ?? a.countryArea, a.postalCode, a.countryCode].filter(Boolean).join(', ');
}

/** The viewer's order in their member panel, with its change form while the group is open. */
export function OrderSummary({
  memberId,
  code,
  currency,
  fulfilment,
  open,
}: {
  memberId: string;
  code: string;
  currency: string;
  fulfilment: FulfilmentOptions;
  open: boolean;
}) {
  const t = useTranslations('fulfilment.order.panel');
  const [order, setOrder] = useState<MyOrder | null>(null);
  const [editing, setEditing] = useState<FulfilmentDraft | null>(null);
  const [errors, setErrors] = useState<FulfilmentErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void lazyApi()
      .then((api) => api.orders.mine.query({ memberId }))
      .then((o) => {
        if (live)
          setOrder({
            method: o.order.method,
            address: o.order.address,
            pickupPointId: o.order.pickupPointId,
          });
      })
      // No order to show (a membership from before orders, or a dropped connection): the panel goes on without.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [memberId]);

  async function save() {
    if (!editing || busy) return;
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const choice = orderChoice(editing);
      const res = await (
        await lazyApi()
      ).orders.update.mutate(
        editing.method === 'shipping'
          ? { memberId, address: choice.address }
          : { memberId, pickupPointId: choice.pickupPointId },
      );
      setOrder((o) => o && { ...o, address: res.address, pickupPointId: res.pickupPointId });
      setEditing(null);
      setSaved(true);
    } catch (err) {
      const data =
        err instanceof Error && 'data' in err
          ? (err.data as { fields?: Record<string, string> | null })
          : null;
      setErrors(data?.fields ?? {});
      setMessage(err instanceof Error ? err.message : null);
    } finally {
      setBusy(false);
    }
  }

  if (!order) return null;
  const point = fulfilment.pickup?.points.find((p) => p.id === order.pickupPointId) ?? null;
  const canChange = open && (order.method === 'shipping' || (fulfilment.pickup?.points.length ?? 0) > 1);

  return (
    <div className="mt-4 border-t border-stone-200 pt-3" data-testid="order-summary">
      {order.method === 'shipping' && order.address && (
        <p className="text-sm">
          <span className="font-medium">{t('delivery')}</span>{' '}
          <span data-testid="order-summary-place">{shortAddress(order.address)}</span>
        </p>
      )}
      {order.method === 'pickup' && point && (
        <p className="text-sm">
          <span className="font-medium">{t('pickup')}</span>{' '}
          <span data-testid="order-summary-place">{point.name}</span>
        </p>
      )}
      {order.method === 'voucher' && <p className="text-sm">{t('voucher')}</p>}
      {saved && (
        <p role="status" className="mt-1 text-sm font-medium text-green-800">
          {t('saved')}
        </p>
      )}

      {editing ? (
        <div className="mt-2">
          <FulfilmentFields
            code={code}
            options={fulfilment}
            currency={currency}
            draft={editing}
            onChange={setEditing}
            errors={errors}
            contact={false}
          />
          {message && (
            <p
              role="alert"
              className="mt-3 rounded-lg bg-red-50 p-3 text-sm font-medium text-red-800 ring-1 ring-red-200"
            >
              {message}
            </p>
          )}
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              onClick={save}
              disabled={busy}
              className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {busy ? t('saving') : t('save')}
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(null);
                setErrors({});
                setMessage(null);
              }}
              className="rounded-lg px-4 py-2 font-semibold text-stone-800 ring-1 ring-stone-400 hover:bg-stone-100"
            >
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1">
          <Link
            href={`/me/orders/${memberId}`}
            className="text-sm font-semibold text-brand-700 underline"
            data-testid="order-link"
          >
            {t('seeOrder')}
          </Link>
          {canChange && (
            <button
              type="button"
              onClick={() => {
                setSaved(false);
                setEditing(draftOf(order));
              }}
              className="text-sm font-semibold text-brand-700 underline"
            >
              {order.method === 'shipping' ? t('changeAddress') : t('changePoint')}
            </button>
          )}
        </div>
      )}
      {canChange && !editing && <p className="mt-1 text-xs text-stone-600">{t('untilClose')}</p>}
    </div>
  );
}
