// Pay now with a wallet that cannot be held (WeChat Pay): the buyer pays the price shown at join at once
// (automatic capture) by scanning a QR code; at close the difference to the group's price is refunded
// (settle-paid-now.ts). The payment is made OUTSIDE any transaction; its outcome is applied in a short one.
// A paid member counts like a held one (authorized), but the words say "paid" (DESIGN rule 12).
import { and, eq } from 'drizzle-orm';
import { deals, groups, members, merchants } from '@/db/schema';
import type { PayNowMethod } from '@/db/schema/statuses';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { Destination, HoldState, PaymentFailure, PaymentsPort } from '@/server/payments/port';
import { commissionEarner } from '@/server/payouts/charge-plan';
import { feeSchedule } from '@/server/payouts/fee-schedule';
import { splitCapture } from '@/server/pricing';
import { confirmAuthorized, type HoldContext, type Member } from './group-ledger';
import { moveMember } from './move-member';
import {
  declineMember,
  isTransient,
  rememberPaymentIntent,
  retrieveOrThrow,
  type HoldOutcome,
} from './place-hold';

const UNAVAILABLE = 'payment.unavailable';

/** Refuses a wallet the group's shop does not accept; checked before a seat is reserved. */
export async function assertShopAcceptsWallet(
  deps: Deps,
  groupId: string,
  method: PayNowMethod,
): Promise<void> {
  const [row] = await deps.db
    .select({ methods: merchants.payNowMethods })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .where(eq(groups.id, groupId));
  if (!row) throw new DomainError('NOT_FOUND', 'group.notFound');
  if (!row.methods.includes(method)) throw new DomainError('INVALID_INPUT', 'payment.walletNotAccepted');
}

/** The wallets the shop of group `code` accepts (the join form offers them beside the card). */
export async function walletsForGroup(deps: Deps, code: string): Promise<PayNowMethod[]> {
  const [row] = await deps.db
    .select({ methods: merchants.payNowMethods })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .where(eq(groups.code, code.toLowerCase()));
  return row?.methods ?? [];
}

/**
 * Connect: a payment taken at join carries its application fee at once, on what is paid (the platform's fee
 * and any commission); at close the difference refunded takes back the fee and the transfer in proportion.
 * The fee is noted on the member row before the payment, so settling reads what Stripe was told.
 */
async function paidNowDestination(deps: Deps, member: Member): Promise<Destination | null> {
  if (!member.destinationAccountId) return null;
  const [g] = await deps.db
    .select({ commissionBps: groups.commissionBps, dealId: groups.dealId, currency: groups.currency })
    .from(groups)
    .where(eq(groups.id, member.groupId));
  if (!g) return null;
  const earner = await commissionEarner(deps.db, member, g);
  const split = splitCapture(member.holdAmount, g.currency, {
    schedule: feeSchedule(deps),
    commissionBps: earner ? g.commissionBps : 0,
  });
  await deps.db
    .update(members)
    .set({ applicationFee: split.applicationFee, commissionAmount: split.commission })
    .where(and(eq(members.id, member.id), eq(members.status, 'reserved')));
  return {
    account: member.destinationAccountId,
    transferGroup: member.groupId,
    applicationFee: split.applicationFee,
  };
}

/** Starts (or resumes) a reserved paid_now member's wallet payment and applies its outcome. */
export async function payNowForMember(deps: Deps, member: Member, ctx: HoldContext): Promise<HoldOutcome> {
  if (member.paymentIntentId) {
    const state = await retrieveOrThrow(deps, member.paymentIntentId);
    // A QR code that is still showing, or a payment already made: resume it rather than start again.
    if (state.status !== 'requires_payment_method') return applyPaidState(deps, member, state, 'join');
  }
  const destination = await paidNowDestination(deps, member);
  const r = await deps.payments.pay({
    key: member.id,
    memberId: member.id,
    amount: member.holdAmount,
    currency: ctx.currency,
    method: 'wechat_pay',
    paymentIntentId: member.paymentIntentId,
    description: `${ctx.title} (group ${ctx.code})`,
    metadata: { group_id: member.groupId, member_id: member.id, deal_id: ctx.dealId },
    destination,
  });
  if (r.ok) return applyPaidState(deps, member, r.hold, 'join');
  if (isTransient(r.failure)) {
    if (r.paymentIntentId) await rememberPaymentIntent(deps, member, r.paymentIntentId);
    throw new DomainError('PAYMENT_UNAVAILABLE', UNAVAILABLE);
  }
  await declineMember(deps, member.id, r.failure.message);
  throw new DomainError('PAYMENT_DECLINED', 'payment.walletFailed');
}

/**
 * Applies what the processor says about a wallet payment: paid → confirmed (counts toward the tier; refunded
 * at once if the group closed first); QR code showing → stays reserved, the client shows the code; canceled
 * → declined, seat freed.
 */
export async function applyPaidState(
  deps: Deps,
  member: Member,
  state: HoldState,
  mode: 'join' | 'verify',
): Promise<HoldOutcome> {
  switch (state.status) {
    case 'captured': {
      const c = await confirmAuthorized(deps, member.groupId, member.id, state.paymentIntentId, null);
      if (c.kind === 'authorized')
        return { member: c.member, nextAction: null, clientSecret: null, progress: c.progress };
      // Paid too late to count: the money goes back in full before the buyer is told.
      await giveBackPayment(deps, deps.payments, member.id, state.paymentIntentId);
      const reason = 'The group closed before your payment came through; it was refunded in full.';
      await deps.db.transaction((tx) =>
        moveMember(tx, member.id, ['expire'], {
          now: deps.now(),
          set: { failureReason: reason, refundedAmount: state.amountReceived },
          payload: { reason, refunded: state.amountReceived },
        }),
      );
      throw new DomainError('GROUP_CLOSED', 'group.closedBeforePayment');
    }
    case 'requires_action':
    case 'processing':
      await rememberPaymentIntent(deps, member, state.paymentIntentId);
      return {
        member: { ...member, paymentIntentId: state.paymentIntentId },
        nextAction: state.walletQr ? 'scan_qr' : null,
        clientSecret: state.clientSecret,
        progress: null,
        walletQr: state.walletQr,
      };
    case 'requires_payment_method':
      if (mode === 'join') {
        await rememberPaymentIntent(deps, member, state.paymentIntentId);
        throw new DomainError('PAYMENT_UNAVAILABLE', UNAVAILABLE);
      }
      await declineMember(deps, member.id, 'The WeChat Pay payment was not completed.');
      throw new DomainError('PAYMENT_DECLINED', 'payment.walletFailed');
    case 'canceled':
      await declineMember(deps, member.id, 'The WeChat Pay payment was canceled.');
      throw new DomainError('PAYMENT_DECLINED', 'payment.walletCanceled');
    case 'authorized':
      // A wallet payment is never held: nothing Flock asked for.
      throw new DomainError('CONFLICT', 'payment.alreadyTaken');
  }
}

export type GiveBack =
  | { kind: 'refunded'; amount: number; refundId: string; feeRefundedTotal: number | null }
  | { kind: 'canceled' }
  | { kind: 'nothing' }
  | { kind: 'failed'; failure: PaymentFailure; retryable: boolean };

/**
 * Gives a wallet payment back: cancels it while unpaid, refunds it in full once paid (key
 * refund-all:<memberId>, so a retry, a leave then a settle, or two settles refund once).
 */
export async function giveBackPayment(
  deps: Deps,
  payments: PaymentsPort,
  memberId: string,
  paymentIntentId: string,
): Promise<GiveBack> {
  let state: HoldState;
  try {
    state = await payments.retrieve(paymentIntentId);
  } catch {
    return {
      kind: 'failed',
      failure: { code: 'network_error', declineCode: null, message: 'Stripe could not be reached.' },
      retryable: true,
    };
  }
  if (state.status === 'canceled') return { kind: 'nothing' };
  if (state.status !== 'captured') {
    const c = await payments.cancelPayment(paymentIntentId);
    if (c.ok) return { kind: 'canceled' };
    // Paid meanwhile (the buyer scanned as we canceled): refund it below.
    try {
      state = await payments.retrieve(paymentIntentId);
    } catch {
      return { kind: 'failed', failure: c.failure, retryable: true };
    }
    if (state.status !== 'captured') return { kind: 'failed', failure: c.failure, retryable: c.retryable };
  }
  if (state.amountReceived <= 0) return { kind: 'nothing' };
  // A destination charge takes back the shop's transfer and the fee with the refund.
  const [row] = await deps.db
    .select({ destination: members.destinationAccountId })
    .from(members)
    .where(eq(members.id, memberId));
  const r = await payments.refund({
    key: `refund-all:${memberId}`,
    paymentIntentId,
    amount: state.amountReceived,
    connected: Boolean(row?.destination),
  });
  if (!r.ok) return { kind: 'failed', failure: r.failure, retryable: r.retryable };
  return { kind: 'refunded', amount: r.amount, refundId: r.refundId, feeRefundedTotal: r.feeRefundedTotal };
}
