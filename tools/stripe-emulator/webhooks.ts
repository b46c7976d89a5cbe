// Signed webhook delivery: one POST per (event, endpoint), retried with backoff, with a chaos switch for tests.
import { createHmac } from 'node:crypto';
import type { StripeEvent, Store, WebhookEndpoint } from './state';

/** Delay before each retry after a failed attempt (non-2xx, network error or timeout). */
export const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 60_000];
const ATTEMPT_TIMEOUT_MS = 10_000;

interface Delivery {
  endpointId: string;
  event: StripeEvent;
  attempt: number;
}

export interface WebhookStats {
  attempted: number;
  succeeded: number;
  failed: number;
  retried: number;
}

/** The `Stripe-Signature` header value for a payload, as `stripe.webhooks.constructEvent` expects. */
export function signPayload(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

function wants(endpoint: WebhookEndpoint, type: string): boolean {
  return endpoint.enabled_events.some(
    (e) => e === '*' || e === type || (e.endsWith('.*') && type.startsWith(e.slice(0, -1))),
  );
}

/** Sends events to the endpoints that enabled them. */
export class WebhookDeliverer {
  chaos = { duplicates: false, shuffle: false };
  stats: WebhookStats = { attempted: 0, succeeded: 0, failed: 0, retried: 0 };
  private queue: Delivery[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private abort = new AbortController();

  constructor(private readonly store: Store) {}

  /** Queues the event for every endpoint that enabled its type. */
  dispatch(event: StripeEvent): void {
    for (const endpoint of this.store.endpoints.values()) {
      if (!wants(endpoint, event.type)) continue;
      event.pending_webhooks++;
      const delivery = { endpointId: endpoint.id, event, attempt: 0 };
      this.queue.push(delivery);
      if (this.chaos.duplicates) this.queue.push({ ...delivery });
    }
    if (this.queue.length > 0 && !this.flushTimer) {
      // With shuffle on, gather a short window of events so their order can actually change.
      this.flushTimer = setTimeout(() => this.flush(), this.chaos.shuffle ? 50 : 0);
    }
  }

  /** Deliveries scheduled or under way. */
  pending(): number {
    return this.queue.length + this.timers.size;
  }

  /** Drops queued and scheduled deliveries and aborts those in flight. */
  clear(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue = [];
    this.abort.abort();
    this.abort = new AbortController();
  }

  private flush(): void {
    this.flushTimer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (this.chaos.shuffle) {
      for (let i = batch.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        const a = batch[i];
        const b = batch[j];
        if (a && b) {
          batch[i] = b;
          batch[j] = a;
        }
      }
    }
    for (const d of batch) void this.send(d);
  }

  private async send(d: Delivery): Promise<void> {
    const endpoint = this.store.endpoints.get(d.endpointId);
    if (!endpoint) return;
    const cancelled = this.abort.signal;
    const payload = JSON.stringify(d.event, null, 2);
    const signature = signPayload(payload, endpoint.secret, Math.floor(Date.now() / 1000));
    this.stats.attempted++;
    let ok = false;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Stripe-Signature': signature,
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: AbortSignal.any([cancelled, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      ok = res.status >= 200 && res.status < 300;
    } catch {
      ok = false;
    }
    if (ok) {
      this.stats.succeeded++;
      d.event.pending_webhooks = Math.max(0, d.event.pending_webhooks - 1);
      return;
    }
    const delay = RETRY_DELAYS_MS[d.attempt];
    if (delay === undefined || cancelled.aborted) {
      this.stats.failed++;
      return;
    }
    this.stats.retried++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.send({ ...d, attempt: d.attempt + 1 });
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
