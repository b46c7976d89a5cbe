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
  /** A wallet's QR code to scan (WeChat Pay) while the payment `requires_action`; null otherwise. */
  walletQr: { data: string; imageDataUrl: string | null } | null;
};

export type SetupStatus =
  'succeeded' | 'requires_action' | 'requires_payment_method' | 'processing' | 'canceled';

/** A card saved for charging later (a SetupIntent with usage off_session). */
export type SetupState = {
  setupIntentId: string;
  status: SetupStatus;
  customerId: string | null;
  /** The saved card, once the setup succeeded. */
  paymentMethodId: string | null;
  clientSecret: string | null;
};

export type SaveCardInput = {
  memberId: string;
  /** A payment method to confirm server-side (demo test cards); omit to confirm client-side with Stripe.js. */
  paymentMethod?: string;
  email?: string | null;
  description: string;
  metadata: Record<string, string>;
};

export type SaveCardResult =
  | { ok: true; setup: SetupState }
  | { ok: false; setupIntentId: string | null; customerId: string | null; failure: PaymentFailure };

/** An on-session payment charged at once (automatic capture): fixing a failed payment, or a wallet paid at join. */
export type PayInput = {
  /** The idempotency key's tail: pay:<key>. One PaymentIntent per key; later attempts confirm it again. */
  key: string;
  memberId: string;
  amount: number;
  currency: string;
  /** `card`: a test card id (demo) or none (Stripe.js confirms); `wechat_pay`: answered with a QR code. */
  method: 'card' | 'wechat_pay';
  paymentMethod?: string;
  description: string;
  metadata: Record<string, string>;
};

/** Charges a saved card off-session (the buyer is not there), automatic capture. */
export type ChargeSavedInput = {
  /** The idempotency key's tail: charge:<key> (charge:<memberId> at close, charge:<memberId>:retry after). */
  key: string;
  memberId: string;
  customerId: string;
  paymentMethodId: string;
  amount: number;
  currency: string;
  description: string;
  metadata: Record<string, string>;
};

export type ChargeResult =
  | { ok: true; hold: HoldState }
  | { ok: false; paymentIntentId: string | null; failure: PaymentFailure; retryable: boolean };

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
  /** Saves a card for off-session charges: a customer (key customer:<memberId>) and a SetupIntent (key setup:<memberId>). Undone by `forgetCard`. */
  saveCard(input: SaveCardInput): Promise<SaveCardResult>;
  /** Reads a SetupIntent as the processor sees it. */
  retrieveSetup(setupIntentId: string): Promise<SetupState>;
  /** Detaches a saved card (nothing will be charged); "already detached" counts as success. Nothing to undo. */
  forgetCard(input: {
    paymentMethodId: string;
  }): Promise<{ ok: true } | { ok: false; failure: PaymentFailure; retryable: boolean }>;
  /** Charges a saved card off-session, captured at once. Undone by `refund`. Key: charge:<key>. */
  chargeSaved(input: ChargeSavedInput): Promise<ChargeResult>;
  /**
   * Creates (or, on a later attempt with a new card, confirms again) an on-session payment captured at
   * once. Undone by `refund`. Key: pay:<key>; `paymentIntentId` names the PaymentIntent of an earlier attempt.
   */
  pay(input: PayInput & { paymentIntentId?: string | null }): Promise<AuthorizeResult>;
  /** Cancels an unpaid on-session payment (a fix or a wallet payment that will not be completed). Key: cancel:<paymentIntentId>. */
  cancelPayment(paymentIntentId: string): Promise<SettleResult>;
}
