'use client';
// What the join form asks about the goods: how they reach the buyer (when the deal offers several ways), a
// contact e-mail and phone, then only what the chosen way needs: a shipping address laid out for its country
// (address-form/route.ts, Google's address data), or a pickup point. The state lives in the join form, so a
// refused join keeps everything typed. Edit when an option asks for something new.
import dynamic from 'next/dynamic';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import type { FulfilmentMethod } from '@/db/schema';
import type { FulfilmentOptions, PickupPoint, ShippingAddress } from '@/db/schema/fulfilment-options';
import type { OrderChoice } from '@/server/orders/order-choice';
import { formatMoney } from '@/server/pricing/currency';
import type { AddressFormAnswer, AddressLayout } from './address-form/types';

// Stripe's Address Element, only with a real Stripe key (the demo uses the form below).
const StripeAddress = dynamic(() => import('./stripe-address'), { ssr: false });

/** What the buyer has chosen and typed so far (kept across refusals). */
export type FulfilmentDraft = {
  method: FulfilmentMethod | null;
  contactEmail: string;
  phone: string;
  countryCode: string;
  /** Typed address fields by Google's names (name, streetAddress, postalCode …), kept when the country changes. */
  address: Record<string, string>;
  pickupPointId: string | null;
};

/** Per-field messages: contactEmail, phone, method, pickupPointId, countryCode and the address fields. */
export type FulfilmentErrors = Record<string, string | undefined>;

/** The methods a deal offers, in the order the form lists them. */
export function offeredMethods(f: FulfilmentOptions): FulfilmentMethod[] {
  const out: FulfilmentMethod[] = [];
  if (f.shipping) out.push('shipping');
  if (f.pickup && f.pickup.points.length > 0) out.push('pickup');
  if (f.voucher) out.push('voucher');
  return out;
}

/** A fresh draft: the only method preselected when there is one. */
export function emptyDraft(f: FulfilmentOptions): FulfilmentDraft {
  const methods = offeredMethods(f);
  const points = f.pickup?.points ?? [];
  return {
    method: methods.length === 1 ? (methods[0] ?? null) : null,
    contactEmail: '',
    phone: '',
    countryCode: f.shipping?.countries.length === 1 ? (f.shipping.countries[0] ?? '') : '',
    address: {},
    pickupPointId: points.length === 1 ? (points[0]?.id ?? null) : null,
  };
}

/** The choice as the join sends it (server/orders/order-choice.ts checks it): only what the method needs. */
export function orderChoice(d: FulfilmentDraft): OrderChoice {
  const method = d.method ?? 'shipping';
  const address: ShippingAddress = {
    name: '',
    streetAddress: '',
    ...Object.fromEntries(Object.entries(d.address).filter(([, v]) => v.trim() !== '')),
    countryCode: d.countryCode,
  };
  return {
    method,
    contactEmail: d.contactEmail.trim(),
    phone: d.phone.trim() || undefined,
    address: method === 'shipping' ? address : undefined,
    pickupPointId: method === 'pickup' ? (d.pickupPointId ?? undefined) : undefined,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True when `email` looks like an address the server will accept (the server checks again). */
export function plausibleEmail(email: string): boolean {
  return EMAIL.test(email.trim());
}

const input = 'mt-1 block w-full rounded-lg border border-stone-400 px-3 py-2 text-base';

/** One contact field: its label, the input, why it is asked and the server's refusal, linked for readers. */
function ContactInput(props: {
  id: string;
  name: string;
  type: 'email' | 'tel';
  autoComplete: string;
  required?: boolean;
  label: string;
  help: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { id, error } = props;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type}
        inputMode={props.type}
        autoComplete={props.autoComplete}
        required={props.required}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-err` : ''}`}
        className={input}
      />
      <p id={`${id}-help`} className="mt-1 text-sm text-stone-600">
        {props.help}
      </p>
      <FieldError id={`${id}-err`} message={error} />
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-700">
      {message}
    </p>
  );
}

/** The fulfilment part of the join form (also the member panel's "change address / pickup point"). */
export function FulfilmentFields({
  code,
  options,
  currency,
  draft,
  onChange,
  errors,
  contact = true,
  placesLeft,
  publishableKey = null,
}: {
  code: string;
  options: FulfilmentOptions;
  currency: string;
  draft: FulfilmentDraft;
  onChange: (next: FulfilmentDraft) => void;
  errors: FulfilmentErrors;
  /** The join: ask the method, e-mail and phone; the member panel changes only the address or point. */
  contact?: boolean;
  /** Places left per pickup point id, when the server counted them (null = no limit). */
  placesLeft?: Readonly<Record<string, number | null>>;
  /** A real Stripe key: the delivery address is taken with Stripe's Address Element. */
  publishableKey?: string | null;
}) {
  const t = useTranslations('fulfilment.join');
  const locale = useLocale();
  const id = useId();
  const methods = offeredMethods(options);
  const set = (patch: Partial<FulfilmentDraft>) => onChange({ ...draft, ...patch });
  const money = (n: number) => formatMoney(n, currency, locale);
  const date = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );

  function methodLine(m: FulfilmentMethod): string[] {
    if (m === 'shipping' && options.shipping) {
      const s = options.shipping;
      const price =
        s.pricing === 'included'
          ? t('shippingIncluded')
          : s.pricing === 'per_order'
            ? t('shippingPerOrder', { price: money(s.price) })
            : t('shippingPerUnit', { price: money(s.price) });
      return [price, t('dispatch', { days: s.dispatchDays })];
    }
    if (m === 'pickup' && options.pickup) return [t('pickupPoints', { count: options.pickup.points.length })];
    if (m === 'voucher' && options.voucher)
      return [t('voucherSummary', { date: date(options.voucher.validUntil) })];
    return [];
  }

  return (
    <div className="mt-4 space-y-4">
      {/* The method is chosen once, at join: changing it means leaving and joining again. */}
      {contact && methods.length > 1 && (
        <fieldset aria-describedby={errors['method'] ? `${id}-method-err` : undefined}>
          <legend className="font-medium">{t('methodLegend')}</legend>
          <div className="mt-1 grid gap-2 sm:grid-cols-2">
            {methods.map((m) => (
              <label
                key={m}
                className={`flex cursor-pointer items-start gap-2 rounded-xl p-3 ring-1 ${
                  draft.method === m
                    ? 'bg-brand-50 ring-2 ring-brand-600'
                    : 'ring-stone-300 hover:bg-stone-50'
                }`}
              >
                <input
                  type="radio"
                  name="method"
                  value={m}
                  checked={draft.method === m}
                  onChange={() => set({ method: m })}
                  className="mt-1 h-4 w-4 accent-brand-600"
                />
                <span>
                  <span className="block font-semibold">{t(`method.${m}`)}</span>
                  {methodLine(m).map((line) => (
                    <span key={line} className="block text-sm text-stone-600">
                      {line}
                    </span>
                  ))}
                </span>
              </label>
            ))}
          </div>
          <FieldError id={`${id}-method-err`} message={errors['method']} />
        </fieldset>
      )}

      {contact && (
        <fieldset className="space-y-3">
          <legend className="font-medium">{t('contactLegend')}</legend>
          <ContactInput
            id={`${id}-email`}
            name="contactEmail"
            type="email"
            autoComplete="email"
            required
            label={t('emailLabel')}
            help={t('emailHelp')}
            value={draft.contactEmail}
            onChange={(contactEmail) => set({ contactEmail })}
            error={errors['contactEmail']}
          />
          <ContactInput
            id={`${id}-phone`}
            name="phone"
            type="tel"
            autoComplete="tel"
            label={t('phoneLabel')}
            help={t('phoneHelp')}
            value={draft.phone}
            onChange={(phone) => set({ phone })}
            error={errors['phone']}
          />
        </fieldset>
      )}

      {draft.method === 'shipping' && options.shipping && publishableKey && (
        <fieldset className="space-y-2" data-testid="address-fields">
          <legend className="font-medium">{t('addressLegend')}</legend>
          <StripeAddress
            publishableKey={publishableKey}
            countries={options.shipping.countries}
            onChange={(v) =>
              onChange({
                ...draft,
                countryCode: v.countryCode,
                address: v.address,
                phone: draft.phone || v.phone || '',
              })
            }
          />
          {/* The server still checks the address by its country's rules; its refusals are listed here. */}
          {Object.entries(errors)
            .filter(([key, message]) => message && (key.startsWith('address.') || key === 'countryCode'))
            .map(([key, message]) => (
              <FieldError key={key} id={`stripe-address-${key}`} message={message} />
            ))}
        </fieldset>
      )}
      {draft.method === 'shipping' && options.shipping && !publishableKey && (
        <AddressFields code={code} draft={draft} onChange={onChange} errors={errors} />
      )}
      {draft.method === 'pickup' && options.pickup && (
        <PickupChoice
          points={options.pickup.points}
          placesLeft={placesLeft}
          value={draft.pickupPointId}
          onChange={(pickupPointId) => set({ pickupPointId })}
          error={errors['pickupPointId']}
        />
      )}
    </div>
  );
}

/** Country, then the fields that country's post uses, in its order, with its names for them. */
function AddressFields({
  code,
  draft,
  onChange,
  errors,
}: {
  code: string;
  draft: FulfilmentDraft;
  onChange: (next: FulfilmentDraft) => void;
  errors: FulfilmentErrors;
}) {
  const t = useTranslations('fulfilment.join');
  const label = useTranslations('fulfilment.address.label');
  const locale = useLocale();
  const id = useId();
  const [answer, setAnswer] = useState<AddressFormAnswer | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const country = draft.countryCode;

  useEffect(() => {
    let live = true;
    setFailed(false);
    const q = country ? `?country=${encodeURIComponent(country)}` : '';
    fetch(`/g/${encodeURIComponent(code)}/address-form${q}`, { headers: { accept: 'application/json' } })
      .then(async (r) => {
        if (!r.ok) throw new Error(String(r.status));
        const a = (await r.json()) as AddressFormAnswer;
        if (!live) return;
        setAnswer(a);
        // The only country a deal ships to is chosen for the buyer.
        if (!country && a.layout) onChange({ ...draft, countryCode: a.layout.countryCode });
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
    // Refetch on a new country, a retry or a new language only; the draft is read as it is then.
  }, [code, country, attempt, locale]);

  const layout: AddressLayout | null = answer?.layout?.countryCode === country ? answer.layout : null;
  const fieldError = (name: string) => errors[`address.${name}`] ?? errors[name];

  return (
    <fieldset className="space-y-3" data-testid="address-fields">
      <legend className="font-medium">{t('addressLegend')}</legend>
      <div>
        <label htmlFor={`${id}-country`} className="block text-sm font-medium">
          {t('countryLabel')}
        </label>
        <select
          id={`${id}-country`}
          name="countryCode"
          autoComplete="country"
          value={country}
          onChange={(e) => onChange({ ...draft, countryCode: e.target.value })}
          aria-invalid={fieldError('countryCode') ? true : undefined}
          aria-describedby={fieldError('countryCode') ? `${id}-country-err` : undefined}
          className={`${input} bg-white`}
        >
          <option value="">{t('chooseArea')}</option>
          {(answer?.countries ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-country-err`} message={fieldError('countryCode')} />
      </div>
      {failed ? (
        <p role="alert" className="text-sm text-red-800">
          {t('addressUnavailable')}{' '}
          <button
            type="button"
            onClick={() => setAttempt((n) => n + 1)}
            className="font-semibold text-brand-700 underline"
          >
            {t('retry')}
          </button>
        </p>
      ) : country && !layout ? (
        <p className="text-sm text-stone-600">{t('loadingAddress')}</p>
      ) : (
        layout?.fields.map((f) => {
          const fid = `${id}-${f.name}`;
          const err = fieldError(f.name);
          const name = label(f.label);
          const value = draft.address[f.name] ?? '';
          const setValue = (v: string) => onChange({ ...draft, address: { ...draft.address, [f.name]: v } });
          const described = [f.example ? `${fid}-ex` : '', err ? `${fid}-err` : ''].filter(Boolean).join(' ');
          return (
            <div key={f.name}>
              <label htmlFor={fid} className="block text-sm font-medium">
                {f.required ? name : t('optional', { label: name })}
              </label>
              {f.choices ? (
                <select
                  id={fid}
                  name={f.name}
                  value={value}
                  required={f.required}
                  autoComplete={AUTOCOMPLETE[f.name]}
                  onChange={(e) => setValue(e.target.value)}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={described || undefined}
                  className={`${input} bg-white`}
                >
                  <option value="">{t('chooseArea')}</option>
                  {f.choices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={fid}
                  name={f.name}
                  value={value}
                  required={f.required}
                  autoComplete={AUTOCOMPLETE[f.name]}
                  onChange={(e) => setValue(e.target.value)}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={described || undefined}
                  className={input}
                />
              )}
              {f.example && (
                <p id={`${fid}-ex`} className="mt-1 text-sm text-stone-600">
                  {t('postalExample', { example: f.example })}
                </p>
              )}
              <FieldError id={`${fid}-err`} message={err} />
            </div>
          );
        })
      )}
    </fieldset>
  );
}

// The browser's autofill names for Google's address fields.
const AUTOCOMPLETE: Record<string, string> = {
  name: 'shipping name',
  companyName: 'shipping organization',
  streetAddress: 'shipping street-address',
  city: 'shipping address-level2',
  cityArea: 'shipping address-level3',
  countryArea: 'shipping address-level1',
  postalCode: 'shipping postal-code',
  sortingCode: 'off',
};

/** The deal's pickup points as cards: name, address, hours, window and places left. */
function PickupChoice({
  points,
  placesLeft,
  value,
  onChange,
  error,
}: {
  points: PickupPoint[];
  placesLeft?: Readonly<Record<string, number | null>>;
  value: string | null;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const t = useTranslations('fulfilment.join');
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-err` : undefined} data-testid="pickup-points">
      <legend className="font-medium">{t('pickupLegend')}</legend>
      <div className="mt-1 space-y-2">
        {points.map((p) => {
          const left = placesLeft?.[p.id];
          const full = left === 0;
          return (
            <label
              key={p.id}
              className={`flex items-start gap-2 rounded-xl p-3 ring-1 ${
                full
                  ? 'cursor-not-allowed opacity-60 ring-stone-200'
                  : value === p.id
                    ? 'cursor-pointer bg-brand-50 ring-2 ring-brand-600'
                    : 'cursor-pointer ring-stone-300 hover:bg-stone-50'
              }`}
            >
              <input
                type="radio"
                name="pickupPointId"
                value={p.id}
                checked={value === p.id}
                disabled={full}
                onChange={() => onChange(p.id)}
                className="mt-1 h-4 w-4 accent-brand-600"
              />
              <span className="min-w-0 text-sm">
                <span className="block text-base font-semibold">{p.name}</span>
                <span className="block whitespace-pre-line text-stone-700">{p.address}</span>
                {p.hours && (
                  <span className="block text-stone-600">{t('pickupHours', { hours: p.hours })}</span>
                )}
                <span className="block text-stone-600">{t('pickupWindow', { days: p.windowDays })}</span>
                {left !== undefined && left !== null && (
                  <span className={`block font-medium ${full ? 'text-red-700' : 'text-stone-800'}`}>
                    {full ? t('pointFull') : t('placesLeft', { count: left })}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={`${id}-err`} message={error} />
    </fieldset>
  );
}
