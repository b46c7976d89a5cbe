// A small typed client for the emulator's /_emulator/* control endpoints, for tests and dev tooling.
import type { Account, PaymentIntent, Payout, SetupIntent, Transfer } from './state';

export interface Fault {
  /** Exact request path, or a glob where `*` matches one path segment: `/v1/payment_intents/*\/capture`. */
  path: string;
  /** HTTP status to answer with; omit (or 0) with delayMs to only delay the request. */
  status?: number;
  /** How many matching requests to affect (default 1). */
  times?: number;
  /** Sets the `Stripe-Should-Retry` response header, which the SDK obeys. */
  shouldRetry?: boolean;
  /** With status 402: the card error's decline_code (default generic_decline), e.g. insufficient_funds. */
  declineCode?: string;
  /** Hold the request this long before failing it (or, without status, before handling it). */
  delayMs?: number;
  /** Only requests with this method (default: any). */
  method?: string;
}

export interface EmulatorStats {
  requests: number;
  rateLimited: number;
  faultsInjected: number;
  idempotentReplays: number;
  /** Request counts by path with ids replaced by `:id`, e.g. `/v1/payment_intents/:id/capture`. */
  byPath: Record<string, number>;
  /** Request counts by method and path, e.g. `POST /v1/payment_intents/:id/capture`. */
  byRoute: Record<string, number>;
  webhooks: { attempted: number; succeeded: number; failed: number; retried: number; pending: number };
}

export interface EmulatorControl {
  advanceClock(seconds: number): Promise<{ now: number; expired: number }>;
  now(): Promise<number>;
  injectFault(fault: Fault): Promise<void>;
  clearFaults(): Promise<void>;
  reset(): Promise<void>;
  setWebhookChaos(chaos: { duplicates: boolean; shuffle: boolean }): Promise<void>;
  stats(): Promise<EmulatorStats>;
  listPaymentIntents(): Promise<PaymentIntent[]>;
  authenticate(paymentIntentId: string, outcome?: 'succeed' | 'fail'): Promise<PaymentIntent>;
  /** Finishes 3-D Secure for a SetupIntent in requires_action. */
  authenticateSetup(setupIntentId: string, outcome?: 'succeed' | 'fail'): Promise<SetupIntent>;
  /** Finishes a connected account's onboarding: charges and payouts enabled, capabilities active. */
  completeOnboarding(accountId: string): Promise<Account>;
  /** Puts requirements back on a connected account (non-empty: charges, payouts and transfers disabled). */
  setRequirements(accountId: string, currentlyDue: string[]): Promise<Account>;
  /** Pays out a connected account's whole available balance, one paid payout per currency. */
  payout(accountId: string): Promise<Payout[]>;
  /** Every transfer, oldest first. */
  listTransfers(): Promise<Transfer[]>;
}

/** A client for the control endpoints of the emulator at `url` (no API key needed). */
export function emulatorControl(url: string): EmulatorControl {
  const base = url.replace(/\/$/, '');
  async function call<T>(method: string, path: string, body?: object): Promise<T> {
    const res = await fetch(`${base}/_emulator${path}`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`stripe emulator ${method} ${path} failed: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
  return {
    advanceClock: (seconds) => call('POST', '/clock/advance', { seconds }),
    now: async () => (await call<{ now: number }>('GET', '/clock')).now,
    injectFault: async (fault) => void (await call('POST', '/faults', fault)),
    clearFaults: async () => void (await call('DELETE', '/faults')),
    reset: async () => void (await call('POST', '/reset')),
    setWebhookChaos: async (chaos) => void (await call('POST', '/webhooks/chaos', chaos)),
    stats: () => call('GET', '/stats'),
    listPaymentIntents: async () => (await call<{ data: PaymentIntent[] }>('GET', '/payment_intents')).data,
    authenticate: (id, outcome = 'succeed') =>
      call('POST', `/payment_intents/${encodeURIComponent(id)}/authenticate`, { outcome }),
    authenticateSetup: (id, outcome = 'succeed') =>
      call('POST', `/setup_intents/${encodeURIComponent(id)}/authenticate`, { outcome }),
    completeOnboarding: (id) => call('POST', `/accounts/${encodeURIComponent(id)}/complete-onboarding`, {}),
    setRequirements: (id, currentlyDue) =>
      call('POST', `/accounts/${encodeURIComponent(id)}/requirements`, { currently_due: currentlyDue }),
    payout: async (id) =>
      (await call<{ data: Payout[] }>('POST', `/accounts/${encodeURIComponent(id)}/payout`, {})).data,
    listTransfers: async () => (await call<{ data: Transfer[] }>('GET', '/transfers')).data,
  };
}
