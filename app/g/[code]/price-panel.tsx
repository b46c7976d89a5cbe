'use client';
// Price, saving and progress to the next price, updated live; a short celebration when a cheaper price unlocks.
import { useEffect, useRef, useState } from 'react';
import { formatMoney } from '@/server/pricing/currency';
import { savings } from '@/server/pricing/price';
import { useGroupView } from './live-group';

function people(n: number): string {
  return n === 1 ? '1 more person unlocks' : `${n} more people unlock`;
}

/** The current unit price (large), list price struck through, saving, and the progress bar. */
export function PricePanel() {
  const { view: g } = useGroupView();
  const money = (n: number) => formatMoney(n, g.currency);
  const save = savings(g.listPrice, g.unitPrice);
  const [celebrating, setCelebrating] = useState(false);
  const lastTier = useRef(g.tierIndex);
  useEffect(() => {
    if (g.tierIndex > lastTier.current) {
      setCelebrating(true);
      const t = setTimeout(() => setCelebrating(false), 2600);
      lastTier.current = g.tierIndex;
      return () => clearTimeout(t);
    }
    lastTier.current = g.tierIndex;
  }, [g.tierIndex]);

  const open = g.status === 'open';
  const target = g.next ? g.next.minMembers : (g.ladder[g.ladder.length - 1]?.minMembers ?? g.confirmedCount);
  const percent = target > 0 ? Math.min(100, Math.round((g.confirmedCount / target) * 100)) : 100;
  const tipped = g.tierIndex >= 0;

  return (
    <section
      aria-labelledby="price-heading"
      className={`relative rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200 ${celebrating ? 'celebrate' : ''}`}
    >
      <h2 id="price-heading" className="sr-only">
        Price
      </h2>
      <div aria-live="polite" aria-atomic="true">
        <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <span
            className="text-4xl font-extrabold tracking-tight text-stone-950 sm:text-5xl"
            data-testid="unit-price"
          >
            {money(g.unitPrice)}
          </span>
          <span className="text-stone-600">each</span>
          {save.percent > 0 && (
            <>
              <s className="text-lg text-stone-600">
                <span className="sr-only">List price </span>
                {money(g.listPrice)}
              </s>
              <span className="rounded-full bg-green-100 px-2 py-0.5 text-sm font-semibold text-green-800">
                Save {save.percent}%
              </span>
            </>
          )}
        </p>
        {celebrating && (
          <p className="mt-2 font-semibold text-brand-700" role="status">
            New price unlocked: {money(g.unitPrice)} each!
          </p>
        )}
        {!tipped && open && (
          <p className="mt-1 text-sm text-stone-600">
            This price applies once the group reaches {g.minMembers} people. Until then nobody is charged.
          </p>
        )}
      </div>

      <div className="mt-4">
        <div
          role="progressbar"
          aria-label={g.next ? `People toward ${money(g.next.unitPrice)}` : 'People in the group'}
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
        <p className="mt-2 text-base font-medium text-stone-900" data-testid="next-tier">
          {g.next && open
            ? `${people(g.next.membersNeeded)} ${money(g.next.unitPrice)}`
            : open
              ? 'Best price unlocked'
              : `${g.confirmedCount} ${g.confirmedCount === 1 ? 'person' : 'people'} joined`}
        </p>
        <p className="text-sm text-stone-600">
          {g.confirmedCount} joined
          {g.seatsTaken > g.confirmedCount ? `, ${g.seatsTaken - g.confirmedCount} confirming a card` : ''} ·
          room for {g.maxMembers}
        </p>
      </div>
      {celebrating && <span aria-hidden="true" className="confetti" />}
    </section>
  );
}
