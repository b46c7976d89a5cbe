// A card processor's refusal in Flock's words: Stripe's (and the emulator's) decline texts are English and
// not ours, so a decline is named by its code and said from the errors catalog in the reader's language.
// Edit when a decline code deserves its own sentence (add it to every locale's errors.json too).
import { englishErrors, type ErrorKey } from '@/server/errors';
import type { PaymentFailure } from '@/server/payments/port';

const BY_CODE: Readonly<Record<string, ErrorKey>> = {
  insufficient_funds: 'payment.insufficientFunds',
  expired_card: 'payment.expiredCard',
  incorrect_cvc: 'payment.incorrectCvc',
  invalid_cvc: 'payment.incorrectCvc',
  processing_error: 'payment.processingError',
  card_declined: 'payment.declined',
  generic_decline: 'payment.declined',
};

/** The sentence for a decline: by Stripe's decline code, then its error code, else "Your card was declined". */
export function declineKey(failure: Pick<PaymentFailure, 'code' | 'declineCode'>): ErrorKey {
  return (
    (failure.declineCode ? BY_CODE[failure.declineCode] : undefined) ??
    BY_CODE[failure.code] ??
    'payment.declined'
  );
}

// The reasons Flock stores on a failed member (English, as written by the payments adapter and the hold code).
const STORED: readonly ErrorKey[] = [
  'payment.declined',
  'payment.insufficientFunds',
  'payment.expiredCard',
  'payment.incorrectCvc',
  'payment.processingError',
  'payment.notAuthorized',
  'payment.holdCanceled',
  'payment.groupClosedBeforeHold',
  'payment.holdExpired',
];

/** A member's stored failure reason as a catalog key (the generic decline when it is not one of ours). */
export function storedDeclineKey(reason: string | null): ErrorKey {
  if (!reason) return 'payment.declined';
  return STORED.find((key) => englishErrors.t(key) === reason) ?? 'payment.declined';
}
