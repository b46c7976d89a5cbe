'use client';
// Chooses what sits where the join form goes: the form, the viewer's membership, or (closed) a way on.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import { JoinForm } from './join-form';
import { useGroupView } from './live-group';
import { MemberPanel } from './member-panel';
import { focusJoinForm, HOLDING, mayJoin } from './join-actions';

// A reserved member (hold not yet confirmed) keeps the form: it shows the outcome of their attempt, and a
// new attempt resumes the same membership.

/** The join form while the viewer may join; their membership once they have; a link on once it closed. */
export function JoinArea(props: {
  inviteCode: string | null;
  channel: string | null;
  demoMode: boolean;
  publishableKey: string | null;
  suggestedAlias: string;
  /** The link asked to join at once (?join=1, the deal page's "Start a new group"). */
  openJoin: boolean;
  /** The deal's ways to the buyer (shipping, pickup points, voucher). */
  fulfilment: FulfilmentOptions;
  /** Wallets the shop accepts that cannot be held (wechat_pay), offered beside the card. */
  wallets?: readonly string[];
}) {
  const { view: g, viewer } = useGroupView();
  const { openJoin, ...formProps } = props;
  // A bank step under way keeps the form on screen even if the group fills meanwhile (the seat is theirs).
  const [inStep, setInStep] = useState(false);
  const canJoin = mayJoin(g, viewer, props.inviteCode !== null) || inStep;
  useEffect(() => {
    if (openJoin && canJoin) focusJoinForm();
    // Only on arrival (empty dependencies): a later change of state must not pull the page back to the form.
  }, []);
  if (viewer && HOLDING.includes(viewer.status)) {
    // Once the group has closed, the banner tells the outcome; the hold and invite link are history.
    return g.status === 'open' ? (
      <MemberPanel viewer={viewer} fulfilment={props.fulfilment} />
    ) : (
      <NewGroupLink slug={g.dealSlug} orderOf={viewer.id} />
    );
  }
  if (g.status !== 'open') return <NewGroupLink slug={g.dealSlug} />;
  if (!canJoin) return null;
  return (
    <div id="join" className="scroll-mt-4">
      <JoinForm code={g.code} {...formProps} onStep={setInStep} />
    </div>
  );
}

/** After the close: the member's own order (receipt, delivery or pickup) and a new group on the deal. */
function NewGroupLink({ slug, orderOf }: { slug: string; orderOf?: string }) {
  const t = useTranslations('group.join');
  const tOrder = useTranslations('fulfilment.order.panel');
  return (
    <p className="flex flex-wrap gap-x-5 gap-y-2 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      {orderOf && (
        <Link href={`/me/orders/${orderOf}`} className="font-semibold text-brand-700 underline">
          {tOrder('seeOrder')}
        </Link>
      )}
      <Link href={`/d/${slug}`} className="font-semibold text-brand-700 underline">
        {t('newGroupLink')}
      </Link>
    </p>
  );
}
