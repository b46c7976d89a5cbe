'use client';
// The phone's bottom bar: the price and the one action that matters, always under the thumb. Join scrolls
// to the join form and puts the cursor in it; once joined it is Share (the native sheet where the browser
// has one, else the share panel); once the group cannot take the viewer, a way on. Hidden on wide screens,
// where the join column stays in view.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { isLive } from '@/server/groups/membership';
import { formatMoney } from '@/server/pricing/currency';
import { groupShortLine } from '@/server/share/group-words';
import { withHint } from '@/server/share/share-message';
import { focusJoinForm, mayJoin } from './join-actions';
import { groupFacts } from './group-view';
import { useWords } from '@/app/_components/use-words';
import { useGroupView } from './live-group';

/** The bottom bar on phones. `hasInvite`: the visitor came with a member's personal invite link. */
export function StickyBar({ hasInvite }: { hasInvite: boolean }) {
  const { view: g, viewer } = useGroupView();
  const w = useWords();
  const t = useTranslations('group.sticky');
  const canJoin = mayJoin(g, viewer, hasInvite);
  const [canShare, setCanShare] = useState(false);
  useEffect(() => setCanShare(typeof navigator.share === 'function'), []);
  const money = (n: number) => formatMoney(n, g.currency, w.locale);
  const member = viewer && isLive(viewer.status) ? viewer : null;
  const open = g.status === 'open';

  const full = g.seatsTaken >= g.maxMembers;
  let action: React.ReactNode;
  if (open && viewer?.status === 'reserved') {
    // Their seat is held while the card is confirmed: the one thing to do is finish that.
    action = (
      <button
        type="button"
        onClick={focusJoinForm}
        className="rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700"
      >
        {t('finishJoining')}
      </button>
    );
  } else if (open && member && full) {
    // Nobody else can get in, so there is nothing to share: say where they stand.
    action = (
      <span className="rounded-xl bg-green-50 px-4 py-3 font-semibold text-green-900">{t('youreIn')}</span>
    );
  } else if (open && member) {
    action = (
      <button
        type="button"
        className="rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700"
        onClick={async () => {
          if (canShare) {
            try {
              await navigator.share({ title: g.title, url: withHint(member.inviteUrl, w.locale) });
              return;
            } catch {
              // Closed the sheet, or the browser refused: fall back to the panel.
            }
          }
          document.getElementById('share')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        }}
      >
        {t('shareWithFriends')}
      </button>
    );
  } else if (open && canJoin) {
    action = (
      <button
        type="button"
        onClick={focusJoinForm}
        className="rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700"
      >
        {g.shippingExtra
          ? t('joinForPlusShipping', { price: money(g.unitPrice) })
          : t('joinFor', { price: money(g.unitPrice) })}
      </button>
    );
  } else {
    action = (
      <Link
        href={`/d/${g.dealSlug}`}
        className="rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700"
      >
        {t('startNew')}
      </Link>
    );
  }

  return (
    <div
      className="fixed inset-x-0 bottom-0 z-20 border-t border-stone-200 bg-white/95 px-4 py-3 shadow-[0_-4px_16px_rgba(0,0,0,0.06)] backdrop-blur lg:hidden"
      data-testid="sticky-bar"
    >
      <div className="mx-auto flex max-w-xl items-center justify-between gap-3">
        <p className="min-w-0">
          <span className="block text-xl font-extrabold text-stone-950 tabular-nums">
            {money(g.unitPrice)}
          </span>
          <span className="line-clamp-2 text-sm leading-snug text-stone-600">
            {groupShortLine(w, groupFacts(g))}
          </span>
        </p>
        {action}
      </div>
    </div>
  );
}
