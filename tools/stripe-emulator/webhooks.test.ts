// Webhook endpoints, events, and signed delivery (checked with the SDK's constructEvent), retries and chaos.
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { hookServer, rejection, useEmulator, waitFor } from './test-helpers';

const fx = useEmulator();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function listen(answer?: (n: number) => number) {
  const server = await hookServer(answer);
  closers.push(server.close);
  return server;
}

function verify(stripe: Stripe, body: string, signature: string, secret: string): Stripe.Event {
  return stripe.webhooks.constructEvent(body, signature, secret);
}

async function holdCaptureRefund(stripe: Stripe): Promise<Stripe.PaymentIntent> {
  const pi = await stripe.paymentIntents.create({
    amount: 3000,
    currency: 'usd',
    capture_method: 'manual',
    confirm: true,
    payment_method: 'pm_card_visa',
  });
  await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 2000 });
  await stripe.refunds.create({ payment_intent: pi.id, amount: 500 });
  return pi;
}

describe('webhook endpoints', () => {
  it('creates with a whsec_ secret, lists and retrieves without it, deletes', async () => {
    const we = await fx.stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/hooks',
      enabled_events: ['payment_intent.succeeded'],
    });
    expect(we).toMatchObject({
      object: 'webhook_endpoint',
      url: 'http://127.0.0.1:9/hooks',
      enabled_events: ['payment_intent.succeeded'],
      status: 'enabled',
    });
    expect(we.secret).toMatch(/^whsec_\w{40,}$/);
    const list = await fx.stripe.webhookEndpoints.list();
    expect(list.data.map((e) => e.id)).toEqual([we.id]);
    expect(list.data[0]?.secret).toBeUndefined();
    expect((await fx.stripe.webhookEndpoints.retrieve(we.id)).secret).toBeUndefined();
    const deleted = await fx.stripe.webhookEndpoints.del(we.id);
    expect(deleted).toMatchObject({ id: we.id, deleted: true });
    expect((await fx.stripe.webhookEndpoints.list()).data).toHaveLength(0);
    const again = await rejection(fx.stripe.webhookEndpoints.del(we.id));
    expect(again.statusCode).toBe(404);
  });

  it('names the bad parameter on create', async () => {
    const badUrl = await rejection(
      fx.stripe.webhookEndpoints.create({ url: 'not a url', enabled_events: ['*'] }),
    );
    expect(badUrl.param).toBe('url');
    const noEvents = await rejection(
      fx.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/', enabled_events: [] }),
    );
    expect(noEvents.param).toBe('enabled_events');
  });
});

describe('events', () => {
  it('records the events of a hold, capture and refund; lists by type; retrieves by id', async () => {
    const pi = await holdCaptureRefund(fx.stripe);
    const all = await fx.stripe.events.list({ limit: 100 });
    expect(all.data.map((e) => e.type).reverse()).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
      'charge.captured',
      'payment_intent.succeeded',
      'refund.created',
      'charge.refunded',
    ]);
    const captured = await fx.stripe.events.list({ type: 'charge.captured' });
    expect(captured.data).toHaveLength(1);
    const event = captured.data[0];
    expect(event?.data.object).toMatchObject({
      object: 'charge',
      payment_intent: pi.id,
      amount_captured: 2000,
    });
    const got = await fx.stripe.events.retrieve(event?.id ?? '');
    expect(got.id).toBe(event?.id);
    expect(got.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    const missing = await rejection(fx.stripe.events.retrieve('evt_nope'));
    expect(missing.statusCode).toBe(404);
  });

  it('emits requires_action, payment_failed and canceled', async () => {
    const action = await fx.stripe.paymentIntents.create({
      amount: 100,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_authenticationRequired',
    });
    await rejection(
      fx.stripe.paymentIntents.create({
        amount: 100,
        currency: 'usd',
        confirm: true,
        payment_method: 'pm_card_chargeDeclined',
      }),
    );
    await fx.stripe.paymentIntents.cancel(action.id);
    const types = (await fx.stripe.events.list({ limit: 100 })).data.map((e) => e.type);
    for (const t of [
      'payment_intent.requires_action',
      'payment_intent.payment_failed',
      'payment_intent.canceled',
    ]) {
      expect(types).toContain(t);
    }
  });
});

describe('delivery', () => {
  it('signs each event so constructEvent accepts it, and sends only enabled types', async () => {
    const everything = await listen();
    const refundsOnly = await listen();
    const we = await fx.stripe.webhookEndpoints.create({ url: everything.url, enabled_events: ['*'] });
    const weRefunds = await fx.stripe.webhookEndpoints.create({
      url: refundsOnly.url,
      enabled_events: ['refund.created'],
    });
    await holdCaptureRefund(fx.stripe);
    await waitFor(() => everything.received.length >= 7 && refundsOnly.received.length >= 1);
    const types = everything.received.map(
      (h) => verify(fx.stripe, h.body, h.signature, we.secret ?? '').type,
    );
    expect(new Set(types)).toEqual(
      new Set([
        'payment_intent.created',
        'charge.succeeded',
        'payment_intent.amount_capturable_updated',
        'charge.captured',
        'payment_intent.succeeded',
        'refund.created',
        'charge.refunded',
      ]),
    );
    const refundHook = refundsOnly.received[0];
    expect(
      verify(fx.stripe, refundHook?.body ?? '', refundHook?.signature ?? '', weRefunds.secret ?? '').type,
    ).toBe('refund.created');
    await new Promise((r) => setTimeout(r, 100));
    expect(refundsOnly.received).toHaveLength(1);
    // A tampered body or another endpoint's secret must fail verification.
    const first = everything.received[0];
    expect(() => verify(fx.stripe, `${first?.body ?? ''} `, first?.signature ?? '', we.secret ?? '')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() =>
      verify(fx.stripe, first?.body ?? '', first?.signature ?? '', weRefunds.secret ?? ''),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('retries with backoff until the endpoint answers 2xx', async () => {
    const flaky = await listen((n) => (n <= 2 ? 500 : 200));
    const we = await fx.stripe.webhookEndpoints.create({
      url: flaky.url,
      enabled_events: ['payment_intent.created'],
    });
    const started = Date.now();
    await fx.stripe.paymentIntents.create({ amount: 100, currency: 'usd' });
    await waitFor(() => flaky.received.length >= 3, 10_000);
    const elapsed = Date.now() - started;
    const ids = flaky.received.map((h) => verify(fx.stripe, h.body, h.signature, we.secret ?? '').id);
    expect(new Set(ids).size).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    const stats = await fx.control.stats();
    expect(stats.webhooks).toMatchObject({ attempted: 3, succeeded: 1, retried: 2 });
  });

  it('stops delivering to a deleted endpoint', async () => {
    const server = await listen();
    const we = await fx.stripe.webhookEndpoints.create({ url: server.url, enabled_events: ['*'] });
    await fx.stripe.webhookEndpoints.del(we.id);
    await fx.stripe.paymentIntents.create({ amount: 100, currency: 'usd' });
    await new Promise((r) => setTimeout(r, 150));
    expect(server.received).toHaveLength(0);
  });

  it('with chaos on, delivers every event twice and out of order', async () => {
    const server = await listen();
    const we = await fx.stripe.webhookEndpoints.create({
      url: server.url,
      enabled_events: ['payment_intent.created'],
    });
    await fx.control.setWebhookChaos({ duplicates: true, shuffle: true });
    const created: string[] = [];
    const pis = await Promise.all(
      Array.from({ length: 12 }, () => fx.stripe.paymentIntents.create({ amount: 100, currency: 'usd' })),
    );
    created.push(...pis.map((p) => p.id));
    await waitFor(() => server.received.length >= 24);
    const order = server.received.map((h) => {
      const event = verify(fx.stripe, h.body, h.signature, we.secret ?? '');
      return (event.data.object as Stripe.PaymentIntent).id;
    });
    expect(new Set(order)).toEqual(new Set(created));
    for (const id of created) expect(order.filter((o) => o === id)).toHaveLength(2);
    const eventOrder = (await fx.stripe.events.list({ limit: 100 })).data
      .map((e) => (e.data.object as Stripe.PaymentIntent).id)
      .reverse();
    // In order, the 24 deliveries would come as a,a,b,b,…; shuffled, that is a 1-in-10^20 coincidence.
    expect(order).not.toEqual(eventOrder.flatMap((id) => [id, id]));
    expect(order.filter((id, i) => order.indexOf(id) === i)).not.toEqual(eventOrder);
  });
});
