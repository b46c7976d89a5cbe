// The emulator's state: Stripe objects in Maps (O(1) by id), the emulator clock, and the record of what
// changed since the last write (journal.ts writes it to disk).
import { randomBytes } from 'node:crypto';

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

export interface Customer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  phone: string | null;
  description: string | null;
  metadata: Record<string, string>;
  livemode: false;
}

export interface CardDetails {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: 'credit';
  country: 'US';
}

export interface PaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card' | 'wechat_pay';
  /** Only on type card. */
  card?: CardDetails;
  /** Only on type wechat_pay (an empty hash, as in the SDK's PaymentMethod.WechatPay). */
  wechat_pay?: Record<string, never>;
  customer: string | null;
  created: number;
  metadata: Record<string, string>;
  livemode: false;
  /** The test card this method was made from (pm_card_visa, …; 'wechat_pay' for a wallet); decides the outcome. */
  test_card: string;
}

export interface LastPaymentError {
  type: 'card_error' | 'invalid_request_error';
  code: string;
  decline_code?: string;
  message: string;
  charge?: string;
  payment_method?: PaymentMethod;
}

/** next_action.wechat_pay_display_qr_code, fields per the SDK (values are the emulator's own). */
export interface WechatPayDisplayQrCode {
  data: string;
  hosted_instructions_url: string;
  image_data_url: string;
  image_url_png: string;
  image_url_svg: string;
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  application_fee_amount: number | null;
  /** Absent on PaymentIntents stored before it was emulated. */
  automatic_payment_methods?: { enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic' | 'automatic_async' | 'manual';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action:
    | { type: 'use_stripe_sdk'; use_stripe_sdk: { type: 'three_d_secure_redirect'; stripe_js: string } }
    | { type: 'wechat_pay_display_qr_code'; wechat_pay_display_qr_code: WechatPayDisplayQrCode }
    | null;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  status: PaymentIntentStatus;
  transfer_data: { destination: string; amount?: number } | null;
  /** Absent on PaymentIntents stored before Connect was emulated. */
  transfer_group?: string | null;
}

export type SetupIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'succeeded'
  | 'canceled';

/** A SetupIntent (fields per the SDK's Stripe.SetupIntent; mandates, Connect and options are null). */
export interface SetupIntent {
  id: string;
  object: 'setup_intent';
  allowed_payment_method_types: string[] | null;
  application: null;
  automatic_payment_methods: { enabled: boolean } | null;
  cancellation_reason: 'abandoned' | 'duplicate' | 'requested_by_customer' | null;
  client_secret: string;
  created: number;
  customer: string | null;
  description: string | null;
  last_setup_error: LastPaymentError | null;
  latest_attempt: null;
  livemode: false;
  mandate: null;
  metadata: Record<string, string>;
  next_action: PaymentIntent['next_action'];
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_options: null;
  payment_method_types: string[];
  single_use_mandate: null;
  status: SetupIntentStatus;
  usage: 'off_session' | 'on_session';
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  /** The ApplicationFee (fee_…) of a destination charge (absent on charges stored before Connect). */
  application_fee?: string | null;
  application_fee_amount: number | null;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Record<string, string>;
  outcome: { type: string; network_status: string; reason: string | null; seller_message: string };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details:
    | { type: 'card'; card: CardDetails & { capture_before: number } }
    | { type: 'wechat_pay'; wechat_pay: { fingerprint: null; transaction_id: null } };
  receipt_email: string | null;
  refunded: boolean;
  status: 'succeeded' | 'failed';
  /** The Transfer (tr_…) of a destination charge, once money was taken. */
  transfer?: string;
  transfer_data: { destination: string; amount?: number } | null;
  transfer_group?: string | null;
}

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
  /** The TransferReversal (trr_…) made with reverse_transfer (absent on refunds stored before Connect). */
  transfer_reversal?: string | null;
}

/** Account.requirements (and future_requirements), per the SDK. */
export interface AccountRequirements {
  alternatives: [];
  current_deadline: number | null;
  currently_due: string[];
  disabled_reason: string | null;
  errors: [];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
}

/** A connected account (fields per the SDK's Stripe.Account; settings and people are not emulated). */
export interface Account {
  id: string;
  object: 'account';
  business_profile: {
    name: string | null;
    url: string | null;
    mcc: string | null;
    product_description: string | null;
  };
  business_type: 'individual' | 'company' | 'non_profit' | 'government_entity' | null;
  capabilities: Record<string, 'active' | 'inactive' | 'pending'>;
  charges_enabled: boolean;
  controller: { type: 'application'; is_controller: true };
  country: string;
  created: number;
  default_currency: string;
  details_submitted: boolean;
  email: string | null;
  external_accounts: { object: 'list'; data: []; has_more: false; total_count: 0; url: string };
  future_requirements: AccountRequirements;
  metadata: Record<string, string>;
  payouts_enabled: boolean;
  requirements: AccountRequirements;
  settings: null;
  tos_acceptance: { date: number | null; ip: string | null; user_agent: string | null };
  type: 'express' | 'standard' | 'custom';
}

/** An account link as the emulator keeps it; the API answers only object, created, expires_at and url. */
export interface AccountLinkRecord {
  id: string;
  account: string;
  created: number;
  expires_at: number;
  refresh_url: string;
  return_url: string;
  type: 'account_onboarding' | 'account_update';
  used: boolean;
}

export interface TransferReversal {
  id: string;
  object: 'transfer_reversal';
  amount: number;
  balance_transaction: null;
  created: number;
  currency: string;
  destination_payment_refund: null;
  metadata: Record<string, string>;
  source_refund: string | null;
  transfer: string;
}

export interface Transfer {
  id: string;
  object: 'transfer';
  amount: number;
  amount_reversed: number;
  balance_transaction: null;
  created: number;
  currency: string;
  description: string | null;
  destination: string;
  livemode: false;
  metadata: Record<string, string>;
  /** Newest first, every reversal (Stripe embeds the ten newest). */
  reversals: { object: 'list'; data: TransferReversal[]; has_more: false; total_count: number; url: string };
  reversed: boolean;
  source_transaction: string | null;
  source_type: 'card';
  transfer_group: string | null;
}

export interface FeeRefund {
  id: string;
  object: 'fee_refund';
  amount: number;
  balance_transaction: null;
  created: number;
  currency: string;
  fee: string;
  metadata: Record<string, string>;
}

export interface ApplicationFee {
  id: string;
  object: 'application_fee';
  account: string;
  amount: number;
  amount_refunded: number;
  application: string;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  fee_source: { charge: string; type: 'charge' };
  livemode: false;
  originating_transaction: null;
  refunded: boolean;
  /** Newest first, every refund. */
  refunds: { object: 'list'; data: FeeRefund[]; has_more: false; total_count: number; url: string };
}

export interface Payout {
  id: string;
  object: 'payout';
  amount: number;
  application_fee: null;
  application_fee_amount: null;
  arrival_date: number;
  automatic: boolean;
  balance_transaction: null;
  created: number;
  currency: string;
  description: string | null;
  destination: string | null;
  failure_balance_transaction: null;
  failure_code: null;
  failure_message: null;
  livemode: false;
  metadata: Record<string, string>;
  method: 'standard';
  original_payout: null;
  payout_method: null;
  reconciliation_status: 'completed';
  reversed_by: null;
  source_type: 'card';
  statement_descriptor: null;
  status: 'paid';
  trace_id: null;
  type: 'bank_account';
}

/** A connected account's payout, with the account it belongs to (the API answers `payout`). */
export interface PayoutRecord {
  id: string;
  account: string;
  payout: Payout;
}

/** The id under which the platform's own balance is kept. */
export const PLATFORM = 'platform';

/** Available funds of the platform (id PLATFORM) or of a connected account, in minor units by currency. */
export interface BalanceRecord {
  id: string;
  available: Record<string, number>;
}

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  api_version: string | null;
  created: number;
  description: string | null;
  enabled_events: string[];
  livemode: false;
  metadata: Record<string, string>;
  secret: string;
  status: 'enabled';
  url: string;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: object; previous_attributes?: object };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  /** The connected account an event comes from (account.updated, payout.*); absent on platform events. */
  account?: string;
}

export interface IdempotencyRecord {
  fingerprint: string;
  createdAt: number;
  done: boolean;
  status: number;
  body: string;
}

/** The API version stamped on events (any Stripe-Version header is accepted on requests). */
export const API_VERSION = '2025-10-29.clover';

/** Oldest events are dropped past this many, so a long benchmark cannot exhaust memory. */
const MAX_EVENTS = 20_000;
/** Oldest idempotency keys are dropped past this many (the SDK sends one on every POST). */
const MAX_IDEMPOTENCY_KEYS = 50_000;

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Stripe-looking id: prefix, underscore, 24 random alphanumerics. */
export function newId(prefix: string): string {
  let out = '';
  for (const byte of randomBytes(24)) out += ID_ALPHABET[byte % ID_ALPHABET.length] ?? '0';
  return `${prefix}_${out}`;
}

/** The collections a Store keeps, by field name; journal lines name them the same way. */
export const COLLECTIONS = [
  'customers',
  'paymentMethods',
  'paymentIntents',
  'setupIntents',
  'charges',
  'refunds',
  'endpoints',
  'events',
  'idempotency',
  'accounts',
  'accountLinks',
  'transfers',
  'transferReversals',
  'applicationFees',
  'feeRefunds',
  'payouts',
  'balances',
] as const;

export type Collection = (typeof COLLECTIONS)[number];

export interface Snapshot {
  version: 1;
  clockOffset: number;
  customers: Customer[];
  paymentMethods: PaymentMethod[];
  paymentIntents: PaymentIntent[];
  /** Absent in data files written before SetupIntents were emulated. */
  setupIntents?: SetupIntent[];
  charges: Charge[];
  refunds: Refund[];
  endpoints: WebhookEndpoint[];
  events: StripeEvent[];
  idempotency: [string, IdempotencyRecord][];
  /** The Connect collections, absent in data files written before Connect was emulated. */
  accounts?: Account[];
  accountLinks?: AccountLinkRecord[];
  transfers?: Transfer[];
  transferReversals?: TransferReversal[];
  applicationFees?: ApplicationFee[];
  feeRefunds?: FeeRefund[];
  payouts?: PayoutRecord[];
  balances?: BalanceRecord[];
}

/** What changed since the last take: each touched object's current value, or null once it is gone. */
export interface Changes {
  clockOffset: number;
  /** Everything was replaced (reset) before these changes. */
  clear?: true;
  changes: [Collection, string, unknown][];
}

/**
 * A Map that reports the ids it is asked about. Objects are changed in place after a `get`, so while the
 * store is recording, a read counts as a possible change; `set` and `delete` always count.
 */
export class TrackedMap<V> extends Map<string, V> {
  private onTouch: ((id: string, read: boolean) => void) | undefined;

  /** Starts reporting touched ids to `onTouch`. */
  watch(onTouch: (id: string, read: boolean) => void): this {
    this.onTouch = onTouch;
    return this;
  }

  override get(id: string): V | undefined {
    this.onTouch?.(id, true);
    return super.get(id);
  }

  override set(id: string, value: V): this {
    this.onTouch?.(id, false);
    return super.set(id, value);
  }

  override delete(id: string): boolean {
    this.onTouch?.(id, false);
    return super.delete(id);
  }
}

/** All Stripe objects the emulator holds, each collection in creation order. */
export class Store {
  clockOffset = 0;
  customers = this.tracked<Customer>('customers');
  paymentMethods = this.tracked<PaymentMethod>('paymentMethods');
  paymentIntents = this.tracked<PaymentIntent>('paymentIntents');
  setupIntents = this.tracked<SetupIntent>('setupIntents');
  charges = this.tracked<Charge>('charges');
  refunds = this.tracked<Refund>('refunds');
  endpoints = this.tracked<WebhookEndpoint>('endpoints');
  events = this.tracked<StripeEvent>('events');
  idempotency = this.tracked<IdempotencyRecord>('idempotency');
  accounts = this.tracked<Account>('accounts');
  accountLinks = this.tracked<AccountLinkRecord>('accountLinks');
  transfers = this.tracked<Transfer>('transfers');
  transferReversals = this.tracked<TransferReversal>('transferReversals');
  applicationFees = this.tracked<ApplicationFee>('applicationFees');
  feeRefunds = this.tracked<FeeRefund>('feeRefunds');
  payouts = this.tracked<PayoutRecord>('payouts');
  balances = this.tracked<BalanceRecord>('balances');
  /** Holds awaiting capture, so the clock can expire them without scanning every PaymentIntent. */
  uncaptured = new Set<string>();
  /** While true (a state-changing request runs), objects read by id count as changed. */
  recording = false;
  private dirty = new Map<string, [Collection, string]>();
  private cleared = false;

  private tracked<V>(name: Collection): TrackedMap<V> {
    return new TrackedMap<V>().watch((id, read) => {
      if (read && !this.recording) return;
      const key = `${name}\u0000${id}`;
      if (!this.dirty.has(key)) this.dirty.set(key, [name, id]);
    });
  }

  /** Runs `fn` (synchronous) with reads counted as changes. */
  recordingChanges<T>(fn: () => T): T {
    this.recording = true;
    try {
      return fn();
    } finally {
      this.recording = false;
    }
  }

  /** Emulator time in Unix seconds: the real clock plus every advance. */
  now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffset;
  }

  /** Keeps an event, dropping the oldest past the cap. */
  addEvent(event: StripeEvent): void {
    this.events.set(event.id, event);
    if (this.events.size > MAX_EVENTS) {
      const oldest = this.events.keys().next();
      if (!oldest.done) this.events.delete(oldest.value);
    }
  }

  /** Stores an idempotency record, dropping the oldest past the cap. */
  setIdempotency(slot: string, rec: IdempotencyRecord): void {
    this.idempotency.set(slot, rec);
    if (this.idempotency.size > MAX_IDEMPOTENCY_KEYS) {
      const oldest = this.idempotency.keys().next();
      if (!oldest.done) this.idempotency.delete(oldest.value);
    }
  }

  /** Forgets idempotency keys older than 24 hours of emulator time. */
  pruneIdempotency(): void {
    const cutoff = this.now() - 24 * 3600;
    for (const [key, rec] of this.idempotency) {
      if (rec.createdAt < cutoff && rec.done) this.idempotency.delete(key);
    }
  }

  /** A JSON-ready copy of the state (in-flight idempotency keys are not kept). */
  snapshot(): Snapshot {
    return {
      version: 1,
      clockOffset: this.clockOffset,
      customers: [...this.customers.values()],
      paymentMethods: [...this.paymentMethods.values()],
      paymentIntents: [...this.paymentIntents.values()],
      setupIntents: [...this.setupIntents.values()],
      charges: [...this.charges.values()],
      refunds: [...this.refunds.values()],
      endpoints: [...this.endpoints.values()],
      events: [...this.events.values()],
      idempotency: [...this.idempotency].filter(([, r]) => r.done),
      accounts: [...this.accounts.values()],
      accountLinks: [...this.accountLinks.values()],
      transfers: [...this.transfers.values()],
      transferReversals: [...this.transferReversals.values()],
      applicationFees: [...this.applicationFees.values()],
      feeRefunds: [...this.feeRefunds.values()],
      payouts: [...this.payouts.values()],
      balances: [...this.balances.values()],
    };
  }

  /** Replaces the state with a snapshot (read from disk, or an empty one on reset). */
  restore(s: Snapshot): void {
    this.clockOffset = s.clockOffset;
    this.customers = this.filled('customers', s.customers);
    this.paymentMethods = this.filled('paymentMethods', s.paymentMethods);
    this.paymentIntents = this.filled('paymentIntents', s.paymentIntents);
    this.setupIntents = this.filled('setupIntents', s.setupIntents ?? []);
    this.charges = this.filled('charges', s.charges);
    this.refunds = this.filled('refunds', s.refunds);
    this.endpoints = this.filled('endpoints', s.endpoints);
    this.events = this.filled('events', s.events);
    this.idempotency = this.tracked<IdempotencyRecord>('idempotency');
    for (const [slot, rec] of s.idempotency) this.idempotency.set(slot, rec);
    this.accounts = this.filled('accounts', s.accounts ?? []);
    this.accountLinks = this.filled('accountLinks', s.accountLinks ?? []);
    this.transfers = this.filled('transfers', s.transfers ?? []);
    this.transferReversals = this.filled('transferReversals', s.transferReversals ?? []);
    this.applicationFees = this.filled('applicationFees', s.applicationFees ?? []);
    this.feeRefunds = this.filled('feeRefunds', s.feeRefunds ?? []);
    this.payouts = this.filled('payouts', s.payouts ?? []);
    this.balances = this.filled('balances', s.balances ?? []);
    this.reindex();
    this.dirty.clear();
    this.cleared = true;
  }

  private filled<V extends { id: string }>(name: Collection, list: V[]): TrackedMap<V> {
    const map = this.tracked<V>(name);
    for (const o of list) map.set(o.id, o);
    return map;
  }

  /** Rebuilds the derived indexes after objects were loaded. */
  private reindex(): void {
    this.uncaptured = new Set(
      [...this.paymentIntents.values()].filter((p) => p.status === 'requires_capture').map((p) => p.id),
    );
  }

  /** Takes what changed since the last take (undefined when nothing did). */
  takeChanges(lastClockOffset: number): Changes | undefined {
    if (this.dirty.size === 0 && !this.cleared && this.clockOffset === lastClockOffset) return undefined;
    const changes: [Collection, string, unknown][] = [];
    for (const [name, id] of this.dirty.values()) {
      const value = this.collection(name).get(id);
      // An idempotency key still in flight is not kept, as in snapshot().
      const kept = name === 'idempotency' && isIdempotencyRecord(value) && !value.done ? undefined : value;
      changes.push([name, id, kept ?? null]);
    }
    const out: Changes = { clockOffset: this.clockOffset, changes };
    if (this.cleared) out.clear = true;
    this.dirty.clear();
    this.cleared = false;
    return out;
  }

  /** Forgets pending changes (they are covered by a snapshot just written). */
  dropChanges(): void {
    this.dirty.clear();
    this.cleared = false;
  }

  /** Applies changes read back from the journal; call loaded() after the last one. */
  apply(c: Changes): void {
    if (c.clear) this.restore(new Store().snapshot());
    this.clockOffset = c.clockOffset;
    for (const [name, id, value] of c.changes) {
      if (value === null) this.collection(name).delete(id);
      else this.collection(name).set(id, value);
    }
  }

  /** Ends a load: rebuilds the derived indexes and starts with nothing pending. */
  loaded(): void {
    this.reindex();
    this.deriveLegacyBalance();
    this.dropChanges();
  }

  /**
   * Data written before balances were kept has captured charges but no balance: the platform's balance
   * is then what those charges kept (captured − refunded). Any capture since writes a balance record.
   */
  private deriveLegacyBalance(): void {
    if (this.balances.size > 0) return;
    const available: Record<string, number> = {};
    let any = false;
    for (const c of this.charges.values()) {
      if (!c.captured) continue;
      any = true;
      available[c.currency] = (available[c.currency] ?? 0) + c.amount_captured - c.amount_refunded;
    }
    if (any) this.balances.set(PLATFORM, { id: PLATFORM, available });
  }

  private collection(name: Collection): Map<string, unknown> {
    return this[name];
  }
}

function isIdempotencyRecord(v: unknown): v is IdempotencyRecord {
  return typeof v === 'object' && v !== null && 'done' in v;
}
