// Idempotency, rate limiting, injected faults, the clock, reset, stats and data-file persistence.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { emulatorControl, startStripeEmulator } from './index';
import { rejection, sdk, useEmulator } from './test-helpers';

const fx = useEmulator();
const DAY = 24 * 3600;
const HOUR = 3600;

function holdParams(amount = 1000, pm = 'pm_card_visa'): Stripe.PaymentIntentCreateParams {
  return { amount, currency: 'usd', capture_method: 'manual', confirm: true, payment_method: pm };
}

describe('idempotency', () => {
  it('replays the stored response for a repeated key and creates nothing new', async () => {
    const a = await fx.stripe.paymentIntents.create(holdParams(), { idempotencyKey: 'hold-1' });
    const b = await fx.stripe.paymentIntents.create(holdParams(), { idempotencyKey: 'hold-1' });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(await fx.control.listPaymentIntents()).toHaveLength(1);
    expect((await fx.control.stats()).idempotentReplays).toBe(1);
  });

  it('replays a decline too, without charging again', async () => {
    const first = await rejection(
      fx.stripe.paymentIntents.create(holdParams(1000, 'pm_card_chargeDeclined'), { idempotencyKey: 'd-1' }),
    );
    const second = await rejection(
      fx.stripe.paymentIntents.create(holdParams(1000, 'pm_card_chargeDeclined'), { idempotencyKey: 'd-1' }),
    );
    expect(second).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second.decline_code).toBe('generic_decline');
    expect(second.payment_intent?.id).toBe(first.payment_intent?.id);
    expect(await fx.control.listPaymentIntents()).toHaveLength(1);
  });

  it('rejects the same key with other parameters with idempotency_error', async () => {
    await fx.stripe.paymentIntents.create(holdParams(1000), { idempotencyKey: 'k' });
    const err = await rejection(fx.stripe.paymentIntents.create(holdParams(2000), { idempotencyKey: 'k' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.statusCode).toBe(400);
    expect(await fx.control.listPaymentIntents()).toHaveLength(1);
  });

  it('keeps keys per API key', async () => {
    const other = sdk(fx.emulator.port, 'sk_test_other');
    const a = await fx.stripe.paymentIntents.create(holdParams(), { idempotencyKey: 'shared' });
    const b = await other.paymentIntents.create(holdParams(), { idempotencyKey: 'shared' });
    expect(b.id).not.toBe(a.id);
  });

  it('does not store rejected input, so the key can be used again', async () => {
    const bad = await rejection(
      fx.stripe.paymentIntents.create({ amount: -1, currency: 'usd' }, { idempotencyKey: 'fix-me' }),
    );
    expect(bad.param).toBe('amount');
    const good = await fx.stripe.paymentIntents.create(
      { amount: 1, currency: 'usd' },
      { idempotencyKey: 'fix-me' },
    );
    expect(good.amount).toBe(1);
  });

  it('answers 409 to a duplicate while the first is still in flight', async () => {
    await fx.control.injectFault({ path: '/v1/payment_intents', method: 'POST', delayMs: 400, times: 1 });
    const first = fx.stripe.paymentIntents.create(holdParams(), { idempotencyKey: 'slow' });
    await new Promise((r) => setTimeout(r, 100));
    const dup = await rejection(fx.stripe.paymentIntents.create(holdParams(), { idempotencyKey: 'slow' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.code).toBe('idempotency_key_in_use');
    const pi = await first;
    expect(pi.status).toBe('requires_capture');
    const replay = await fx.stripe.paymentIntents.create(holdParams(), { idempotencyKey: 'slow' });
    expect(replay.id).toBe(pi.id);
    expect(await fx.control.listPaymentIntents()).toHaveLength(1);
  });

  it('forgets keys after 24 hours of emulator time', async () => {
    await fx.stripe.paymentIntents.create({ amount: 100, currency: 'usd' }, { idempotencyKey: 'old' });
    await fx.control.advanceClock(DAY + 1);
    const fresh = await fx.stripe.paymentIntents.create(
      { amount: 200, currency: 'usd' },
      { idempotencyKey: 'old' },
    );
    expect(fresh.amount).toBe(200);
  });
});

describe('faults', () => {
  it('fails the next matching requests; the SDK retries through them with the same key', async () => {
    await fx.control.injectFault({ path: '/v1/payment_intents', status: 500, times: 2, shouldRetry: true });
    const retrying = new Stripe('sk_test_retry', {
      host: '127.0.0.1',
      port: fx.emulator.port,
      protocol: 'http',
      maxNetworkRetries: 2,
    });
    const pi = await retrying.paymentIntents.create(holdParams());
    expect(pi.status).toBe('requires_capture');
    const stats = await fx.control.stats();
    expect(stats.faultsInjected).toBe(2);
    expect(stats.byRoute['POST /v1/payment_intents']).toBe(3);
    expect(await fx.control.listPaymentIntents()).toHaveLength(1);
  });

  it('raises StripeAPIError without retries, and Stripe-Should-Retry: false stops SDK retries', async () => {
    await fx.control.injectFault({ path: '/v1/customers', status: 503, times: 1 });
    const err = await rejection(fx.stripe.customers.create({}));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err.statusCode).toBe(503);
    await fx.control.injectFault({ path: '/v1/customers', status: 500, times: 5, shouldRetry: false });
    const retrying = sdk(fx.emulator.port, 'sk_test_emulator', 3);
    await rejection(retrying.customers.create({}));
    expect((await fx.control.stats()).byPath['/v1/customers']).toBe(2);
  });

  it('matches globs and methods, leaving the object untouched', async () => {
    const pi = await fx.stripe.paymentIntents.create(holdParams(1500));
    await fx.control.injectFault({
      path: '/v1/payment_intents/*/capture',
      status: 502,
      times: 1,
      method: 'POST',
    });
    expect((await fx.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_capture');
    const err = await rejection(fx.stripe.paymentIntents.capture(pi.id));
    expect(err.statusCode).toBe(502);
    expect((await fx.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_capture');
    expect((await fx.stripe.paymentIntents.capture(pi.id)).status).toBe('succeeded');
  });

  it('delays a request by delayMs when given no status', async () => {
    await fx.control.injectFault({ path: '/v1/customers', delayMs: 300 });
    const started = Date.now();
    await fx.stripe.customers.create({});
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('clock', () => {
  it('expires holds older than 7 days: canceled automatically, events sent, capture refused', async () => {
    const pi = await fx.stripe.paymentIntents.create(holdParams(2500));
    const young = await fx.stripe.paymentIntents.create(holdParams(100));
    const sixDays = await fx.control.advanceClock(6 * DAY);
    expect(sixDays.expired).toBe(0);
    expect((await fx.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_capture');
    const fresh = await fx.stripe.paymentIntents.create(holdParams(300));
    const later = await fx.control.advanceClock(DAY + 1);
    expect(later.expired).toBe(2);
    const expired = await fx.stripe.paymentIntents.retrieve(pi.id);
    expect(expired).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'automatic',
      amount_capturable: 0,
    });
    expect((await fx.stripe.paymentIntents.retrieve(young.id)).status).toBe('canceled');
    expect((await fx.stripe.paymentIntents.retrieve(fresh.id)).status).toBe('requires_capture');
    const err = await rejection(fx.stripe.paymentIntents.capture(pi.id));
    expect(err.code).toBe('payment_intent_unexpected_state');
    const types = (await fx.stripe.events.list({ limit: 100 })).data.map((e) => e.type);
    expect(types.filter((t) => t === 'charge.expired')).toHaveLength(2);
    expect(types.filter((t) => t === 'payment_intent.canceled')).toHaveLength(2);
  });

  it('moves created timestamps with the clock', async () => {
    const before = await fx.control.now();
    await fx.control.advanceClock(3600);
    const customer = await fx.stripe.customers.create({});
    expect(customer.created).toBeGreaterThanOrEqual(before + 3600);
  });
});

describe('rate limiting, reset and stats', () => {
  it('answers requests above N per second per key with 429 rate_limit', async () => {
    const limited = await startStripeEmulator({ rateLimit: 5 });
    try {
      const stripe = sdk(limited.port);
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => stripe.customers.create({})));
      const errors = results.flatMap((r) =>
        r.status === 'rejected' ? [r.reason as Stripe.errors.StripeError] : [],
      );
      expect(results.length - errors.length).toBeLessThanOrEqual(10);
      expect(errors.length).toBeGreaterThanOrEqual(10);
      for (const e of errors) {
        expect(e).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
        expect(e.statusCode).toBe(429);
        expect(e.code).toBe('rate_limit');
      }
      const stats = await emulatorControl(limited.url).stats();
      expect(stats.rateLimited).toBe(errors.length);
      expect(stats.requests).toBe(20);
      // Another key has its own budget.
      await expect(sdk(limited.port, 'sk_test_other').customers.create({})).resolves.toMatchObject({
        object: 'customer',
      });
    } finally {
      await limited.stop();
    }
  });

  it('reset clears objects, counters and faults', async () => {
    await fx.stripe.paymentIntents.create(holdParams());
    await fx.control.injectFault({ path: '/v1/customers', status: 500, times: 10 });
    expect((await fx.control.stats()).requests).toBe(1);
    await fx.control.reset();
    expect(await fx.control.listPaymentIntents()).toHaveLength(0);
    expect((await fx.control.stats()).requests).toBe(0);
    await expect(fx.stripe.customers.create({})).resolves.toMatchObject({ object: 'customer' });
  });

  it('counts requests by path and by route', async () => {
    const pi = await fx.stripe.paymentIntents.create(holdParams());
    await fx.stripe.paymentIntents.retrieve(pi.id);
    await fx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 10 });
    const stats = await fx.control.stats();
    expect(stats.byPath).toEqual({
      '/v1/payment_intents': 1,
      '/v1/payment_intents/:id': 1,
      '/v1/payment_intents/:id/capture': 1,
    });
    expect(stats.byRoute['GET /v1/payment_intents/:id']).toBe(1);
    const [listed] = await fx.control.listPaymentIntents();
    expect(listed).toMatchObject({ id: pi.id, amount_received: 10, status: 'succeeded' });
  });
});

describe('persistence', () => {
  it('keeps state, clock and idempotency keys in the data file across a restart', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stripe-emulator-'));
    const dataFile = path.join(dir, 'nested', 'stripe.json');
    try {
      const first = await startStripeEmulator({ dataFile });
      const s1 = sdk(first.port);
      const held = await s1.paymentIntents.create(holdParams(4000), { idempotencyKey: 'persist' });
      const captured = await s1.paymentIntents.create(holdParams(2000));
      await s1.paymentIntents.capture(captured.id, { amount_to_capture: 1500 });
      // 23 hours: the clock is kept, and the idempotency key (24 hours) is still alive whatever real
      // seconds this slow part takes (a full day here let a busy machine age the key past its life).
      await emulatorControl(first.url).advanceClock(DAY - HOUR);
      await first.stop();
      expect(await readdir(path.dirname(dataFile))).toEqual(['stripe.json']);
      expect(JSON.parse(await readFile(dataFile, 'utf8'))).toMatchObject({
        version: 1,
        clockOffset: DAY - HOUR,
      });

      const second = await startStripeEmulator({ dataFile });
      try {
        const s2 = sdk(second.port);
        expect(await s2.paymentIntents.retrieve(held.id)).toMatchObject({
          status: 'requires_capture',
          amount_capturable: 4000,
        });
        expect(await s2.paymentIntents.retrieve(captured.id)).toMatchObject({
          status: 'succeeded',
          amount_received: 1500,
        });
        const replay = await s2.paymentIntents.create(holdParams(4000), { idempotencyKey: 'persist' });
        expect(replay.id).toBe(held.id);
        expect((await emulatorControl(second.url).advanceClock(6 * DAY + HOUR + 1)).expired).toBe(1);
        expect((await s2.paymentIntents.retrieve(held.id)).cancellation_reason).toBe('automatic');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
