// The payments port: what Flock needs from a card processor. Edit when the app needs a new money movement.
// Every call carries an idempotency key derived from our own ids, so retries never move money twice, and
// "already in the target state" counts as success.

export type HoldStatus =
  | 'authorized' // funds held, capturable
  | 'requires_action' // the buyer must authenticate (3-D Secure) client-side
  | 'requires_payment_method' // not yet confirmed or declined
  | 'processing'
  | 'captured'
  | 'canceled';

export type PaymentFailure = {
  /** Stripe error code (card_declined, expired_card, payment_intent_unexpected_state, ...). */
  code: string;
  declineCode: string | null;
  /** A sentence a buyer can read. */
  message: string;
};

export type HoldState = {
  paymentIntentId: string;
  status: HoldStatus;
  amount: number;
  amountCapturable: number;
  amountReceived: number;
  clientSecret: string | null;
  /** When the authorization lapses (Stripe: 7 days after it was placed). */
  captureBefore: Date | null;
  cancellationReason: string | null;
};

export type AuthorizeInput = {
  memberId: string;
  amount: number;
  currency: string;
  /** A payment method to confirm server-side (demo test cards); omit to confirm client-side with Stripe.js. */
  paymentMethod?: string;
  description: string;
  receiptEmail?: string | null;
  metadata: Record<string, string>;
};

export type AuthorizeResult =
  { ok: true; hold: HoldState } | { ok: false; paymentIntentId: string | null; failure: PaymentFailure };

export type SettleResult =
  { ok: true; hold: HoldState } | { ok: false; failure: PaymentFailure; retryable: boolean };

export type RefundResult =
  { ok: true; refundId: string; amount: number } | { ok: false; failure: PaymentFailure; retryable: boolean };

export interface PaymentsPort {
  /** Places a manual-capture hold. Undone by `release`. Key: hold:<memberId>. */
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>;
  /** Reads the hold's state as the processor sees it. */
  retrieve(paymentIntentId: string): Promise<HoldState>;
  /** Captures `amount` (≤ the hold); the rest of the hold is released. Undone by `refund`. Key: capture:<memberId>. */
  capture(input: { memberId: string; paymentIntentId: string; amount: number }): Promise<SettleResult>;
  /** Cancels an uncaptured hold. Nothing to undo (no money moved). Key: release:<memberId>. */
  release(input: {
    memberId: string;
    paymentIntentId: string;
    reason?: 'abandoned' | 'requested_by_customer' | 'duplicate' | 'fraudulent';
  }): Promise<SettleResult>;
  /** Refunds part or all of a captured amount. Key: the caller's `key` (one per refund request). */
  refund(input: { key: string; paymentIntentId: string; amount: number }): Promise<RefundResult>;
}
