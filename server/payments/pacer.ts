// Paces Stripe calls across every worker of one database: evenly spaced send slots handed out by the
// stripe_pacer table, plus retry with backoff on 429, 409, 5xx and network errors. Edit when pacing or
// retry rules change.
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Db } from '@/db/client';
import { getEnv } from '@/server/env';
import type {
  ChargeResult,
  HoldState,
  PaymentsPort,
  RefundResult,
  SettleResult,
  TransferResult,
} from './port';

export type PacerOptions = {
  /** Requests per second shared by all processes using this database. */
  maxRps: number;
  /** Separate budgets per key (one Stripe account = one key). */
  key?: string;
  /** Tries per call before the failure is handed back (the job then retries later). */
  attempts?: number;
  /** First backoff delay; doubles each try, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
};

/** Counters for this process, read by the benchmark and tests. */
export const pacerStats = { acquired: 0, waited: 0, retried: 0, rateLimitedRetried: 0, rateLimitedGaveUp: 0 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits until this process may send one request under `maxRps` (shared through PostgreSQL).
 *
 * Each call books the next free slot, 1000/maxRps ms after the previous one, in one atomic statement,
 * then sleeps until it. Requests therefore leave evenly spaced: no one-second span, wherever it starts,
 * holds more than maxRps of them (a calendar-second window would allow two full windows back to back).
 */
export async function acquireStripeSlot(db: Db, opts: Pick<PacerOptions, 'maxRps' | 'key'>): Promise<void> {
  const key = opts.key ?? 'stripe';
  // Microseconds, so that a limit like 90/s spaces 11,111 µs apart instead of rounding to 12 ms (83/s).
  const spacingUs = Math.max(1, Math.floor(1_000_000 / opts.maxRps));
  // The database clock decides, so that every process agrees on the schedule.
  const r = await db.execute<{ slot_us: string; now_us: string }>(sql`
    with clock as (select floor(extract(epoch from clock_timestamp()) * 1000000)::bigint as now_us)
    insert into stripe_pacer as p (key, next_slot_us)
    select ${key}, now_us + ${spacingUs} from clock
    on conflict (key) do update set next_slot_us = greatest(p.next_slot_us, (select now_us from clock)) + ${spacingUs}
    returning (p.next_slot_us - ${spacingUs})::text as slot_us, (select now_us from clock)::text as now_us`);
  const row = r.rows[0];
  pacerStats.acquired++;
  const waitMs = row ? (Number(row.slot_us) - Number(row.now_us)) / 1000 : 0;
  if (waitMs > 0) {
    pacerStats.waited++;
    await sleep(waitMs);
  }
}

function backoff(attempt: number, base: number, max: number): number {
  const d = Math.min(max, base * 2 ** attempt);
  return d / 2 + Math.random() * (d / 2);
}

function isRateLimited(r: { ok: false; failure: { code: string } }): boolean {
  return r.failure.code === 'rate_limit';
}

/** 429, 409, 5xx and network errors are worth another try; a 404 or a bad request is not. */
function retryableError(err: unknown): boolean {
  if (!(err instanceof Stripe.errors.StripeError)) return true;
  const status = err.statusCode ?? 0;
  return status === 429 || status === 409 || status >= 500 || err.type === 'StripeConnectionError';
}

const PACED = Symbol('flock.pacedPayments');
type Paced = PaymentsPort & { [PACED]: true };

/** Wraps a payments port so capture, release, refund and retrieve are paced and retried (authorize is not: a buyer waits on it). */
export function pacedPayments(inner: PaymentsPort, db: Db, opts: PacerOptions): PaymentsPort {
  const attempts = opts.attempts ?? 8;
  const base = opts.baseDelayMs ?? 250;
  const max = opts.maxDelayMs ?? 5_000;

  async function withRetry<
    T extends
      | SettleResult
      | RefundResult
      | ChargeResult
      | TransferResult
      | { ok: true }
      | { ok: false; failure: { code: string }; retryable: boolean },
  >(call: () => Promise<T>): Promise<T> {
    let last: T | undefined;
    for (let i = 0; i < attempts; i++) {
      await acquireStripeSlot(db, opts);
      last = await call();
      if (last.ok || !last.retryable) return last;
      if (i + 1 < attempts) {
        pacerStats.retried++;
        if (isRateLimited(last)) pacerStats.rateLimitedRetried++;
        await sleep(backoff(i, base, max));
      }
    }
    if (last && !last.ok && isRateLimited(last)) pacerStats.rateLimitedGaveUp++;
    if (!last) throw new Error('pacedPayments: no attempt made');
    return last;
  }

  const paced: Paced = {
    [PACED]: true,
    authorize: (input) => inner.authorize(input),
    async retrieve(id): Promise<HoldState> {
      for (let i = 0; ; i++) {
        await acquireStripeSlot(db, opts);
        try {
          return await inner.retrieve(id);
        } catch (err) {
          if (i + 1 >= attempts || !retryableError(err)) throw err;
          pacerStats.retried++;
          await sleep(backoff(i, base, max));
        }
      }
    },
    capture: (input) => withRetry(() => inner.capture(input)),
    release: (input) => withRetry(() => inner.release(input)),
    refund: (input) => withRetry(() => inner.refund(input)),
    chargeSaved: (input) => withRetry(() => inner.chargeSaved(input)),
    forgetCard: (input) => withRetry(() => inner.forgetCard(input)),
    cancelPayment: (id) => withRetry(() => inner.cancelPayment(id)),
    // The buyer waits on these: not paced.
    saveCard: (input) => inner.saveCard(input),
    retrieveSetup: (id) => inner.retrieveSetup(id),
    pay: (input) => inner.pay(input),
    // Commission transfers are money movements a worker makes in bulk: paced and retried.
    transfer: (input) => withRetry(() => inner.transfer(input)),
    reverseTransfer: (input) => withRetry(() => inner.reverseTransfer(input)),
    // A person waits on these (the console, onboarding): not paced.
    createAccount: (input) => inner.createAccount(input),
    retrieveAccount: (id) => inner.retrieveAccount(id),
    accountLink: (input) => inner.accountLink(input),
    balance: (id) => inner.balance(id),
    ...(inner.completeDemoOnboarding ? { completeDemoOnboarding: inner.completeDemoOnboarding } : {}),
  };
  return paced;
}

const byPort = new WeakMap<PaymentsPort, PaymentsPort>();

/** The port for settling money: `payments` itself when already paced, else paced at STRIPE_MAX_RPS. */
export function settlementPayments(payments: PaymentsPort, db: Db): PaymentsPort {
  if (PACED in payments) return payments;
  let p = byPort.get(payments);
  if (!p) {
    p = pacedPayments(payments, db, { maxRps: getEnv().STRIPE_MAX_RPS });
    byPort.set(payments, p);
  }
  return p;
}
