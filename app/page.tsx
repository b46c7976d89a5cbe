import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { serverCaller } from './_trpc/server';
import { otherLang } from '@/i18n/locales';
import { DealPlaceholder } from '@/app/_components/deal-placeholder';
import { formatMoney } from '@/server/pricing/currency';
import { dealBestPriceLine, dealSaveBadge, groupShortLine, openGroupsLine } from '@/server/share/group-words';
import { wordsFor } from '@/server/share/words-for';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const api = await serverCaller();
  const [locale, t] = await Promise.all([getLocale(), getTranslations('deal')]);
  const w = wordsFor(locale);
  const deals = await api.deals.listActive({ limit: 24 });
  // The open groups closest to their next price, so a visitor can join one straight from the home page.
  // Only groups someone has joined are listed (and counted): an empty group is not advertised.
  const groupsByDeal = new Map(
    await Promise.all(
      deals.map(
        async (d) =>
          [d.slug, d.openGroups > 0 ? await api.groups.aboutToFill({ slug: d.slug }) : []] as const,
      ),
    ),
  );
  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-gradient-to-br from-brand-600 to-brand-700 px-5 py-8 text-white sm:px-8">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t('home.heroTitle')}</h1>
        <p className="mt-3 max-w-xl text-brand-50">{t('home.heroBody')}</p>
      </section>

      <section aria-labelledby="deals-heading">
        <h2 id="deals-heading" className="text-xl font-semibold">
          {t('home.dealsHeading')}
        </h2>
        {deals.length === 0 ? (
          <p className="mt-4 text-stone-600">{t('home.noDeals')}</p>
        ) : (
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {deals.map((d) => (
              <li key={d.slug}>
                <Link
                  href={`/d/${d.slug}`}
                  className="group block overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm transition hover:shadow-md"
                >
                  {d.imageUrl ? (
                    <img src={d.imageUrl} alt="" className="aspect-[4/3] w-full object-cover" />
                  ) : (
                    <DealPlaceholder title={d.title} className="h-24 text-4xl" />
                  )}
                  <div className="space-y-1 p-4">
                    <p className="text-xs text-stone-600">{d.merchantName}</p>
                    <h3
                      lang={otherLang(d.titleLocale, locale)}
                      className="font-semibold group-hover:underline"
                    >
                      {d.title}
                    </h3>
                    <p>
                      <span className="text-lg font-bold text-brand-700">
                        {dealBestPriceLine(w, d.bestPrice, d.currency)}
                      </span>{' '}
                      <s className="text-sm text-stone-600">
                        <span className="sr-only">{t('listPrice')} </span>
                        {formatMoney(d.listPrice, d.currency, w.locale)}
                      </s>{' '}
                      {dealSaveBadge(w, d.bestSavingsPercent) && (
                        <span className="text-sm font-medium text-green-800">
                          {dealSaveBadge(w, d.bestSavingsPercent)}
                        </span>
                      )}
                    </p>
                    <p className="text-sm text-stone-700">
                      {openGroupsLine(w, (groupsByDeal.get(d.slug) ?? []).length)}
                    </p>
                  </div>
                </Link>
                {(groupsByDeal.get(d.slug) ?? []).slice(0, 2).map((g) => (
                  <Link
                    key={g.code}
                    href={`/g/${g.code}`}
                    className="mt-2 flex items-center justify-between rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm hover:border-brand-500"
                  >
                    <span>
                      {t('home.joinGroup', {
                        names: g.aliases.slice(0, 2).join(t('aliasSeparator')),
                        more: Math.max(0, g.confirmedCount - 2),
                      })}
                    </span>
                    <span className="text-right font-medium text-brand-700">
                      {groupShortLine(w, {
                        currency: d.currency,
                        listPrice: d.listPrice,
                        tiers: g.tiers,
                        confirmedCount: g.confirmedCount,
                        status: 'open',
                      })}
                    </span>
                  </Link>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
