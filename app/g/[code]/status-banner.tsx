'use client';
// One banner per state of the group (and of the viewer's membership), in plain sentences.
import { formatMoney } from '@/server/pricing/currency';
import { savings } from '@/server/pricing/price';
import { useGroupView } from './live-group';
import { isLive } from '@/server/groups/membership';

type Tone = 'good' | 'bad' | 'info' | 'warn';

const TONES: Record<Tone, string> = {
  good: 'bg-green-50 text-green-900 ring-green-200',
  bad: 'bg-red-50 text-red-900 ring-red-200',
  info: 'bg-sky-50 text-sky-900 ring-sky-200',
  warn: 'bg-amber-50 text-amber-900 ring-amber-200',
};

function Banner({ tone, title, children }: { tone: Tone; title: string; children?: React.ReactNode }) {
  return (
    <div role="status" data-testid="group-banner" className={`rounded-xl p-4 ring-1 ${TONES[tone]}`}>
      <p className="font-semibold">{title}</p>
      {children && <p className="mt-1 text-sm">{children}</p>}
    </div>
  );
}

/** The banner for the group's state as this viewer should read it; nothing while an open group takes joins. */
export function StatusBanner({ hasInvite }: { hasInvite: boolean }) {
  const { view: g, viewer } = useGroupView();
  const money = (n: number) => formatMoney(n, g.currency);
  const live = viewer && isLive(viewer.status) ? viewer : null;

  switch (g.status) {
    case 'won': {
      if (viewer?.status === 'captured' && viewer.chargeAmount !== null) {
        const saved = Math.max(0, g.listPrice * viewer.quantity - viewer.chargeAmount);
        return (
          <Banner
            tone="good"
            title={`You were charged ${money(viewer.chargeAmount)}, you saved ${money(saved)}.`}
          >
            The group closed with {g.confirmedCount} people at {money(g.finalUnitPrice ?? g.unitPrice)} each.
            The rest of your hold was released.
          </Banner>
        );
      }
      if (viewer?.status === 'failed') {
        return (
          <Banner tone="bad" title="The group won, but we could not charge your card.">
            You have not been charged.
          </Banner>
        );
      }
      if (viewer?.status === 'authorized') {
        return <Banner tone="good" title="The group won! Your card is being charged the group price now." />;
      }
      const final = g.finalUnitPrice ?? g.unitPrice;
      return (
        <Banner
          tone="good"
          title={`This group won: ${g.confirmedCount} people bought at ${money(final)} each.`}
        >
          Everyone saved {savings(g.listPrice, final).percent}% on the list price. Open a new group on this
          deal to get the same.
        </Banner>
      );
    }
    case 'failed':
      return (
        <Banner
          tone="info"
          title={
            live || viewer?.status === 'released'
              ? 'Not enough people joined; your hold was released.'
              : 'Not enough people joined; every hold was released.'
          }
        >
          Nobody was charged. You can open a new group on this deal and share it again.
        </Banner>
      );
    case 'canceled':
      return (
        <Banner tone="info" title="This group was canceled; every hold was released.">
          Nobody was charged.
        </Banner>
      );
    case 'closing':
      return (
        <Banner tone="info" title="This group has closed.">
          {g.confirmedCount >= g.minMembers
            ? `It reached ${g.confirmedCount} people, so everyone pays ${money(g.finalUnitPrice ?? g.unitPrice)} each. Charges are going through now.`
            : 'Not enough people joined, so every hold is being released. Nobody will be charged.'}
        </Banner>
      );
    case 'open':
      if (g.seatsTaken >= g.maxMembers && !live) {
        return (
          <Banner tone="warn" title="This group is full.">
            Open a new group on this deal to get the same price ladder.
          </Banner>
        );
      }
      if (g.inviteOnly && !live && !hasInvite) {
        return (
          <Banner tone="warn" title="This group is now invite-only; ask a member for their link.">
            Or open a new group on this deal and invite your own friends.
          </Banner>
        );
      }
      return null;
  }
}
