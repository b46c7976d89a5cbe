// The emulator's state: Stripe objects in Maps (O(1) by id), the emulator clock, and JSON persistence.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

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
  type: 'card';
  card: CardDetails;
  customer: string | null;
  created: number;
  metadata: Record<string, string>;
  livemode: false;
  /** The test card this method was made from (pm_card_visa, …); decides the charge outcome. */
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

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  application_fee_amount: number | null;
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
  next_action: {
    type: 'use_stripe_sdk';
    use_stripe_sdk: { type: 'three_d_secure_redirect'; stripe_js: string };
  } | null;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  status: PaymentIntentStatus;
  transfer_data: { destination: string; amount?: number } | null;
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
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
  payment_method_details: { type: 'card'; card: CardDetails & { capture_before: number } };
  receipt_email: string | null;
  refunded: boolean;
  status: 'succeeded' | 'failed';
  transfer_data: { destination: string; amount?: number } | null;
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

interface Snapshot {
  version: 1;
  clockOffset: number;
  customers: Customer[];
  paymentMethods: PaymentMethod[];
  paymentIntents: PaymentIntent[];
  charges: Charge[];
  refunds: Refund[];
  endpoints: WebhookEndpoint[];
  events: StripeEvent[];
  idempotency: [string, IdempotencyRecord][];
}

/** All Stripe objects the emulator holds, each collection in creation order. */
export class Store {
  clockOffset = 0;
  customers = new Map<string, Customer>();
  paymentMethods = new Map<string, PaymentMethod>();
  paymentIntents = new Map<string, PaymentIntent>();
  charges = new Map<string, Charge>();
  refunds = new Map<string, Refund>();
  endpoints = new Map<string, WebhookEndpoint>();
  events = new Map<string, StripeEvent>();
  idempotency = new Map<string, IdempotencyRecord>();
  /** Holds awaiting capture, so the clock can expire them without scanning every PaymentIntent. */
  uncaptured = new Set<string>();

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
      charges: [...this.charges.values()],
      refunds: [...this.refunds.values()],
      endpoints: [...this.endpoints.values()],
      events: [...this.events.values()],
      idempotency: [...this.idempotency].filter(([, r]) => r.done),
    };
  }

  /** Replaces the state with a snapshot read from disk. */
  restore(s: Snapshot): void {
    const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((o) => [o.id, o] as const));
    this.clockOffset = s.clockOffset;
    this.customers = byId(s.customers);
    this.paymentMethods = byId(s.paymentMethods);
    this.paymentIntents = byId(s.paymentIntents);
    this.charges = byId(s.charges);
    this.refunds = byId(s.refunds);
    this.endpoints = byId(s.endpoints);
    this.events = byId(s.events);
    this.idempotency = new Map(s.idempotency);
    this.uncaptured = new Set(
      s.paymentIntents.filter((p) => p.status === 'requires_capture').map((p) => p.id),
    );
  }
}

function isSnapshot(v: unknown): v is Snapshot {
  return typeof v === 'object' && v !== null && 'version' in v && v.version === 1;
}

/** Writes the store to a JSON file atomically (temp file + rename), coalescing bursts of changes. */
export class Persister {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** How long the last serialization took; big files are written less often so requests stay fast. */
  private lastWriteMs = 0;

  constructor(
    private readonly file: string,
    private readonly store: Store,
    private readonly debounceMs = 25,
  ) {}

  /** Loads the file into the store if it exists. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return;
      throw err;
    }
    const parsed: unknown = JSON.parse(text);
    if (!isSnapshot(parsed)) throw new Error(`${this.file} is not a Stripe emulator data file`);
    this.store.restore(parsed);
  }

  /** Schedules a write soon. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.write();
      },
      Math.max(this.debounceMs, this.lastWriteMs * 4),
    );
  }

  /** Writes now, after any write already under way. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.write();
  }

  private write(): Promise<void> {
    const started = Date.now();
    const text = JSON.stringify(this.store.snapshot());
    this.lastWriteMs = Date.now() - started;
    this.writing = this.writing
      .then(async () => {
        const tmp = `${this.file}.${process.pid}.tmp`;
        await mkdir(path.dirname(this.file), { recursive: true });
        await writeFile(tmp, text);
        await rename(tmp, this.file);
      })
      .catch((err: unknown) => {
        console.error(`stripe-emulator: could not write ${this.file}:`, err);
      });
    return this.writing;
  }
}
