'use client';
// The deal editor's fulfilment section: shipping (countries, price, dispatch), pickup points (name, address,
// hours, window, capacity) and a voucher (valid until, how to redeem), each turned on or off. Field ids follow
// the server's error keys (deal-fulfilment.shipping.price) so the editor can focus the first problem. A new
// pickup point gets its short random id here, and keeps it through every edit (orders refer to it).
// Edit when an option gains a field.
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import ja from 'i18n-iso-countries/langs/ja.json';
import zh from 'i18n-iso-countries/langs/zh.json';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { newPickupPointId } from '@/server/deals/fulfilment-input';
import type { FulfilmentForm, PickupRow } from './deal-form-model';
import { buttonClass, Field, inputClass } from './field';

countries.registerLocale(en);
countries.registerLocale(ja);
countries.registerLocale(zh);

const COUNTRY_LANG: Record<string, string> = { en: 'en', 'zh-CN': 'zh', ja: 'ja' };

type Props = {
  value: FulfilmentForm;
  currency: string;
  /** A group is open: the server refuses taking away what members joined on (the note says so). */
  locked: boolean;
  onChange: (next: FulfilmentForm, touchKey: string) => void;
  errorOf: (key: string) => string | undefined;
};

/** Every option a deal can offer buyers, with the server's words on each field. */
export function FulfilmentFields({ value, currency, locked, onChange, errorOf }: Props) {
  const t = useTranslations('merchant.fulfilment');
  const locale = useLocale();
  const lang = COUNTRY_LANG[locale] ?? 'en';
  const nameOf = (code: string) => countries.getName(code, lang) ?? countries.getName(code, 'en') ?? code;
  const allCountries = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return Object.entries(countries.getNames(lang))
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [lang, locale]);

  const set = (patch: Partial<FulfilmentForm>, touchKey: string) =>
    onChange({ ...value, ...patch }, touchKey);
  const setPoint = (i: number, patch: Partial<PickupRow>, field: string) =>
    set(
      { points: value.points.map((p, j) => (j === i ? { ...p, ...patch } : p)) },
      `fulfilment.pickup.points.${i}.${field}`,
    );
  const blankPoint = (): PickupRow => ({
    id: newPickupPointId(),
    name: '',
    address: '',
    hours: '',
    windowDays: '3',
    capacity: '',
  });

  const input = (key: string, label: string, v: string, onInput: (s: string) => void, hint?: string) => {
    const id = `deal-${key}`;
    const err = errorOf(key);
    return (
      <Field label={label} htmlFor={id} hint={hint} error={err}>
        <input
          id={id}
          value={v}
          onChange={(e) => onInput(e.target.value)}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `${id}-error` : undefined}
          className={inputClass}
        />
      </Field>
    );
  };
  const toggle = (id: string, label: string, on: boolean, flip: (on: boolean) => void) => (
    <label htmlFor={id} className="flex items-center gap-2 font-semibold text-stone-800">
      <input id={id} type="checkbox" checked={on} onChange={(e) => flip(e.target.checked)} />
      {label}
    </label>
  );
  const sectionError = (key: string) => {
    const err = errorOf(key);
    return err ? (
      <p id={`deal-${key}-error`} className="text-sm text-red-700">
        {err}
      </p>
    ) : null;
  };

  return (
    <fieldset
      className="space-y-4 rounded-xl p-3 ring-1 ring-stone-200"
      aria-describedby="deal-fulfilment-error"
    >
      <legend className="px-1 text-sm font-semibold text-stone-800">{t('legend')}</legend>
      <p className="text-sm text-stone-600">{t('intro')}</p>
      {locked ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('lockedNote')}</p>
      ) : null}
      {sectionError('fulfilment')}

      <div className="space-y-3">
        {toggle('deal-fulfilment.shipping', t('shipping.toggle'), value.shippingOn, (on) =>
          set({ shippingOn: on }, 'fulfilment.shipping'),
        )}
        {sectionError('fulfilment.shipping')}
        {value.shippingOn ? (
          <div className="space-y-3 pl-6">
            <div>
              <p className="mb-1 text-sm font-semibold text-stone-800">{t('shipping.countries')}</p>
              {value.countries.length === 0 ? (
                <p className="text-sm text-stone-500">{t('shipping.noCountries')}</p>
              ) : (
                <ul className="flex flex-wrap gap-2">
                  {value.countries.map((c) => (
                    <li
                      key={c}
                      className="flex items-center gap-1 rounded-full bg-stone-100 py-0.5 pr-1 pl-3 text-sm"
                    >
                      {nameOf(c)}
                      <button
                        type="button"
                        onClick={() =>
                          set(
                            { countries: value.countries.filter((x) => x !== c) },
                            'fulfilment.shipping.countries',
                          )
                        }
                        aria-label={t('shipping.removeCountry', { country: nameOf(c) })}
                        className="rounded-full px-1.5 text-stone-600 hover:bg-stone-200"
                      >
                        ×
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <select
                id="deal-fulfilment.shipping.countries"
                aria-label={t('shipping.addCountry')}
                value=""
                onChange={(e) => {
                  const code = e.target.value;
                  if (code && !value.countries.includes(code))
                    set({ countries: [...value.countries, code] }, 'fulfilment.shipping.countries');
                }}
                aria-invalid={errorOf('fulfilment.shipping.countries') ? true : undefined}
                className={`${inputClass} mt-2`}
              >
                <option value="">{t('shipping.addCountry')}</option>
                {allCountries
                  .filter((c) => !value.countries.includes(c.code))
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
              </select>
              {sectionError('fulfilment.shipping.countries')}
              {value.countries.map((_, i) => (
                <span key={i}>{sectionError(`fulfilment.shipping.countries.${i}`)}</span>
              ))}
            </div>
            <div className="grid grid-cols-2 gap-3">
              <Field label={t('shipping.pricing')} htmlFor="deal-fulfilment.shipping.pricing">
                <select
                  id="deal-fulfilment.shipping.pricing"
                  value={value.pricing}
                  onChange={(e) =>
                    set({ pricing: e.target.value as FulfilmentForm['pricing'] }, 'fulfilment.shipping.price')
                  }
                  className={inputClass}
                >
                  <option value="per_order">{t('shipping.perOrder')}</option>
                  <option value="per_unit">{t('shipping.perUnit')}</option>
                  <option value="included">{t('shipping.included')}</option>
                </select>
              </Field>
              {value.pricing !== 'included'
                ? input(
                    'fulfilment.shipping.price',
                    `${t('shipping.price')} (${currency})`,
                    value.shippingPrice,
                    (s) => set({ shippingPrice: s }, 'fulfilment.shipping.price'),
                  )
                : null}
              {input(
                'fulfilment.shipping.dispatchDays',
                t('shipping.dispatchDays'),
                value.dispatchDays,
                (s) => set({ dispatchDays: s }, 'fulfilment.shipping.dispatchDays'),
                t('shipping.dispatchHint'),
              )}
            </div>
          </div>
        ) : null}
      </div>

      <div className="space-y-3">
        {toggle('deal-fulfilment.pickup', t('pickup.toggle'), value.pickupOn, (on) =>
          set(
            { pickupOn: on, points: on && value.points.length === 0 ? [blankPoint()] : value.points },
            'fulfilment.pickup',
          ),
        )}
        {sectionError('fulfilment.pickup')}
        {value.pickupOn ? (
          <div className="space-y-3 pl-6">
            {sectionError('fulfilment.pickup.points')}
            {value.points.map((p, i) => {
              const key = (f: string) => `fulfilment.pickup.points.${i}.${f}`;
              return (
                <fieldset key={p.id} className="space-y-2 rounded-lg bg-stone-50 p-3">
                  <legend className="text-sm font-semibold">{t('pickup.point', { number: i + 1 })}</legend>
                  {sectionError(key('id'))}
                  {input(key('name'), t('pickup.name'), p.name, (s) => setPoint(i, { name: s }, 'name'))}
                  <Field
                    label={t('pickup.address')}
                    htmlFor={`deal-${key('address')}`}
                    error={errorOf(key('address'))}
                  >
                    <textarea
                      id={`deal-${key('address')}`}
                      rows={2}
                      value={p.address}
                      onChange={(e) => setPoint(i, { address: e.target.value }, 'address')}
                      aria-invalid={errorOf(key('address')) ? true : undefined}
                      className={inputClass}
                    />
                  </Field>
                  <Field
                    label={t('pickup.hours')}
                    htmlFor={`deal-${key('hours')}`}
                    error={errorOf(key('hours'))}
                  >
                    <input
                      id={`deal-${key('hours')}`}
                      value={p.hours}
                      placeholder={t('pickup.hoursPlaceholder')}
                      onChange={(e) => setPoint(i, { hours: e.target.value }, 'hours')}
                      aria-invalid={errorOf(key('hours')) ? true : undefined}
                      className={inputClass}
                    />
                  </Field>
                  <div className="grid grid-cols-2 gap-3">
                    {input(key('windowDays'), t('pickup.windowDays'), p.windowDays, (s) =>
                      setPoint(i, { windowDays: s }, 'windowDays'),
                    )}
                    {input(
                      key('capacity'),
                      t('pickup.capacity'),
                      p.capacity,
                      (s) => setPoint(i, { capacity: s }, 'capacity'),
                      t('pickup.capacityHint'),
                    )}
                  </div>
                  <button
                    type="button"
                    onClick={() =>
                      set({ points: value.points.filter((_, j) => j !== i) }, 'fulfilment.pickup.points')
                    }
                    className={buttonClass.danger}
                  >
                    {t('pickup.remove')}
                  </button>
                </fieldset>
              );
            })}
            <button
              type="button"
              onClick={() => set({ points: [...value.points, blankPoint()] }, 'fulfilment.pickup.points')}
              className={buttonClass.secondary}
            >
              {t('pickup.add')}
            </button>
          </div>
        ) : null}
      </div>

      <div className="space-y-3">
        {toggle('deal-fulfilment.voucher', t('voucher.toggle'), value.voucherOn, (on) =>
          set({ voucherOn: on }, 'fulfilment.voucher'),
        )}
        {sectionError('fulfilment.voucher')}
        {value.voucherOn ? (
          <div className="space-y-3 pl-6">
            <Field
              label={t('voucher.validUntil')}
              htmlFor="deal-fulfilment.voucher.validUntil"
              error={errorOf('fulfilment.voucher.validUntil')}
            >
              <input
                id="deal-fulfilment.voucher.validUntil"
                type="date"
                value={value.validUntil}
                onChange={(e) => set({ validUntil: e.target.value }, 'fulfilment.voucher.validUntil')}
                aria-invalid={errorOf('fulfilment.voucher.validUntil') ? true : undefined}
                className={inputClass}
              />
            </Field>
            <Field
              label={t('voucher.instructions')}
              htmlFor="deal-fulfilment.voucher.instructions"
              error={errorOf('fulfilment.voucher.instructions')}
            >
              <textarea
                id="deal-fulfilment.voucher.instructions"
                rows={2}
                value={value.instructions}
                placeholder={t('voucher.instructionsPlaceholder')}
                onChange={(e) => set({ instructions: e.target.value }, 'fulfilment.voucher.instructions')}
                className={inputClass}
              />
            </Field>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}
