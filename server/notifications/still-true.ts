// Whether a nudge is still true when it is about to go (DESIGN rules 12 and 14): a reminder held through
// the night, or waiting out the coalescing window, is dropped once the news it carries is no longer so.
import { currentTierIndex, nextTier, type Tier } from '@/server/pricing';
import type { Moment } from './moments';

/** Member statuses that keep a seat in the group's room (server/rooms/follow-room-moves.ts). */
const ROOM_MEMBER_STATUSES: ReadonlySet<string> = new Set(['authorized', 'captured', 'released', 'failed']);

export type NudgeGroup = {
  status: string;
  tiers: Tier[];
  confirmedCount: number;
  seatsTaken: number;
  minMembers: number;
  maxMembers: number;
  deadline: Date;
};

/** Another bracket can still be reached, or the minimum is not met yet (what makes "closing soon" worth saying). */
export function somethingToReach(g: NudgeGroup): boolean {
  if (g.seatsTaken >= g.maxMembers) return false;
  if (g.confirmedCount < g.minMembers) return true;
  const next = nextTier(g.tiers, g.confirmedCount);
  return next !== null && next.tier.minMembers <= g.maxMembers;
}

/** Why the nudge `moment` (about tier `subject` where it names one) is no longer true, or null when it still is. */
export function staleReason(
  moment: Moment,
  subject: string,
  g: NudgeGroup,
  member: { status: string; unitPriceAtJoin: number } | null,
  now: Date,
): string | null {
  // A room's news stays true after the close: members released or charged at the close keep the room.
  if (moment === 'roomReply' || moment === 'roomMention')
    return member && ROOM_MEMBER_STATUSES.has(member.status) ? null : 'not_in_room';
  // A payment due's reminder is true while the member still owes it (the lapse moves them on at due_until).
  if (moment === 'paymentDueReminder') return member && member.status === 'payment_due' ? null : 'not_due';
  if (g.status !== 'open') return 'group_closed';
  if (g.deadline.getTime() <= now.getTime()) return 'deadline_passed';
  if (!member || member.status !== 'authorized') return 'not_a_member';
  const tierNow = currentTierIndex(g.tiers, g.confirmedCount);
  switch (moment) {
    case 'priceDropped': {
      const price = g.tiers[tierNow]?.unitPrice;
      if (tierNow < Number(subject) || price === undefined) return 'price_back_up';
      return member.unitPriceAtJoin > price ? null : 'no_saving_for_member';
    }
    case 'oneMore': {
      const next = nextTier(g.tiers, g.confirmedCount);
      if (!next || next.index !== Number(subject)) return 'bracket_changed';
      if (next.membersNeeded !== 1) return 'not_one_away';
      return g.seatsTaken < g.maxMembers ? null : 'group_full';
    }
    case 'closingSoon24h':
    case 'closingSoon3h':
      return somethingToReach(g) ? null : 'nothing_to_reach';
    default:
      return null;
  }
}
