'use client';
// Price, saving and where the group stands, updated live. A short celebration when the group reaches its
// minimum (it goes ahead) and when a cheaper price unlocks; never an "unlock" of a price that did not drop.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { formatMoney } from '@/server/pricing/currency';
import { groupHeadline, groupMoment, savingsBadge } from '@/server/share/group-words';
import { groupFacts } from './group-view';
import { useWords } from '@/app/_components/use-words';
import { useGroupView } from './live-group';

/** The current unit price (large), list price struck through, saving, and the progress bar. */
export function PricePanel() {
  const { view: g } = useGroupView();
  const w = useWords();
  const t = useTranslations('group.price');
  const money = (n: number) => formatMoney(n, g.currency, w.locale);
  const facts = groupFacts(g);
  const moment = groupMoment(facts);
  const badge = savingsBadge(w, facts);
  const [news, setNews] = useState<string | null>(null);
  const last = useRef({ tier: g.tierIndex, price: g.unitPrice });
  useEffect(() => {
    const before = last.current;
    last.current = { tier: g.tierIndex, price: g.unitPrice };
    if (g.status !== 'open' || g.tierIndex <= before.tier) return;
    setNews(
      g.unitPrice < before.price
        ? t('newsUnlocked', { price: money(g.unitPrice) })
        : t('newsAhead', { price: money(g.unitPrice) }),
    );
    // money() depends only on the currency, which a group never changes; the news is said in the language
    // of the moment it happened.
  }, [g.tierIndex, g.unitPrice, g.status]);
  // The news lasts a moment, and never outlives the open group (its own timer, so no other change cancels it).
  useEffect(() => {
    if (!news) return;
    const t = setTimeout(() => setNews(null), 2600);
    return () => clearTimeout(t);
  }, [news]);
  const shownNews = g.status === 'open' ? news : null;

  const open = g.status === 'open';
  const target =
    moment.kind === 'gathering'
      ? moment.minMembers
      : g.next
        ? g.next.minMembers
        : (g.ladder[g.ladder.length - 1]?.minMembers ?? g.confirmedCount);
  const percent = target > 0 ? Math.min(100, Math.round((g.confirmedCount / target) * 100)) : 100;

  return (
    <section
      aria-labelledby="price-heading"
      className={`relative overflow-hidden rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200 ${shownNews ? 'celebrate' : ''}`}
    >
      <h2 id="price-heading" className="sr-only">
        {t('heading')}
      </h2>
      <div aria-live="polite" aria-atomic="true">
        <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <span
            className="text-4xl font-extrabold tracking-tight text-stone-950 sm:text-5xl"
            data-testid="unit-price"
          >
            {money(g.unitPrice)}
          </span>
          <span className="text-stone-600">{t('each')}</span>
          {badge && (
            <>
              <s className="text-lg text-stone-600">
                <span className="sr-only">{t('listPrice')} </span>
                {money(g.listPrice)}
              </s>
              <span className="rounded-full bg-green-100 px-2 py-0.5 text-sm font-semibold text-green-800">
                {badge}
              </span>
            </>
          )}
        </p>
        {shownNews && (
          <p className="mt-2 font-semibold text-brand-700" role="status">
            {shownNews}
          </p>
        )}
        {moment.kind === 'gathering' && (
          <p className="mt-1 text-sm text-stone-600">{t('nobodyCharged', { count: moment.minMembers })}</p>
        )}
      </div>

      <div className="mt-4">
        {open && (
          <div
            role="progressbar"
            aria-label={
              moment.kind === 'gathering'
                ? t('progressGathering')
                : g.next
                  ? t('progressNext', { price: money(g.next.unitPrice) })
                  : t('progressAll')
            }
            aria-valuemin={0}
            aria-valuemax={target}
            aria-valuenow={Math.min(g.confirmedCount, target)}
            className="h-3 overflow-hidden rounded-full bg-stone-200"
          >
            <div
              className="h-full rounded-full bg-brand-600 transition-[width] duration-500 motion-reduce:transition-none"
              style={{ width: `${percent}%` }}
            />
          </div>
        )}
        <p className="mt-2 text-base font-medium text-stone-900" data-testid="next-tier">
          {groupHeadline(w, facts)}
        </p>
        <p className="text-sm text-stone-600">
          {g.seatsTaken > g.confirmedCount
            ? t('joinedConfirming', {
                count: g.confirmedCount,
                confirming: g.seatsTaken - g.confirmedCount,
                max: g.maxMembers,
              })
            : t('joined', { count: g.confirmedCount, max: g.maxMembers })}
        </p>
      </div>
      {shownNews && <span aria-hidden="true" className="confetti" />}
    </section>
  );
}
