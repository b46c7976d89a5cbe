import { and, eq, inArray } from 'drizzle-orm';
import { members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { SessionUser } from '@/server/trpc/init';
import { findGroupByCode } from './find-group-by-code';
import { getGroupProgress, type GroupProgress } from './group-progress';
import { reserveSeat, type Member } from './reserve-seat';
import { settleHold, type NextAction } from './settle-hold';

export type JoinInput = {
  code: string;
  alias: string;
  quantity: number;
  /** Chosen by the client once per join attempt; retries with it return the same membership. */
  idempotencyKey: string;
  /** A member's personal invite code (rule 6); unknown or tampered codes are ignored. */
  inviteCode?: string;
  /** The share channel the buyer came from (whatsapp, qr, ...), for conversion analytics. */
  channel?: string;
  /** Demo test card to confirm server-side (pm_card_visa ...); omit to confirm with Stripe.js. */
  paymentMethod?: string;
};

export type MemberView = {
  id: string;
  alias: string;
  quantity: number;
  status: Member['status'];
  unitPriceAtJoin: number;
  holdAmount: number;
  inviteCode: string;
  inviteUrl: string;
};

export type JoinResult = {
  member: MemberView;
  /** What the client must do before the hold counts: 3-D Secure, or enter a card with Stripe.js. */
  nextAction: NextAction;
  clientSecret: string | null;
  group: GroupProgress;
};

/** The buyer's view of their own membership, with their personal invite link. */
export function memberView(appUrl: string, code: string, m: Member): MemberView {
  return {
    id: m.id,
    alias: m.alias,
    quantity: m.quantity,
    status: m.status,
    unitPriceAtJoin: m.unitPriceAtJoin,
    holdAmount: m.holdAmount,
    inviteCode: m.inviteCode,
    inviteUrl: `${appUrl}/g/${code}?i=${m.inviteCode}`,
  };
}

/** Joins a group: reserve a seat, place the card hold outside any transaction, then confirm it (DESIGN rules 4-6). */
export async function joinGroup(deps: Deps, user: SessionUser, input: JoinInput): Promise<JoinResult> {
  const found = await findGroupByCode(deps.db, input.code);
  if (!found) throw new DomainError('NOT_FOUND', 'We could not find this group. Check the link.');
  const { group, deal } = found;
  const alias = input.alias.trim();
  if (alias.length < 1 || alias.length > 40) {
    throw new DomainError('INVALID_INPUT', 'Choose a name of 1 to 40 characters to show to the group.', { alias: 'Use 1 to 40 characters.' });
  }
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1) {
    throw new DomainError('INVALID_INPUT', 'Quantity must be a whole number of at least 1.', { quantity: 'At least 1.' });
  }
  if (input.quantity > group.perBuyerMax) {
    throw new DomainError('INVALID_INPUT', `You can buy at most ${group.perBuyerMax} per person in this group.`, { quantity: `At most ${group.perBuyerMax}.` });
  }

  let invitedByMemberId: string | null = null;
  if (input.inviteCode) {
    const [inviter] = await deps.db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.inviteCode, input.inviteCode), eq(members.groupId, group.id), inArray(members.status, ['reserved', 'authorized', 'captured'])));
    invitedByMemberId = inviter?.id ?? null;
  }

  const outcome = await reserveSeat(deps, group.id, {
    dealId: deal.id,
    stockTracked: deal.stock !== null,
    userId: user.id,
    alias,
    quantity: input.quantity,
    idempotencyKey: input.idempotencyKey,
    invitedByMemberId,
    channel: input.channel ?? null,
  });
  if (outcome.kind === 'refused') throw outcome.error;
  const member = outcome.member;

  let nextAction: NextAction = null;
  let clientSecret: string | null = null;
  let current = member;
  if (member.status === 'reserved') {
    // A new reservation, or a retry resuming one whose hold never came back: (re)try the same hold.
    const held = await settleHold(deps, member, { dealId: deal.id, code: group.code, title: deal.title, currency: group.currency }, input.paymentMethod);
    current = held.member;
    nextAction = held.nextAction;
    clientSecret = held.clientSecret;
  } else if (member.status === 'failed') {
    throw new DomainError('PAYMENT_DECLINED', member.failureReason ?? 'Your card was declined. Try another card.');
  } else if (member.status !== 'authorized' && member.status !== 'captured') {
    throw new DomainError('CONFLICT', 'This join attempt has ended. Please join again.');
  }

  const progress = await getGroupProgress(deps, group.id);
  if (!progress) throw new DomainError('NOT_FOUND', 'We could not find this group. Check the link.');
  return { member: memberView(deps.appUrl, group.code, current), nextAction, clientSecret, group: progress };
}
