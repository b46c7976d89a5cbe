'use client';
// What a member sees instead of the join form: their hold, their personal invite link, the offer of alerts, and Leave.
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { CopyButton } from '@/app/_components/copy-button';
import { LeaveButton } from '@/app/_components/leave-button';
import { viewerOutcomeWords } from '@/server/share/group-words';
import { withHint } from '@/server/share/share-message';
import { groupFacts, type ViewerMember } from './group-view';
import { useWords } from '@/app/_components/use-words';
import { useGroupView } from './live-group';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import { OrderSummary } from './order-summary';

// The alerts offer loads after the page is up, only for a member whose hold is placed (it draws nothing on the server).
const PushOffer = dynamic(() => import('./push-offer').then((m) => m.PushOffer), { ssr: false });

/** The viewer's membership while the group is open: hold, their order, invite link, leave. */
export function MemberPanel({ viewer, fulfilment }: { viewer: ViewerMember; fulfilment: FulfilmentOptions }) {
  const { view: g } = useGroupView();
  const w = useWords();
  const t = useTranslations('group.member');
  // The link the member passes on carries their language as a hint for the friends who open it.
  const inviteUrl = withHint(viewer.inviteUrl, w.locale);
  const open = g.status === 'open';

  return (
    <section
      aria-labelledby="you-heading"
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="member-panel"
    >
      <h2 id="you-heading" className="text-lg font-semibold">
        {viewer.status === 'reserved' ? t('reserved') : t('youreIn', { alias: viewer.alias })}
      </h2>
      {viewerOutcomeWords(w, groupFacts(g), viewer).sentences.map((sentence) => (
        <p key={sentence} className="mt-1 text-stone-800">
          {sentence}
        </p>
      ))}
      <OrderSummary
        memberId={viewer.id}
        code={g.code}
        currency={g.currency}
        fulfilment={fulfilment}
        open={open}
      />
      <div className="mt-4">
        <label htmlFor="invite-link" className="block font-medium">
          {t('inviteLabel')}
        </label>
        <p className="text-sm text-stone-600">{t('inviteHelp')}</p>
        <div className="mt-1 flex gap-2">
          <input
            id="invite-link"
            readOnly
            value={inviteUrl}
            onFocus={(e) => e.currentTarget.select()}
            className="min-w-0 flex-1 rounded-lg border border-stone-400 bg-stone-50 px-3 py-2 text-sm"
            data-testid="invite-link"
          />
          <CopyButton text={inviteUrl} label={t('copy')} />
        </div>
      </div>
      {open && viewer.status === 'authorized' && <PushOffer priceCanDrop={g.next !== null} />}
      {open && (
        <div className="mt-4 border-t border-stone-200 pt-3">
          <LeaveButton
            memberId={viewer.id}
            title={t('leaveWhat')}
            paidNow={viewer.paymentKind === 'paid_now'}
            savedCard={viewer.paymentKind === 'saved_card'}
          />
        </div>
      )}
    </section>
  );
}
