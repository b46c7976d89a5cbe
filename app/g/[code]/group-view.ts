// What the group page's islands render, independent of the API's snapshot shape, and toGroupView, which
// maps a snapshot onto it (live-group.tsx, for the server render and every live update). Pure: types and
// one mapping, safe in the browser. Edit when the page shows something the snapshot already carries.
import type { GroupStatus } from '@/db/schema';
import type { GroupSnapshot, ViewerMembership } from '@/server/groups/get-group-snapshot';
import type { LadderStep } from '@/server/pricing/price';
import type { GroupFacts, OpenerRewardFacts } from '@/server/share/group-words';

export type { GroupStatus };

export type GroupView = {
  code: string;
  status: GroupStatus;
  dealSlug: string;
  title: string;
  currency: string;
  listPrice: number;
  /** The unit price a joiner pays now (the final price once closed and won). */
  unitPrice: number;
  /** Index of the bracket in force, -1 below the minimum. */
  tierIndex: number;
  ladder: LadderStep[];
  next: { unitPrice: number; minMembers: number; membersNeeded: number } | null;
  minMembers: number;
  maxMembers: number;
  perBuyerMax: number;
  confirmedCount: number;
  seatsTaken: number;
  /** The plain link and QR code no longer admit; only a member's invite link does. */
  inviteOnly: boolean;
  deadline: string;
  /** The merchant ended the group before its deadline. */
  endedEarly: boolean;
  /** Why it closed (deadline, full, merchant, canceled), once it did. */
  closeReason: string | null;
  /** 'save_card': a joiner's card is saved (nothing held) and charged when the group closes. */
  paymentMode: 'hold' | 'save_card';
  finalUnitPrice: number | null;
  members: { alias: string; confirmed: boolean }[];
  /** Members beyond the listed ones. */
  moreMembers: number;
  /** Every way to receive the goods adds shipping: the price alone is not what a join holds. */
  shippingExtra: boolean;
  /** What the shopper who opened the group gets if it wins with enough members, or null. */
  openerReward: OpenerRewardFacts | null;
  /** A member's commission on a friend their invite link brought (bps 0 = none) and its wait in days. */
  commission: { bps: number; holdDays: number };
};

/** The viewer's own membership, as the snapshot carries it (only ever their own). */
export type ViewerMember = ViewerMembership;

function shippingExtra(f: GroupSnapshot['deal']['fulfilment']): boolean {
  return Boolean(f.shipping && f.shipping.pricing !== 'included' && !f.pickup && !f.voucher);
}

/** Maps the API's group snapshot onto what the page renders. */
export function toGroupView(s: GroupSnapshot): {
  view: GroupView;
  viewer: ViewerMember | null;
  /** The viewer opened this group (its opener reward is theirs to win). */
  isOpener: boolean;
} {
  return {
    view: {
      code: s.code,
      status: s.status,
      dealSlug: s.deal.slug,
      title: s.deal.title,
      currency: s.deal.currency,
      listPrice: s.deal.listPrice,
      unitPrice: s.unitPrice,
      tierIndex: s.tierIndex,
      ladder: s.ladder,
      next: s.next,
      minMembers: s.minMembers,
      maxMembers: s.capacity.maxMembers,
      perBuyerMax: s.deal.perBuyerMax,
      confirmedCount: s.confirmedCount,
      seatsTaken: s.capacity.seatsTaken,
      inviteOnly: s.capacity.inviteOnly,
      deadline: new Date(s.deadline).toISOString(),
      endedEarly: s.endedEarly,
      closeReason: s.closeReason,
      paymentMode: s.paymentMode,
      finalUnitPrice: s.finalUnitPrice,
      members: s.members.map((m) => ({ alias: m.alias, confirmed: m.status === 'authorized' })),
      moreMembers: s.moreMembers,
      shippingExtra: shippingExtra(s.deal.fulfilment),
      openerReward: s.openerReward,
      commission: s.commission,
    },
    viewer: s.viewer,
    isOpener: s.viewerIsOpener,
  };
}

/** The facts the words module (server/share/group-words.ts) phrases every sentence from. */
export function groupFacts(g: GroupView): GroupFacts {
  return {
    currency: g.currency,
    listPrice: g.listPrice,
    tiers: g.ladder,
    confirmedCount: g.confirmedCount,
    status: g.status,
    closeReason: g.closeReason,
    finalUnitPrice: g.finalUnitPrice,
    maxMembers: g.maxMembers,
    seatsTaken: g.seatsTaken,
    paymentMode: g.paymentMode,
  };
}
