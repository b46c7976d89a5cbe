// Customers, payment methods, PaymentIntents, charges and refunds, driven through the official SDK.
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { rejection, sdk, useEmulator } from './test-helpers';

const fx = useEmulator();

async function hold(amount = 5000, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return fx.stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    capture_method: 'manual',
    confirm: true,
    payment_method: 'pm_card_visa',
    ...extra,
  });
}

/** The object's JSON, without the SDK's non-enumerable response details. */
function plain(o: object): unknown {
  return JSON.parse(JSON.stringify(o));
}

async function chargeOf(pi: Stripe.PaymentIntent): Promise<Stripe.Charge> {
  expect(typeof pi.latest_charge).toBe('string');
  return fx.stripe.charges.retrieve(String(pi.latest_charge));
}

describe('requests', () => {
  it('rejects a missing or non-test API key with 401 and the SDK authentication error', async () => {
    const res = await fetch(`${fx.emulator.url}/v1/customers/cus_x`);
    expect(res.status).toBe(401);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const body = (await res.json()) as { error: { type: string } };
    expect(body.error.type).toBe('invalid_request_error');

    const err = await rejection(sdk(fx.emulator.port, 'sk_live_nope').customers.create({}));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).toBe(401);
  });

  it('puts a Request-Id on every response, errors included', async () => {
    const ok = await fx.stripe.customers.create({});
    expect(ok.lastResponse.requestId).toMatch(/^req_\w+$/);
    const err = await rejection(fx.stripe.customers.retrieve('cus_missing'));
    expect(err.requestId).toMatch(/^req_\w+$/);
    expect(err.requestId).not.toBe(ok.lastResponse.requestId);
  });

  it('tolerates unknown parameters and any Stripe-Version', async () => {
    const unknown = { flock_experimental: 'yes', nested: { deep: '1' } };
    const pi = await fx.stripe.paymentIntents.create(
      { amount: 100, currency: 'usd', ...unknown },
      { apiVersion: '2020-08-27' },
    );
    expect(pi.status).toBe('requires_payment_method');
  });

  it('answers a malformed body with a Stripe-shaped 400 naming the parameter', async () => {
    const res = await fetch(`${fx.emulator.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_x', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'amount=100&amount[x]=2&currency=usd',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string; param: string } };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: 'amount' });
    expect(await fx.control.listPaymentIntents()).toHaveLength(0);
  });

  it('answers an unknown route with 404', async () => {
    const err = await rejection(fx.stripe.subscriptions.retrieve('sub_123'));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(404);
    const garbled = await fetch(`${fx.emulator.url}/v1/payment_intents/%E0%A4%A`, {
      headers: { Authorization: 'Bearer sk_test_x' },
    });
    expect(garbled.status).toBe(404);
    expect(((await garbled.json()) as { error: { code: string } }).error.code).toBe('resource_missing');
  });

  it('answers a malformed control request with 400, not a crash', async () => {
    const res = await fetch(`${fx.emulator.url}/_emulator/clock/advance`, {
      method: 'POST',
      body: '{"seconds":',
    });
    expect(res.status).toBe(400);
    const neg = await fetch(`${fx.emulator.url}/_emulator/clock/advance`, {
      method: 'POST',
      body: '{"seconds":-5}',
    });
    expect(neg.status).toBe(400);
    expect((await fx.stripe.customers.create({})).object).toBe('customer');
  });
});

describe('customers and payment methods', () => {
  it('creates and retrieves a customer; an unknown id is 404 resource_missing', async () => {
    const created = await fx.stripe.customers.create({
      email: 'ana@example.com',
      name: 'Ana',
      metadata: { buyer: 'b1' },
    });
    expect(created.id).toMatch(/^cus_[A-Za-z0-9]{24}$/);
    const got = await fx.stripe.customers.retrieve(created.id);
    expect(got).toMatchObject({
      id: created.id,
      email: 'ana@example.com',
      name: 'Ana',
      metadata: { buyer: 'b1' },
    });
    const err = await rejection(fx.stripe.customers.retrieve('cus_nope'));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
  });

  it.each([
    ['pm_card_visa', 'visa', '4242'],
    ['pm_card_mastercard', 'mastercard', '4444'],
    ['pm_card_amex', 'amex', '8431'],
    ['pm_card_chargeDeclined', 'visa', '0002'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'visa', '9995'],
    ['pm_card_chargeDeclinedExpiredCard', 'visa', '0069'],
    ['pm_card_authenticationRequired', 'visa', '3184'],
    ['pm_card_chargeCustomerFail', 'visa', '0341'],
  ])('retrieves %s as a %s ending %s', async (id, brand, last4) => {
    const pm = await fx.stripe.paymentMethods.retrieve(id);
    expect(pm).toMatchObject({ id, object: 'payment_method', type: 'card', card: { brand, last4 } });
  });

  it('404s an unknown payment method', async () => {
    const err = await rejection(fx.stripe.paymentMethods.retrieve('pm_card_bogus'));
    expect(err.code).toBe('resource_missing');
  });

  it('attaches pm_card_chargeCustomerFail to a customer, and charging it then fails', async () => {
    const customer = await fx.stripe.customers.create({});
    const pm = await fx.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    expect(pm.customer).toBe(customer.id);
    expect(pm.id).not.toBe('pm_card_chargeCustomerFail');
    const err = await rejection(hold(1000, { customer: customer.id, payment_method: pm.id }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.code).toBe('card_declined');
  });
});

describe('test card outcomes', () => {
  it.each(['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex'])('%s authorizes a hold', async (pm) => {
    const pi = await hold(2500, { payment_method: pm });
    expect(pi).toMatchObject({
      status: 'requires_capture',
      amount_capturable: 2500,
      amount_received: 0,
      payment_method: pm,
    });
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
    ['pm_card_chargeCustomerFail', 'card_declined', 'generic_decline'],
  ])(
    '%s declines with 402 %s / %s and leaves the PI awaiting a new method',
    async (pm, code, declineCode) => {
      const err = await rejection(hold(2500, { payment_method: pm }));
      expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(err.statusCode).toBe(402);
      expect(err.code).toBe(code);
      expect(err.decline_code).toBe(declineCode);
      expect(err.payment_intent?.status).toBe('requires_payment_method');
      const id = err.payment_intent?.id ?? '';
      const pi = await fx.stripe.paymentIntents.retrieve(id);
      expect(pi.status).toBe('requires_payment_method');
      expect(pi.payment_method).toBeNull();
      expect(pi.last_payment_error).toMatchObject({ type: 'card_error', code, decline_code: declineCode });
      const charge = await chargeOf(pi);
      expect(charge).toMatchObject({ status: 'failed', captured: false, failure_code: code });
    },
  );

  it('a declined PI can be confirmed again with a good card', async () => {
    const err = await rejection(hold(900, { payment_method: 'pm_card_chargeDeclined' }));
    const id = err.payment_intent?.id ?? '';
    const pi = await fx.stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_visa' });
    expect(pi).toMatchObject({
      status: 'requires_capture',
      amount_capturable: 900,
      last_payment_error: null,
    });
  });

  it('pm_card_authenticationRequired needs action, and completes through the control endpoint', async () => {
    const pi = await hold(700, { payment_method: 'pm_card_authenticationRequired' });
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action?.type).toBe('use_stripe_sdk');
    const done = await fx.control.authenticate(pi.id);
    expect(done.status).toBe('requires_capture');
    const again = await fx.stripe.paymentIntents.retrieve(pi.id);
    expect(again).toMatchObject({ status: 'requires_capture', amount_capturable: 700, next_action: null });
  });

  it('failed authentication returns the PI to requires_payment_method', async () => {
    const pi = await hold(700, { payment_method: 'pm_card_authenticationRequired' });
    await fx.control.authenticate(pi.id, 'fail');
    const after = await fx.stripe.paymentIntents.retrieve(pi.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });

  it('off-session, pm_card_authenticationRequired declines with authentication_required', async () => {
    const err = await rejection(
      hold(700, { payment_method: 'pm_card_authenticationRequired', off_session: true }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.decline_code).toBe('authentication_required');
  });
});

describe('PaymentIntent lifecycle', () => {
  it('walks requires_payment_method → requires_confirmation → requires_capture → succeeded', async () => {
    const customer = await fx.stripe.customers.create({});
    // A destination must be a connected account that can receive transfers (see connect.test.ts).
    const seller = await fx.stripe.accounts.create({ type: 'express', country: 'FR' });
    await fx.control.completeOnboarding(seller.id);
    const pi = await fx.stripe.paymentIntents.create({
      amount: 4000,
      currency: 'eur',
      capture_method: 'manual',
      customer: customer.id,
      description: 'Group order',
      receipt_email: 'ana@example.com',
      metadata: { order: 'o1' },
      transfer_data: { destination: seller.id },
      application_fee_amount: 200,
    });
    expect(pi).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      amount: 4000,
      currency: 'eur',
      capture_method: 'manual',
      customer: customer.id,
      transfer_data: { destination: seller.id },
      application_fee_amount: 200,
      latest_charge: null,
      canceled_at: null,
    });
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    const withPm = await fx.stripe.paymentIntents.update(pi.id, { payment_method: 'pm_card_visa' });
    expect(withPm.status).toBe('requires_confirmation');
    const confirmed = await fx.stripe.paymentIntents.confirm(pi.id);
    expect(confirmed).toMatchObject({ status: 'requires_capture', amount_capturable: 4000 });
    const captured = await fx.stripe.paymentIntents.capture(pi.id);
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 4000, amount_capturable: 0 });
  });

  it('automatic capture goes straight to succeeded with a captured charge', async () => {
    const pi = await fx.stripe.paymentIntents.create({
      amount: 1200,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    expect(pi.capture_method).toBe('automatic_async');
    expect(pi).toMatchObject({ status: 'succeeded', amount_received: 1200 });
    expect(await chargeOf(pi)).toMatchObject({ captured: true, amount_captured: 1200 });
  });

  it.each([
    'requires_payment_method',
    'requires_confirmation',
    'requires_action',
    'requires_capture',
  ] as const)('cancels from %s with a reason', async (from) => {
    const start = {
      requires_payment_method: () => fx.stripe.paymentIntents.create({ amount: 100, currency: 'usd' }),
      requires_confirmation: () =>
        fx.stripe.paymentIntents.create({ amount: 100, currency: 'usd', payment_method: 'pm_card_visa' }),
      requires_action: () => hold(100, { payment_method: 'pm_card_authenticationRequired' }),
      requires_capture: () => hold(100),
    }[from];
    const pi = await start();
    expect(pi.status).toBe(from);
    const canceled = await fx.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'abandoned',
      amount_capturable: 0,
    });
    expect(canceled.canceled_at).toBeGreaterThan(0);
  });

  it('refuses wrong-state capture, cancel and confirm with payment_intent_unexpected_state', async () => {
    const pi = await hold(1000);
    await fx.stripe.paymentIntents.capture(pi.id);
    for (const attempt of [
      fx.stripe.paymentIntents.capture(pi.id),
      fx.stripe.paymentIntents.cancel(pi.id),
      fx.stripe.paymentIntents.confirm(pi.id),
    ]) {
      const err = await rejection(attempt);
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err.statusCode).toBe(400);
      expect(err.code).toBe('payment_intent_unexpected_state');
    }
    const canceled = await fx.stripe.paymentIntents.create({ amount: 100, currency: 'usd' });
    await fx.stripe.paymentIntents.cancel(canceled.id);
    const err = await rejection(fx.stripe.paymentIntents.cancel(canceled.id));
    expect(err.code).toBe('payment_intent_unexpected_state');
    const capErr = await rejection(fx.stripe.paymentIntents.capture(canceled.id));
    expect(capErr.code).toBe('payment_intent_unexpected_state');
  });

  it('partially captures once, releasing the rest', async () => {
    const pi = await hold(10_000);
    const captured = await fx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 6_000 });
    expect(captured).toMatchObject({
      status: 'succeeded',
      amount: 10_000,
      amount_received: 6_000,
      amount_capturable: 0,
    });
    const charge = await chargeOf(captured);
    expect(charge).toMatchObject({
      captured: true,
      amount: 10_000,
      amount_captured: 6_000,
      amount_refunded: 0,
      refunded: false,
    });
    const again = await rejection(fx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 1_000 }));
    expect(again.code).toBe('payment_intent_unexpected_state');
  });

  it('rejects capturing more than capturable, naming amount_to_capture, and changes nothing', async () => {
    const pi = await hold(3000);
    const err = await rejection(fx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3001 }));
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('amount_to_capture');
    const after = await fx.stripe.paymentIntents.retrieve(pi.id);
    expect(plain(after)).toEqual(plain(pi));
  });

  it('updates metadata and amount before confirmation, and refuses an amount change on a hold', async () => {
    const pi = await fx.stripe.paymentIntents.create({
      amount: 500,
      currency: 'usd',
      metadata: { a: '1', b: '2' },
    });
    const updated = await fx.stripe.paymentIntents.update(pi.id, {
      amount: 800,
      metadata: { a: '', c: '3' },
    });
    expect(updated.amount).toBe(800);
    expect(updated.metadata).toEqual({ b: '2', c: '3' });
    const held = await hold(500);
    const err = await rejection(fx.stripe.paymentIntents.update(held.id, { amount: 900 }));
    expect(err.code).toBe('payment_intent_unexpected_state');
    expect((await fx.stripe.paymentIntents.retrieve(held.id)).amount).toBe(500);
    const meta = await fx.stripe.paymentIntents.update(held.id, { metadata: { note: 'ok' } });
    expect(meta.metadata).toEqual({ note: 'ok' });
  });

  it('lists newest first, filtered by customer, paginated with starting_after', async () => {
    const ana = await fx.stripe.customers.create({});
    const bo = await fx.stripe.customers.create({});
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) {
      mine.push(
        (await fx.stripe.paymentIntents.create({ amount: 100 + i, currency: 'usd', customer: ana.id })).id,
      );
      await fx.stripe.paymentIntents.create({ amount: 100, currency: 'usd', customer: bo.id });
    }
    const page1 = await fx.stripe.paymentIntents.list({ customer: ana.id, limit: 2 });
    expect(page1.data.map((p) => p.id)).toEqual([mine[4], mine[3]]);
    expect(page1.has_more).toBe(true);
    const page2 = await fx.stripe.paymentIntents.list({
      customer: ana.id,
      limit: 2,
      starting_after: mine[3],
    });
    expect(page2.data.map((p) => p.id)).toEqual([mine[2], mine[1]]);
    const all: string[] = [];
    for await (const p of fx.stripe.paymentIntents.list({ customer: ana.id, limit: 2 })) all.push(p.id);
    expect(all).toEqual([...mine].reverse());
    expect((await fx.stripe.paymentIntents.list({ limit: 100 })).data).toHaveLength(10);
  });

  it('expands latest_charge, customer and payment_method', async () => {
    const customer = await fx.stripe.customers.create({ email: 'x@example.com' });
    const pi = await hold(1000, { customer: customer.id, expand: ['latest_charge', 'customer'] });
    expect(pi.latest_charge).toMatchObject({ object: 'charge', amount: 1000 });
    expect(pi.customer).toMatchObject({ object: 'customer', email: 'x@example.com' });
    const again = await fx.stripe.paymentIntents.retrieve(pi.id, { expand: ['payment_method'] });
    expect(again.payment_method).toMatchObject({ object: 'payment_method', card: { last4: '4242' } });
  });
});

describe('charges and refunds', () => {
  it('gives the charge capture_before = authorization time + 7 days', async () => {
    const pi = await hold(1000);
    const charge = await chargeOf(pi);
    expect(charge.payment_method_details?.card?.capture_before).toBe(charge.created + 7 * 24 * 3600);
    expect(charge).toMatchObject({
      object: 'charge',
      payment_intent: pi.id,
      captured: false,
      status: 'succeeded',
      amount_captured: 0,
    });
  });

  it('holds, partially captures, then refunds in parts up to the captured amount', async () => {
    const pi = await hold(10_000);
    await fx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 7_000 });
    const r1 = await fx.stripe.refunds.create({
      payment_intent: pi.id,
      amount: 2_000,
      reason: 'requested_by_customer',
    });
    expect(r1).toMatchObject({
      object: 'refund',
      amount: 2_000,
      status: 'succeeded',
      payment_intent: pi.id,
      currency: 'usd',
    });
    expect(await fx.stripe.refunds.retrieve(r1.id)).toMatchObject({ id: r1.id, amount: 2_000 });
    const tooMuch = await rejection(fx.stripe.refunds.create({ payment_intent: pi.id, amount: 5_001 }));
    expect(tooMuch.param).toBe('amount');
    const charge = await chargeOf(pi);
    expect(charge).toMatchObject({ amount_refunded: 2_000, refunded: false });
    const r2 = await fx.stripe.refunds.create({ charge: charge.id });
    expect(r2.amount).toBe(5_000);
    expect(await fx.stripe.charges.retrieve(charge.id)).toMatchObject({
      amount_refunded: 7_000,
      refunded: true,
    });
    const done = await rejection(fx.stripe.refunds.create({ payment_intent: pi.id }));
    expect(done.code).toBe('charge_already_refunded');
  });

  it('refuses to refund an uncaptured hold or an unknown payment', async () => {
    const pi = await hold(1000);
    const err = await rejection(fx.stripe.refunds.create({ payment_intent: pi.id }));
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('payment_intent');
    const missingErr = await rejection(fx.stripe.refunds.create({ payment_intent: 'pi_nope' }));
    expect(missingErr.code).toBe('resource_missing');
    const charge404 = await rejection(fx.stripe.charges.retrieve('ch_nope'));
    expect(charge404.statusCode).toBe(404);
    const refund404 = await rejection(fx.stripe.refunds.retrieve('re_nope'));
    expect(refund404.statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it.each([
    [{ amount: -100, currency: 'usd' }, 'amount'],
    [{ amount: 0, currency: 'usd' }, 'amount'],
    [{ amount: 10.5, currency: 'usd' }, 'amount'],
    [{ currency: 'usd' }, 'amount'],
    [{ amount: 100, currency: 'xyz' }, 'currency'],
    [{ amount: 100 }, 'currency'],
    [{ amount: 1005, currency: 'kwd' }, 'amount'],
    [{ amount: 100, currency: 'usd', capture_method: 'later' }, 'capture_method'],
    [{ amount: 100, currency: 'usd', customer: 'cus_nope' }, 'customer'],
    [{ amount: 100, currency: 'usd', payment_method: 'pm_nope' }, 'payment_method'],
    [{ amount: 100, currency: 'usd', confirm: true }, 'payment_method'],
    [{ amount: 100, currency: 'usd', application_fee_amount: 101 }, 'application_fee_amount'],
  ])('create %j → 400 naming %s, nothing created', async (params, param) => {
    const err = await rejection(fx.stripe.paymentIntents.create(params as Stripe.PaymentIntentCreateParams));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe(param);
    expect(await fx.control.listPaymentIntents()).toHaveLength(0);
  });

  it('accepts zero-decimal JPY and three-decimal KWD amounts', async () => {
    const yen = await hold(500, { currency: 'jpy' });
    expect(yen).toMatchObject({ amount: 500, currency: 'jpy', status: 'requires_capture' });
    const dinar = await hold(1230, { currency: 'KWD' as Stripe.PaymentIntentCreateParams['currency'] });
    expect(dinar.currency).toBe('kwd');
    const err = await rejection(fx.stripe.paymentIntents.capture(dinar.id, { amount_to_capture: 1005 }));
    expect(err.param).toBe('amount_to_capture');
  });

  it('rejects a bad update or cancel without changing the object', async () => {
    const pi = await fx.stripe.paymentIntents.create({ amount: 500, currency: 'usd', metadata: { a: '1' } });
    const e1 = await rejection(fx.stripe.paymentIntents.update(pi.id, { amount: -1, metadata: { b: '2' } }));
    expect(e1.param).toBe('amount');
    const e2 = await rejection(
      fx.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: 'bored' as 'abandoned' }),
    );
    expect(e2.param).toBe('cancellation_reason');
    const after = await fx.stripe.paymentIntents.retrieve(pi.id);
    expect(plain(after)).toEqual(plain(pi));
  });
});

describe('setup intents and saved payment methods', () => {
  async function setup(payment_method: string, extra: Partial<Stripe.SetupIntentCreateParams> = {}) {
    const customer = await fx.stripe.customers.create({ email: 'saver@example.com' });
    const si = await fx.stripe.setupIntents.create({
      customer: customer.id,
      payment_method,
      usage: 'off_session',
      confirm: true,
      allowed_payment_method_types: ['card'],
      ...extra,
    });
    return { customer, si };
  }

  it('walks requires_payment_method → requires_confirmation → succeeded and attaches the card', async () => {
    const customer = await fx.stripe.customers.create({});
    const si = await fx.stripe.setupIntents.create({
      customer: customer.id,
      automatic_payment_methods: { enabled: true },
      metadata: { member: 'm1' },
    });
    expect(si).toMatchObject({
      object: 'setup_intent',
      status: 'requires_payment_method',
      usage: 'off_session',
      automatic_payment_methods: { enabled: true },
      metadata: { member: 'm1' },
      payment_method: null,
    });
    expect(si.id).toMatch(/^seti_/);
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_`));
    const done = await fx.stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' });
    expect(done.status).toBe('succeeded');
    expect(done.payment_method).toMatch(/^pm_/);
    expect(done.payment_method).not.toBe('pm_card_visa');
    const again = await fx.stripe.setupIntents.retrieve(si.id);
    expect(again.status).toBe('succeeded');
    const pm = await fx.stripe.paymentMethods.retrieve(String(done.payment_method));
    expect(pm).toMatchObject({ customer: customer.id, card: { last4: '4242' } });

    const pending = await fx.stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_visa',
    });
    expect(pending.status).toBe('requires_confirmation');
    const types = (await fx.stripe.events.list({ type: 'setup_intent.*' })).data.map((e) => e.type);
    expect(types).toEqual(['setup_intent.created', 'setup_intent.succeeded', 'setup_intent.created']);
  });

  it('lists saved cards both ways the SDK asks, and detaches them', async () => {
    const { customer, si } = await setup('pm_card_visa');
    await setup('pm_card_mastercard');
    await fx.stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_amex',
      confirm: true,
    });
    expect(si).toMatchObject({ allowed_payment_method_types: ['card'], payment_method_types: ['card'] });
    const listed = await fx.stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(listed.data.map((p) => p.card?.last4)).toEqual(['8431', '4242']);
    const viaCustomer = await fx.stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
    expect(viaCustomer.data.map((p) => p.id)).toEqual(listed.data.map((p) => p.id));
    expect(viaCustomer.url).toBe(`/v1/customers/${customer.id}/payment_methods`);

    const detached = await fx.stripe.paymentMethods.detach(String(si.payment_method));
    expect(detached.customer).toBeNull();
    const after = await fx.stripe.customers.listPaymentMethods(customer.id);
    expect(after.data.map((p) => p.card?.last4)).toEqual(['8431']);
    const twice = await rejection(fx.stripe.paymentMethods.detach(String(si.payment_method)));
    expect(twice.code).toBe('payment_method_unexpected_state');
    const unknown = await rejection(fx.stripe.customers.listPaymentMethods('cus_nope'));
    expect(unknown.statusCode).toBe(404);
  });

  it('a card that needs authentication waits in requires_action until the control route completes it', async () => {
    const { customer, si } = await setup('pm_card_authenticationRequired');
    expect(si.status).toBe('requires_action');
    expect(si.next_action?.type).toBe('use_stripe_sdk');
    expect((await fx.stripe.paymentMethods.list({ customer: customer.id })).data).toHaveLength(0);
    const done = await fx.control.authenticateSetup(si.id);
    expect(done).toMatchObject({ status: 'succeeded', next_action: null });
    const saved = await fx.stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(saved.data.map((p) => p.card?.last4)).toEqual(['3184']);
    const types = (await fx.stripe.events.list({ type: 'setup_intent.*' })).data.map((e) => e.type);
    expect(types).toEqual(['setup_intent.succeeded', 'setup_intent.requires_action', 'setup_intent.created']);

    const failed = (await setup('pm_card_authenticationRequired')).si;
    const back = await fx.control.authenticateSetup(failed.id, 'fail');
    expect(back.status).toBe('requires_payment_method');
    expect(back.last_setup_error?.code).toBe('setup_intent_authentication_failure');
  });

  it('a decline card fails setup with last_setup_error and a 402 carrying the SetupIntent', async () => {
    const customer = await fx.stripe.customers.create({});
    const err = await rejection(
      fx.stripe.setupIntents.create({
        customer: customer.id,
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
      }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.decline_code).toBe('generic_decline');
    const si = err.setup_intent;
    expect(si?.status).toBe('requires_payment_method');
    expect(si?.last_setup_error?.code).toBe('card_declined');
    const stored = await fx.stripe.setupIntents.retrieve(String(si?.id));
    expect(stored).toMatchObject({ status: 'requires_payment_method', payment_method: null });
    expect((await fx.stripe.paymentMethods.list({ customer: customer.id })).data).toHaveLength(0);
    const types = (await fx.stripe.events.list({ type: 'setup_intent.*' })).data.map((e) => e.type);
    expect(types).toEqual(['setup_intent.setup_failed', 'setup_intent.created']);
    const retried = await fx.stripe.setupIntents.confirm(String(si?.id), { payment_method: 'pm_card_visa' });
    expect(retried).toMatchObject({ status: 'succeeded', last_setup_error: null });
  });

  it('pm_card_chargeCustomerFail saves, then its off-session charge declines', async () => {
    const { customer, si } = await setup('pm_card_chargeCustomerFail');
    expect(si.status).toBe('succeeded');
    const err = await rejection(
      hold(900, {
        customer: customer.id,
        payment_method: String(si.payment_method),
        off_session: true,
      }),
    );
    expect(err.code).toBe('card_declined');
  });

  it('off-session after setup: visa charges, authenticationRequired still needs authentication', async () => {
    const visa = await setup('pm_card_visa');
    const ok = await fx.stripe.paymentIntents.create({
      amount: 1200,
      currency: 'usd',
      customer: visa.customer.id,
      payment_method: String(visa.si.payment_method),
      off_session: true,
      confirm: true,
    });
    expect(ok.status).toBe('succeeded');

    const auth = await setup('pm_card_authenticationRequired');
    await fx.control.authenticateSetup(auth.si.id);
    const pmId = String((await fx.stripe.setupIntents.retrieve(auth.si.id)).payment_method);
    const err = await rejection(
      fx.stripe.paymentIntents.create({
        amount: 1200,
        currency: 'usd',
        customer: auth.customer.id,
        payment_method: pmId,
        off_session: true,
        confirm: true,
      }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe('authentication_required');
    expect(err.payment_intent?.status).toBe('requires_payment_method');
    const stored = await fx.stripe.paymentIntents.retrieve(String(err.payment_intent?.id));
    expect(stored.status).toBe('requires_payment_method');
    expect(stored.last_payment_error?.code).toBe('authentication_required');
  });

  it('cancels, and refuses to confirm or cancel a finished SetupIntent', async () => {
    const customer = await fx.stripe.customers.create({});
    const si = await fx.stripe.setupIntents.create({ customer: customer.id });
    const canceled = await fx.stripe.setupIntents.cancel(si.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    const err = await rejection(fx.stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' }));
    expect(err.code).toBe('setup_intent_unexpected_state');
    const done = (await setup('pm_card_visa')).si;
    const late = await rejection(fx.stripe.setupIntents.cancel(done.id));
    expect(late.code).toBe('setup_intent_unexpected_state');
    const missingErr = await rejection(fx.stripe.setupIntents.retrieve('seti_nope'));
    expect(missingErr.statusCode).toBe(404);
  });
});

describe('refunds in parts', () => {
  it('several partial refunds sum to the captured amount; one more is refused like Stripe', async () => {
    const pi = await hold(10_000);
    await fx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 9_000 });
    for (const amount of [1_000, 2_500, 3_000])
      await fx.stripe.refunds.create({ payment_intent: pi.id, amount });
    const charge = await chargeOf(pi);
    expect(charge).toMatchObject({ amount_captured: 9_000, amount_refunded: 6_500, refunded: false });
    const over = await rejection(fx.stripe.refunds.create({ payment_intent: pi.id, amount: 2_501 }));
    expect(over).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(over).toMatchObject({ statusCode: 400, param: 'amount', code: 'amount_too_large' });
    expect(over.message).toBe('Refund amount ($25.01) is greater than unrefunded amount on charge ($25.00)');
    expect((await chargeOf(pi)).amount_refunded).toBe(6_500);
    await fx.stripe.refunds.create({ payment_intent: pi.id, amount: 2_500 });
    expect(await chargeOf(pi)).toMatchObject({ amount_refunded: 9_000, refunded: true });
  });
});

describe('wechat_pay, a wallet that cannot be held', () => {
  it('automatic_payment_methods offers wechat_pay with automatic capture, never with manual', async () => {
    const auto = await fx.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
    });
    expect(auto).toMatchObject({
      automatic_payment_methods: { enabled: true },
      payment_method_types: ['card', 'wechat_pay'],
    });
    const held = await fx.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      capture_method: 'manual',
      automatic_payment_methods: { enabled: true },
    });
    expect(held.payment_method_types).toEqual(['card']);
    const switched = await fx.stripe.paymentIntents.update(auto.id, { capture_method: 'manual' });
    expect(switched.payment_method_types).toEqual(['card']);
    const plainCard = await fx.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    expect(plainCard).toMatchObject({ payment_method_types: ['card'], automatic_payment_methods: null });
  });

  it('refuses wechat_pay in the types of a manual-capture PaymentIntent, creating nothing', async () => {
    const err = await rejection(
      fx.stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        capture_method: 'manual',
        allowed_payment_method_types: ['card', 'wechat_pay'],
      }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({ statusCode: 400, param: 'allowed_payment_method_types' });
    const legacy = await fetch(`${fx.emulator.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_x', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'amount=1000&currency=usd&capture_method=manual&payment_method_types[0]=wechat_pay',
    });
    expect(legacy.status).toBe(400);
    expect(((await legacy.json()) as { error: { param: string } }).error.param).toBe('payment_method_types');
    const wallet = await fx.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      allowed_payment_method_types: ['wechat_pay'],
    });
    const refused = await rejection(fx.stripe.paymentIntents.update(wallet.id, { capture_method: 'manual' }));
    expect(refused.param).toBe('capture_method');
    expect(await fx.control.listPaymentIntents()).toHaveLength(1);
  });

  it('confirmed, shows a QR code in requires_action; the control route completes it to succeeded', async () => {
    const pi = await fx.stripe.paymentIntents.create({
      amount: 2300,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
      payment_method_data: { type: 'wechat_pay' },
      confirm: true,
    });
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action?.type).toBe('wechat_pay_display_qr_code');
    const qr = pi.next_action?.wechat_pay_display_qr_code;
    expect(Object.keys(qr ?? {}).sort()).toEqual([
      'data',
      'hosted_instructions_url',
      'image_data_url',
      'image_url_png',
      'image_url_svg',
    ]);
    const pm = await fx.stripe.paymentMethods.retrieve(String(pi.payment_method));
    expect(pm.type).toBe('wechat_pay');
    const done = await fx.control.authenticate(pi.id);
    expect(done).toMatchObject({ status: 'succeeded', amount_received: 2300, next_action: null });
    const charge = await chargeOf(await fx.stripe.paymentIntents.retrieve(pi.id));
    expect(charge).toMatchObject({ captured: true, payment_method_details: { type: 'wechat_pay' } });
    const refund = await fx.stripe.refunds.create({ payment_intent: pi.id, amount: 300 });
    expect(refund.amount).toBe(300);

    const later = await fx.stripe.paymentIntents.create({
      amount: 500,
      currency: 'usd',
      allowed_payment_method_types: ['wechat_pay'],
    });
    const confirmed = await fx.stripe.paymentIntents.confirm(later.id, {
      payment_method_data: { type: 'wechat_pay' },
    });
    expect(confirmed.status).toBe('requires_action');
    const cardOnly = await fx.stripe.paymentIntents.create({ amount: 500, currency: 'usd' });
    const notAllowed = await rejection(
      fx.stripe.paymentIntents.confirm(cardOnly.id, { payment_method_data: { type: 'wechat_pay' } }),
    );
    expect(notAllowed.param).toBe('payment_method_data[type]');
  });
});
