'use client';
// The opener's reward, told only to the shopper who opened the group: the promise while it can still come
// true, the amount once the group was won with enough people, nothing otherwise (group-words decides).
import { useTranslations } from 'next-intl';
import { isLive } from '@/server/groups/membership';
import { openerRewardWords } from '@/server/share/group-words';
import { useWords } from '@/app/_components/use-words';
import { groupFacts } from './group-view';
import { useGroupView } from './live-group';

/** A note for the group's opener about their reward, or nothing. */
export function OpenerRewardNote() {
  const { view: g, viewer, isOpener } = useGroupView();
  const w = useWords();
  const t = useTranslations('group.page');
  // Someone who left is not rewarded unless they join again: they read the promise only once back in.
  const gone = viewer !== null && !isLive(viewer.status);
  if (!isOpener || gone) return null;
  const lines = openerRewardWords(w, groupFacts(g), g.openerReward, {
    rewardAmount: viewer?.rewardAmount ?? 0,
    shipping: viewer?.shippingAmount ?? 0,
  });
  if (lines.length === 0) return null;
  return (
    <aside
      aria-label={t('openerRewardLabel')}
      className="rounded-xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-200"
      data-testid="opener-reward"
    >
      {lines.map((line, i) => (
        <p key={line} className={i === 0 ? 'font-semibold' : 'mt-1 text-sm'}>
          {line}
        </p>
      ))}
    </aside>
  );
}
