// What a shopper reads about a deal's fulfilment options before joining, on the deal page and the group page:
// where it ships and for how much, when it leaves, the pickup points with their hours and window, how long a
// voucher is valid. A server component (no JavaScript: the group page must read complete without it). Names,
// addresses, hours and instructions are the merchant's words (data); everything around them is the catalog's.
// Edit when an option gains a field shoppers should read before joining.
import { getLocale, getTranslations } from 'next-intl/server';
import { countryChoices } from '@/app/g/[code]/address-form/layout';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import type { Locale } from '@/i18n/locales';
import { formatMoney } from '@/server/pricing/currency';

type Props = {
  fulfilment: FulfilmentOptions;
  currency: string;
  /** The language the merchant wrote the deal in, for the lang of their words when it is not the page's. */
  textLang?: string;
};

/** The deal's options, plainly; nothing at all for a deal that offers none (it cannot be joined). */
export async function FulfilmentSummary({ fulfilment, currency, textLang }: Props) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('fulfilment.options')]);
  const { shipping, pickup, voucher } = fulfilment;
  const points = pickup?.points ?? [];
  const offered = [shipping, points.length > 0, voucher].filter(Boolean).length;
  if (offered === 0) return null;
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });

  return (
    <section
      aria-labelledby="fulfilment-h"
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="fulfilment-summary"
    >
      <h2 id="fulfilment-h" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      {offered > 1 ? <p className="mt-1 text-sm text-stone-700">{t('chooseOne')}</p> : null}
      <div className="mt-3 space-y-4">
        {shipping ? (
          <div data-testid="fulfilment-shipping">
            <h3 className="font-semibold">{t('shipping.title')}</h3>
            <ul className="mt-1 space-y-0.5 text-sm text-stone-800">
              <li>
                {t('shipping.to', {
                  countries: list.format(
                    countryChoices(shipping.countries, locale as Locale).map((c) => c.name),
                  ),
                })}
              </li>
              <li>
                {shipping.pricing === 'included'
                  ? t('shipping.included')
                  : t(shipping.pricing === 'per_order' ? 'shipping.perOrder' : 'shipping.perUnit', {
                      price: formatMoney(shipping.price, currency, locale),
                    })}
              </li>
              <li>{t('shipping.dispatch', { days: shipping.dispatchDays })}</li>
            </ul>
          </div>
        ) : null}
        {points.length > 0 ? (
          <div data-testid="fulfilment-pickup">
            <h3 className="font-semibold">{t('pickup.title')}</h3>
            <p className="mt-1 text-sm text-stone-700">{t('pickup.intro', { count: points.length })}</p>
            <ul className="mt-2 space-y-2">
              {points.map((p) => (
                <li key={p.id} className="rounded-lg bg-stone-50 px-3 py-2 text-sm">
                  <p className="font-medium" lang={textLang}>
                    {p.name}
                  </p>
                  <p className="whitespace-pre-line text-stone-800" lang={textLang}>
                    {p.address}
                  </p>
                  <p className="text-stone-700">{t('pickup.hours', { hours: p.hours })}</p>
                  <p className="text-stone-700">{t('pickup.window', { days: p.windowDays })}</p>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {voucher ? (
          <div data-testid="fulfilment-voucher">
            <h3 className="font-semibold">{t('voucher.title')}</h3>
            <p className="mt-1 text-sm text-stone-800">
              {t('voucher.validUntil', { date: date.format(new Date(`${voucher.validUntil}T00:00:00Z`)) })}
            </p>
            {voucher.instructions ? (
              <p className="mt-1 text-sm whitespace-pre-line text-stone-700" lang={textLang}>
                {voucher.instructions}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
