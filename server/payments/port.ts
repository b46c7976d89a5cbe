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
  destination?: Destination | null;
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
  destination?: Destination | null;
};

export type ChargeResult =
  | { ok: true; hold: HoldState }
  | { ok: false; paymentIntentId: string | null; failure: PaymentFailure; retryable: boolean };

/** A destination charge (Stripe Connect): the money is transferred to the shop's connected account. */
export type Destination = {
  /** The connected account (acct_…). */
  account: string;
  /** Ties the charge, its transfer and later commission transfers together (our group id). */
  transferGroup: string;
  /** Stripe's application_fee_amount, for payments captured at once (a saved card, a wallet); holds set it at capture. */
  applicationFee?: number;
};

/** A connected account as Stripe reports it. */
export type AccountState = {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** The transfers capability is active (commissions and destination charges may be sent to it). */
  transfersActive: boolean;
  /** What Stripe still needs before the account can take payments or be paid (requirements.currently_due). */
  requirementsDue: string[];
};

export type TransferResult =
  | { ok: true; transferId: string; amount: number }
  | { ok: false; failure: PaymentFailure; retryable: boolean };

export type Balance = {
  available: { amount: number; currency: string }[];
  pending: { amount: number; currency: string }[];
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
  /** Connect: the shop's account, when the group has one (its application fee is set at capture). */
  destination?: Destination | null;
};

export type AuthorizeResult =
  { ok: true; hold: HoldState } | { ok: false; paymentIntentId: string | null; failure: PaymentFailure };

export type SettleResult =
  { ok: true; hold: HoldState } | { ok: false; failure: PaymentFailure; retryable: boolean };

export type RefundResult =
  | {
      ok: true;
      refundId: string;
      amount: number;
      /** A destination charge: how much of its application fee has been refunded in all (null otherwise). */
      feeRefundedTotal: number | null;
    }
  | { ok: false; failure: PaymentFailure; retryable: boolean };

export interface PaymentsPort {
  /** Places a manual-capture hold. Undone by `release`. Key: hold:<memberId>. */
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>;
  /** Reads the hold's state as the processor sees it. */
  retrieve(paymentIntentId: string): Promise<HoldState>;
  /** Captures `amount` (≤ the hold); the rest of the hold is released. Undone by `refund`. Key: capture:<memberId>. */
  capture(input: {
    memberId: string;
    paymentIntentId: string;
    amount: number;
    /** A destination charge's application_fee_amount (platform fee + commission), set at capture. */
    applicationFee?: number;
  }): Promise<SettleResult>;
  /** Cancels an uncaptured hold. Nothing to undo (no money moved). Key: release:<memberId>. */
  release(input: {
    memberId: string;
    paymentIntentId: string;
    reason?: 'abandoned' | 'requested_by_customer' | 'duplicate' | 'fraudulent';
  }): Promise<SettleResult>;
  /** Refunds part or all of a captured amount. Key: the caller's `key` (one per refund request). */
  refund(input: {
    key: string;
    paymentIntentId: string;
    amount: number;
    /** A destination charge: reverse the transfer and refund the application fee in proportion. */
    connected?: boolean;
  }): Promise<RefundResult>;
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

  /** Creates a Stripe Express account for a shop or a helper-seller. Undone by: nothing (an unused account costs nothing). Key: account:<key>. */
  createAccount(input: {
    key: string;
    email: string | null;
    country?: string;
    metadata: Record<string, string>;
  }): Promise<AccountState>;
  /** Reads a connected account. */
  retrieveAccount(accountId: string): Promise<AccountState>;
  /** A single-use onboarding link into Stripe's hosted form (no key: each visit gets a fresh one). */
  accountLink(input: { accountId: string; returnUrl: string; refreshUrl: string }): Promise<{ url: string }>;
  /** Sends `amount` from the platform to a connected account. Undone by `reverseTransfer`. Key: transfer:<key>. */
  transfer(input: {
    key: string;
    amount: number;
    currency: string;
    destination: string;
    transferGroup: string;
    metadata: Record<string, string>;
  }): Promise<TransferResult>;
  /** Takes back `amount` of a transfer. Nothing to undo. Key: reversal:<key>. */
  reverseTransfer(input: { key: string; transferId: string; amount: number }): Promise<TransferResult>;
  /** A connected account's balance. */
  balance(accountId: string): Promise<Balance>;
  /** Demo only (the emulator): finishes an account's onboarding as if its owner completed Stripe's form. */
  completeDemoOnboarding?: (accountId: string) => Promise<void>;
}
