// Which refusals of a charge are worth one automatic retry a day later, and how a refusal is said to the
// buyer. Stripe's decline codes (docs: "Decline codes") split into declines the issuer may approve later
// (money short today, the issuer or network busy) and those that will not change without the buyer (a
// lost, stolen, expired or blocked card, wrong details, "do not honor", authentication needed).
// Edit when a decline code should be retried, or deserves its own sentence (pay.json: reason.*).
import type { PaymentFailure } from '@/server/payments/port';

/**
 * Soft declines: retried once, off-session, a day later (only for a saved card; a hold cannot be charged
 * again). `do_not_honor` is left out on purpose: Stripe says the buyer must contact their issuer.
 */
export const SOFT_DECLINE_CODES: ReadonlySet<string> = new Set([
  'insufficient_funds',
  'try_again_later',
  'processing_error',
  'issuer_not_available',
  'reenter_transaction',
  'approve_with_id',
  'card_velocity_exceeded',
  'withdrawal_count_limit_exceeded',
]);

/** True when the refusal may go through if asked again later, without the buyer. */
export function isSoftDecline(failure: Pick<PaymentFailure, 'code' | 'declineCode'>): boolean {
  return SOFT_DECLINE_CODES.has(failure.declineCode ?? '') || failure.code === 'processing_error';
}

/** Why the first payment failed, as a key of the pay catalog's `reason` (never Stripe's own English). */
export type FailureReasonKey =
  | 'insufficientFunds'
  | 'expiredCard'
  | 'holdExpired'
  | 'authenticationRequired'
  | 'processing'
  | 'lostOrStolen'
  | 'declined';

const BY_CODE: Readonly<Record<string, FailureReasonKey>> = {
  insufficient_funds: 'insufficientFunds',
  withdrawal_count_limit_exceeded: 'insufficientFunds',
  card_velocity_exceeded: 'insufficientFunds',
  expired_card: 'expiredCard',
  hold_canceled: 'holdExpired',
  authentication_required: 'authenticationRequired',
  processing_error: 'processing',
  try_again_later: 'processing',
  issuer_not_available: 'processing',
  lost_card: 'lostOrStolen',
  stolen_card: 'lostOrStolen',
  pickup_card: 'lostOrStolen',
};

/** The reason key for a refusal: by decline code, then error code, else a plain "declined". */
export function failureReasonKey(failure: {
  code?: string | null;
  declineCode?: string | null;
}): FailureReasonKey {
  return BY_CODE[failure.declineCode ?? ''] ?? BY_CODE[failure.code ?? ''] ?? 'declined';
}
