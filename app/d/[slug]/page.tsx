// The deal page: what the deal is, its price ladder, a button to open a new group, and the groups about
// to fill (aliases, counts and time left only: DESIGN rule 6).
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { otherLang } from '@/i18n/locales';
import { Avatar } from '@/app/_components/avatar';
import { serverCaller } from '@/app/_trpc/server';
import { formatMoney } from '@/server/pricing/currency';
import {
  dealBestPriceLine,
  dealMetaDescription,
  dealOpenerRewardLine,
  dealSaveBadge,
  dealWindowSentence,
  endsInSentence,
  groupHeadline,
  joinedCount,
  ladderSteps,
  priceEach,
} from '@/server/share/group-words';
import { wordsFor } from '@/server/share/words-for';
import { pickMessages } from '@/i18n/messages';
import { DealPlaceholder } from '@/app/_components/deal-placeholder';
import { OpenGroupButton } from './open-group-button';
import { ShopCard } from '@/app/_components/shop-card';
import { paymentModeFor } from '@/server/pricing/payment-mode';
import { FulfilmentSummary } from '@/app/_components/fulfilment-summary';

type Props = { params: Promise<{ slug: string }> };

export const dynamic = 'force-dynamic';

// A missing deal is null here: metadata must not throw, or the 404 page would only render with JavaScript.
const findDeal = cache(async (slug: string) => {
  if (slug.length > 200) return null;
  const caller = await serverCaller();
  try {
    return await caller.deals.bySlug({ slug });
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const d = await findDeal((await params).slug);
  const [locale, t] = await Promise.all([getLocale(), getTranslations('deal.page')]);
  if (!d) return { title: t('notFoundTitle') };
  const w = wordsFor(locale);
  return {
    title: d.title,
    description: dealMetaDescription(
      w,
      d.bestPrice,
      d.currency,
      d.bestSavings.percent,
      d.description.slice(0, 140),
    ),
    openGraph: {
      title: t('ogTitle', { title: d.title, price: dealBestPriceLine(w, d.bestPrice, d.currency) }),
      description: d.description.slice(0, 200),
      images: d.imageUrl ? [d.imageUrl] : [],
    },
  };
}

export default async function DealPage({ params }: Props) {
  const { slug } = await params;
  const d = (await findDeal(slug)) ?? notFound();
  const [locale, t] = await Promise.all([getLocale(), getTranslations('deal')]);
  const w = wordsFor(locale);
  const names = (aliases: readonly string[]) => aliases.join(t('aliasSeparator'));
  const caller = await serverCaller();
  const groups = await caller.groups.aboutToFill({ slug });
  const now = Date.now();
  const deal = { currency: d.currency, listPrice: d.listPrice, tiers: d.tiers, confirmedCount: 0 };
  const save = dealSaveBadge(w, d.bestSavings.percent);
  const reward = dealOpenerRewardLine(w, d.currency, d.openerReward);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-x-8">
      <div className="space-y-4">
        {d.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={d.imageUrl}
            alt=""
            width={1200}
            height={800}
            className="aspect-[3/2] max-h-80 w-full rounded-2xl bg-stone-200 object-cover"
          />
        ) : (
          <DealPlaceholder title={d.title} className="h-28 rounded-2xl text-5xl sm:h-36" />
        )}
        <p className="text-sm font-medium text-stone-600">{d.merchant.name}</p>
        <h1 lang={otherLang(d.titleLocale, locale)} className="text-2xl font-bold tracking-tight sm:text-3xl">
          {d.title}
        </h1>
        <p className="flex flex-wrap items-baseline gap-x-3">
          <span className="text-3xl font-extrabold">{dealBestPriceLine(w, d.bestPrice, d.currency)}</span>
          <s className="text-stone-600">
            <span className="sr-only">{t('listPrice')} </span>
            {formatMoney(d.listPrice, d.currency, w.locale)}
          </s>
          {save && (
            <span className="rounded-full bg-green-100 px-2 py-0.5 text-sm font-semibold text-green-800">
              {save}
            </span>
          )}
        </p>
        {d.description && (
          <p lang={otherLang(d.descriptionLocale, locale)} className="whitespace-pre-line text-stone-800">
            {d.description}
          </p>
        )}
        <section
          aria-labelledby="ladder-h"
          className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        >
          <h2 id="ladder-h" className="text-lg font-semibold">
            {t('page.ladderHeading')}
          </h2>
          <ol className="mt-3 space-y-2">
            {ladderSteps(w, { ...deal, status: 'open' }).map((step) => (
              <li key={step.minMembers} className="flex justify-between rounded-lg bg-stone-50 px-3 py-2">
                <span className="first-letter:uppercase">{step.from}</span>
                <span className="font-semibold tabular-nums">{priceEach(w, step.unitPrice, d.currency)}</span>
              </li>
            ))}
          </ol>
          <p className="mt-3 text-sm text-stone-700" data-testid="deal-window">
            {dealWindowSentence(w, d.windowSeconds, d.minMembers)}
          </p>
        </section>
        <FulfilmentSummary fulfilment={d.fulfilment} currency={d.currency} />
        <ShopCard shop={d.merchant} savesCard={paymentModeFor(d.windowSeconds) === 'save_card'} />
      </div>

      <div className="space-y-4">
        <section
          aria-labelledby="start-h"
          className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        >
          <h2 id="start-h" className="text-lg font-semibold">
            {t('page.startHeading')}
          </h2>
          <p className="mt-1 mb-3 text-sm text-stone-700">{t('page.startIntro')}</p>
          {reward && d.acceptingNewGroups && (
            <p
              className="mb-3 rounded-lg bg-amber-50 p-3 text-sm font-semibold text-amber-950 ring-1 ring-amber-200"
              data-testid="opener-reward-offer"
            >
              {reward}
            </p>
          )}
          {d.acceptingNewGroups ? (
            <NextIntlClientProvider locale={locale} messages={pickMessages(locale, ['common', 'deal'])}>
              <OpenGroupButton dealId={d.id} />
            </NextIntlClientProvider>
          ) : (
            <p className="font-medium text-stone-800">{t('page.paused')}</p>
          )}
        </section>
        <section
          aria-labelledby="fill-h"
          className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        >
          <h2 id="fill-h" className="text-lg font-semibold">
            {t('page.fillHeading')}
          </h2>
          {groups.length === 0 ? (
            <p className="mt-2 text-stone-600">{t('page.noGroups')}</p>
          ) : (
            <ul className="mt-3 space-y-3" data-testid="about-to-fill">
              {groups.map((g) => {
                const facts = {
                  ...deal,
                  tiers: g.tiers,
                  confirmedCount: g.confirmedCount,
                  status: 'open' as const,
                };
                return (
                  <li key={g.code} className="rounded-xl bg-stone-50 p-3 ring-1 ring-stone-200">
                    <div className="flex items-center justify-between gap-2">
                      <span className="flex -space-x-2">
                        {g.aliases.map((a, i) => (
                          <Avatar key={`${a}-${i}`} alias={a} size={30} />
                        ))}
                      </span>
                      <span className="text-sm text-stone-700">
                        {endsInSentence(w, new Date(g.deadline).getTime() - now)}
                      </span>
                    </div>
                    <p className="mt-2 text-sm">
                      {g.confirmedCount > g.aliases.length
                        ? t('page.andMore', {
                            names: names(g.aliases),
                            count: g.confirmedCount - g.aliases.length,
                          })
                        : names(g.aliases)}{' '}
                      · {joinedCount(w, g.confirmedCount)}
                    </p>
                    <p className="font-semibold" data-testid="group-headline">
                      {groupHeadline(w, facts)}
                    </p>
                    <Link
                      href={`/g/${g.code}`}
                      className="mt-2 inline-block rounded-lg bg-stone-900 px-3 py-2 text-sm font-semibold text-white hover:bg-stone-700"
                    >
                      {t('page.joinThis')}
                      <span className="sr-only">
                        {' '}
                        {t('page.joinThisWho', { names: names(g.aliases) || t('page.newGroup') })}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
