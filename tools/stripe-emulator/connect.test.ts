// Stripe Connect: Express accounts and onboarding, destination charges, refunds that reverse them,
// transfers, balances (Stripe-Account) and payouts, driven through the official SDK.
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { roundHalfUp } from './connect';
import { hookServer, rejection, useEmulator, waitFor } from './test-helpers';

const fx = useEmulator();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function seller(onboard = true, extra: Partial<Stripe.AccountCreateParams> = {}) {
  const account = await fx.stripe.accounts.create({
    type: 'express',
    country: 'US',
    email: 'seller@example.com',
    capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    ...extra,
  });
  if (onboard) await fx.control.completeOnboarding(account.id);
  return account;
}

/** A manual-capture destination charge, authorized. */
async function destinationHold(
  destination: string,
  amount = 10_000,
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
) {
  return fx.stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    capture_method: 'manual',
    confirm: true,
    payment_method: 'pm_card_visa',
    transfer_data: { destination },
    transfer_group: 'group_1',
    ...extra,
  });
}

async function balanceOf(account?: string): Promise<Record<string, number>> {
  const b = await fx.stripe.balance.retrieve({}, account ? { stripeAccount: account } : {});
  return Object.fromEntries(b.available.map((x) => [x.currency, x.amount]));
}

function idOf(v: string | { id: string } | null | undefined): string {
  return typeof v === 'string' ? v : (v?.id ?? '');
}

async function chargeWithConnect(piId: string) {
  const pi = await fx.stripe.paymentIntents.retrieve(piId);
  return fx.stripe.charges.retrieve(idOf(pi.latest_charge), { expand: ['application_fee', 'transfer'] });
}

describe('accounts and onboarding', () => {
  it('creates an Express account that cannot take payments until onboarding completes', async () => {
    const account = await seller(false, { metadata: { shop: 's1' }, business_type: 'individual' });
    expect(account).toMatchObject({
      object: 'account',
      type: 'express',
      country: 'US',
      default_currency: 'usd',
      email: 'seller@example.com',
      business_type: 'individual',
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { card_payments: 'inactive', transfers: 'inactive' },
      metadata: { shop: 's1' },
    });
    expect(account.id).toMatch(/^acct_\w+$/);
    expect(account.requirements?.currently_due).toEqual(
      expect.arrayContaining([
        'business_profile.url',
        'external_account',
        'individual.dob.day',
        'tos_acceptance.date',
      ]),
    );
    expect(account.requirements?.disabled_reason).toBe('requirements.past_due');

    const done = await fx.control.completeOnboarding(account.id);
    expect(done).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { card_payments: 'active', transfers: 'active' },
    });
    const got = await fx.stripe.accounts.retrieve(account.id);
    expect(got.requirements).toMatchObject({ currently_due: [], past_due: [], disabled_reason: null });

    const back = await fx.control.setRequirements(account.id, ['individual.verification.document']);
    expect(back).toMatchObject({
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: true,
      capabilities: { transfers: 'inactive' },
      requirements: { currently_due: ['individual.verification.document'] },
    });
    const cleared = await fx.control.setRequirements(account.id, []);
    expect(cleared).toMatchObject({ charges_enabled: true, capabilities: { transfers: 'active' } });
  });

  it('updates email and metadata; replays an idempotent create; 404s an unknown account', async () => {
    const a = await fx.stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'acct-1' });
    const again = await fx.stripe.accounts.create({ type: 'express' }, { idempotencyKey: 'acct-1' });
    expect(again.id).toBe(a.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    const other = await rejection(
      fx.stripe.accounts.create({ type: 'custom' }, { idempotencyKey: 'acct-1' }),
    );
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);

    const updated = await fx.stripe.accounts.update(a.id, { email: 'new@example.com', metadata: { k: 'v' } });
    expect(updated).toMatchObject({ email: 'new@example.com', metadata: { k: 'v' } });
    const missingType = await rejection(fx.stripe.accounts.create({}));
    expect(missingType.param).toBe('type');
    const err = await rejection(fx.stripe.accounts.retrieve('acct_nope'));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
  });

  it("an account link's page completes onboarding and redirects to return_url; used or expired → refresh_url", async () => {
    const account = await seller(false);
    const link = await fx.stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'https://flock.example/onboarding/refresh',
      return_url: 'https://flock.example/onboarding/done',
      type: 'account_onboarding',
    });
    expect(link.object).toBe('account_link');
    expect(link.expires_at - link.created).toBe(300);
    expect(link.url.startsWith(`${fx.emulator.url}/connect/onboarding/`)).toBe(true);

    const pageRes = await fetch(link.url);
    expect(pageRes.status).toBe(200);
    expect(pageRes.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await pageRes.text();
    expect(html).toContain(account.id);
    expect(html).toContain('Complete onboarding');
    expect(html).not.toMatch(/<(script|link|img)\b/);

    const submit = await fetch(link.url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'action=complete',
    });
    expect(submit.status).toBe(303);
    expect(submit.headers.get('location')).toBe('https://flock.example/onboarding/done');
    expect(await fx.stripe.accounts.retrieve(account.id)).toMatchObject({
      charges_enabled: true,
      details_submitted: true,
    });

    const reused = await fetch(link.url, { redirect: 'manual' });
    expect(reused.status).toBe(303);
    expect(reused.headers.get('location')).toBe('https://flock.example/onboarding/refresh');

    const other = await seller(false);
    const late = await fx.stripe.accountLinks.create({
      account: other.id,
      refresh_url: 'https://flock.example/r',
      return_url: 'https://flock.example/d',
      type: 'account_onboarding',
    });
    await fx.control.advanceClock(301);
    const expired = await fetch(late.url, { method: 'POST', redirect: 'manual', body: 'action=complete' });
    expect(expired.status).toBe(303);
    expect(expired.headers.get('location')).toBe('https://flock.example/r');
    expect((await fx.stripe.accounts.retrieve(other.id)).charges_enabled).toBe(false);

    const bad = await rejection(
      fx.stripe.accountLinks.create({
        account: 'acct_nope',
        refresh_url: 'https://flock.example/r',
        return_url: 'https://flock.example/d',
        type: 'account_onboarding',
      }),
    );
    expect(bad.param).toBe('account');
  });

  it('leaving the page without finishing returns with nothing submitted', async () => {
    const account = await seller(false);
    const link = await fx.stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'https://flock.example/r',
      return_url: 'https://flock.example/d',
      type: 'account_onboarding',
    });
    const res = await fetch(link.url, { method: 'POST', redirect: 'manual', body: 'action=leave' });
    expect(res.headers.get('location')).toBe('https://flock.example/d');
    expect(await fx.stripe.accounts.retrieve(account.id)).toMatchObject({ details_submitted: false });
  });
});

describe('destination charges', () => {
  it('manual capture with application_fee_amount at capture: charge, transfer, fee and balances', async () => {
    const account = await seller();
    const pi = await destinationHold(account.id);
    expect(pi).toMatchObject({ status: 'requires_capture', transfer_data: { destination: account.id } });
    expect(await fx.control.listTransfers()).toHaveLength(0);

    const captured = await fx.stripe.paymentIntents.capture(pi.id, {
      amount_to_capture: 8000,
      application_fee_amount: 1200,
    });
    expect(captured).toMatchObject({
      status: 'succeeded',
      amount_received: 8000,
      application_fee_amount: 1200,
    });

    const charge = await chargeWithConnect(pi.id);
    expect(charge).toMatchObject({
      amount_captured: 8000,
      application_fee_amount: 1200,
      transfer_data: { destination: account.id },
      transfer_group: 'group_1',
    });
    const fee = charge.application_fee as Stripe.ApplicationFee;
    const transfer = charge.transfer as Stripe.Transfer;
    expect(fee).toMatchObject({
      object: 'application_fee',
      amount: 1200,
      amount_refunded: 0,
      refunded: false,
      account: account.id,
      charge: charge.id,
      currency: 'usd',
    });
    expect(fee.id).toMatch(/^fee_/);
    expect(transfer).toMatchObject({
      object: 'transfer',
      amount: 6800,
      destination: account.id,
      source_transaction: charge.id,
      transfer_group: 'group_1',
      amount_reversed: 0,
    });
    expect(transfer.id).toMatch(/^tr_/);

    const viaPi = await fx.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    const latest = viaPi.latest_charge as Stripe.Charge;
    expect(latest.application_fee).toBe(fee.id);
    expect(latest.transfer).toBe(transfer.id);

    const fees = await fx.stripe.applicationFees.list({ charge: charge.id });
    expect(fees.data.map((f) => f.id)).toEqual([fee.id]);
    expect((await fx.stripe.applicationFees.retrieve(fee.id)).amount).toBe(1200);

    expect(await balanceOf(account.id)).toEqual({ usd: 6800 });
    expect(await balanceOf()).toEqual({ usd: 1200 });
  });

  it('automatic capture transfers at confirmation, with the fee given at create', async () => {
    const account = await seller();
    const pi = await fx.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_visa',
      transfer_data: { destination: account.id },
      application_fee_amount: 500,
    });
    expect(pi.status).toBe('succeeded');
    const charge = await chargeWithConnect(pi.id);
    expect((charge.transfer as Stripe.Transfer).amount).toBe(4500);
    expect((charge.application_fee as Stripe.ApplicationFee).amount).toBe(500);
    expect(charge.transfer_group).toBeNull();
    expect(await balanceOf(account.id)).toEqual({ usd: 4500 });
  });

  it('refuses an unknown or unonboarded destination, and a fee above the amount captured', async () => {
    const unknown = await rejection(destinationHold('acct_missing'));
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(unknown.statusCode).toBe(400);
    expect(unknown).toMatchObject({ code: 'resource_missing', param: 'transfer_data[destination]' });

    const pending = await seller(false);
    const inactive = await rejection(destinationHold(pending.id));
    expect(inactive.statusCode).toBe(400);
    expect(inactive).toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'insufficient_capabilities_for_transfer',
      param: 'transfer_data[destination]',
    });
    expect(await fx.control.listPaymentIntents()).toHaveLength(0);

    const account = await seller();
    const pi = await destinationHold(account.id, 3000);
    const tooBig = await rejection(
      fx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 1000, application_fee_amount: 1001 }),
    );
    expect(tooBig).toMatchObject({ statusCode: 400, param: 'application_fee_amount' });
    // A fee stored at create is checked against the amount actually captured.
    const withFee = await destinationHold(account.id, 3000, { application_fee_amount: 2000 });
    const partial = await rejection(
      fx.stripe.paymentIntents.capture(withFee.id, { amount_to_capture: 1500 }),
    );
    expect(partial.param).toBe('application_fee_amount');
    expect((await fx.stripe.paymentIntents.retrieve(withFee.id)).status).toBe('requires_capture');

    // An account that lost its transfers capability after the hold cannot receive the capture.
    await fx.control.setRequirements(account.id, ['external_account']);
    const lost = await rejection(fx.stripe.paymentIntents.capture(pi.id));
    expect(lost.code).toBe('insufficient_capabilities_for_transfer');
    await fx.control.completeOnboarding(account.id);
    expect((await fx.stripe.paymentIntents.capture(pi.id)).status).toBe('succeeded');
    expect(await fx.control.listTransfers()).toHaveLength(1);
  });
});

describe('destination checked at confirmation', () => {
  it('refuses to confirm toward an account that lost its transfers capability, creating no charge', async () => {
    const account = await seller();
    const pi = await fx.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      transfer_data: { destination: account.id },
    });
    await fx.control.setRequirements(account.id, ['external_account']);
    const err = await rejection(fx.stripe.paymentIntents.confirm(pi.id));
    expect(err).toMatchObject({ statusCode: 400, code: 'insufficient_capabilities_for_transfer' });
    expect(await fx.stripe.paymentIntents.retrieve(pi.id)).toMatchObject({
      status: 'requires_confirmation',
      latest_charge: null,
    });
  });
});

describe('refunds of destination charges', () => {
  it('a partial refund then the rest: reversals + fee refunds equal the refunds, everything reversed at the end', async () => {
    const account = await seller();
    const pi = await destinationHold(account.id);
    await fx.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 8000, application_fee_amount: 1200 });
    const charge = await chargeWithConnect(pi.id);
    const transferId = idOf(charge.transfer);
    const feeId = idOf(charge.application_fee);

    const first = await fx.stripe.refunds.create({
      payment_intent: pi.id,
      amount: 3333,
      reverse_transfer: true,
      refund_application_fee: true,
    });
    // Fee refunded so far: roundHalfUp(1200 × 3333 / 8000) = roundHalfUp(499.95) = 500.
    expect(first.transfer_reversal).toMatch(/^trr_/);
    const afterFirst = await fx.stripe.transfers.retrieve(transferId);
    expect(afterFirst).toMatchObject({ amount_reversed: 2833, reversed: false });
    expect(await fx.stripe.applicationFees.retrieve(feeId)).toMatchObject({
      amount_refunded: 500,
      refunded: false,
    });

    const rest = await fx.stripe.refunds.create({
      payment_intent: pi.id,
      reverse_transfer: true,
      refund_application_fee: true,
    });
    expect(rest.amount).toBe(4667);
    const transfer = await fx.stripe.transfers.retrieve(transferId);
    const fee = await fx.stripe.applicationFees.retrieve(feeId);
    expect(transfer).toMatchObject({ amount: 6800, amount_reversed: 6800, reversed: true });
    expect(fee).toMatchObject({ amount: 1200, amount_refunded: 1200, refunded: true });
    const reversals = await fx.stripe.transfers.listReversals(transferId);
    expect(reversals.data.map((r) => [r.amount, r.source_refund])).toEqual([
      [3967, rest.id],
      [2833, first.id],
    ]);
    expect(fee.refunds.data.map((r) => r.amount)).toEqual([700, 500]);
    // Each refund is split exactly: reversal + fee refund = refund.
    expect(2833 + 500).toBe(first.amount);
    expect(3967 + 700).toBe(rest.amount);
    expect(await balanceOf(account.id)).toEqual({ usd: 0 });
    expect(await balanceOf()).toEqual({ usd: 0 });

    const types = (await fx.stripe.events.list({ limit: 100 })).data.map((e) => e.type);
    expect(types.filter((t) => t === 'transfer.reversed')).toHaveLength(2);
    expect(types.filter((t) => t === 'application_fee.refunded')).toHaveLength(2);
    expect(types.filter((t) => t === 'charge.refunded')).toHaveLength(2);
  });

  it('without reverse_transfer only the platform pays', async () => {
    const account = await seller();
    const pi = await destinationHold(account.id, 10_000, { application_fee_amount: 1000 });
    await fx.stripe.paymentIntents.capture(pi.id);
    const refund = await fx.stripe.refunds.create({ payment_intent: pi.id, amount: 4000 });
    expect(refund.transfer_reversal).toBeNull();
    expect(await balanceOf(account.id)).toEqual({ usd: 9000 });
    expect(await balanceOf()).toEqual({ usd: -3000 });
  });

  it('roundHalfUp rounds halves up with exact integers', () => {
    expect(roundHalfUp(1, 1, 2)).toBe(1);
    expect(roundHalfUp(5, 1, 2)).toBe(3);
    expect(roundHalfUp(1200, 3333, 8000)).toBe(500);
    expect(roundHalfUp(99_999_999, 99_999_998, 99_999_999)).toBe(99_999_998);
    expect(roundHalfUp(3, 1, 4)).toBe(1);
  });
});

describe('transfers', () => {
  async function fundPlatform(amount: number) {
    await fx.stripe.paymentIntents.create({
      amount,
      currency: 'usd',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
  }

  it('moves platform funds to a connected account with a transfer_group, lists, and reverses', async () => {
    const a = await seller();
    const b = await seller();
    await fundPlatform(10_000);
    const t1 = await fx.stripe.transfers.create({
      amount: 2000,
      currency: 'usd',
      destination: a.id,
      transfer_group: 'order_7',
      description: 'commission',
      metadata: { order: '7' },
    });
    expect(t1).toMatchObject({
      object: 'transfer',
      amount: 2000,
      destination: a.id,
      transfer_group: 'order_7',
    });
    const t2 = await fx.stripe.transfers.create({
      amount: 1000,
      currency: 'usd',
      destination: b.id,
      transfer_group: 'order_7',
    });
    await fx.stripe.transfers.create({
      amount: 500,
      currency: 'usd',
      destination: a.id,
      transfer_group: 'order_8',
    });

    const group = await fx.stripe.transfers.list({ transfer_group: 'order_7' });
    expect(group.data.map((t) => t.id)).toEqual([t2.id, t1.id]);
    const toA = await fx.stripe.transfers.list({ destination: a.id, limit: 1 });
    expect(toA.has_more).toBe(true);
    const all = await fx.stripe.transfers.list({ limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(all).toHaveLength(3);

    const r1 = await fx.stripe.transfers.createReversal(t1.id, { amount: 500, metadata: { why: 'refund' } });
    expect(r1).toMatchObject({
      object: 'transfer_reversal',
      amount: 500,
      transfer: t1.id,
      source_refund: null,
    });
    const over = await rejection(fx.stripe.transfers.createReversal(t1.id, { amount: 1501 }));
    expect(over).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    const r2 = await fx.stripe.transfers.createReversal(t1.id);
    expect(r2.amount).toBe(1500);
    expect(await fx.stripe.transfers.retrieve(t1.id)).toMatchObject({
      amount_reversed: 2000,
      reversed: true,
    });
    const again = await rejection(fx.stripe.transfers.createReversal(t1.id, { amount: 1 }));
    expect(again.statusCode).toBe(400);
    expect((await fx.stripe.transfers.listReversals(t1.id)).data.map((r) => r.id)).toEqual([r2.id, r1.id]);
    expect((await fx.stripe.transfers.retrieveReversal(t1.id, r1.id)).metadata).toEqual({ why: 'refund' });

    expect(await balanceOf(a.id)).toEqual({ usd: 500 });
    expect(await balanceOf(b.id)).toEqual({ usd: 1000 });
    expect(await balanceOf()).toEqual({ usd: 8500 });
  });

  it('refuses an unknown or unonboarded destination and more than the available balance', async () => {
    await fundPlatform(1000);
    const unknown = await rejection(
      fx.stripe.transfers.create({ amount: 100, currency: 'usd', destination: 'acct_x' }),
    );
    expect(unknown).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'destination' });
    const pending = await seller(false);
    const inactive = await rejection(
      fx.stripe.transfers.create({ amount: 100, currency: 'usd', destination: pending.id }),
    );
    expect(inactive.code).toBe('insufficient_capabilities_for_transfer');
    const ready = await seller();
    const tooMuch = await rejection(
      fx.stripe.transfers.create({ amount: 1001, currency: 'usd', destination: ready.id }),
    );
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'balance_insufficient' });
    const otherCurrency = await rejection(
      fx.stripe.transfers.create({ amount: 1, currency: 'eur', destination: ready.id }),
    );
    expect(otherCurrency.code).toBe('balance_insufficient');
    expect(await fx.control.listTransfers()).toHaveLength(0);
    expect(
      (await fx.stripe.transfers.create({ amount: 1000, currency: 'usd', destination: ready.id })).amount,
    ).toBe(1000);
  });
});

describe('balances, payouts and connected-account events', () => {
  it('Stripe-Account balance and payouts; payout events carry the account', async () => {
    const account = await seller();
    const pi = await destinationHold(account.id, 5000, { application_fee_amount: 700 });
    await fx.stripe.paymentIntents.capture(pi.id);
    expect(await balanceOf(account.id)).toEqual({ usd: 4300 });
    const connected = await fx.stripe.balance.retrieve({}, { stripeAccount: account.id });
    expect(connected).toMatchObject({ object: 'balance', livemode: false });
    expect(connected.pending).toEqual([{ amount: 0, currency: 'usd', source_types: { card: 0 } }]);

    const payouts = await fx.control.payout(account.id);
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ object: 'payout', amount: 4300, currency: 'usd', status: 'paid' });
    expect(payouts[0]?.id).toMatch(/^po_/);
    expect(typeof payouts[0]?.arrival_date).toBe('number');
    expect(await balanceOf(account.id)).toEqual({ usd: 0 });
    expect(await fx.control.payout(account.id)).toEqual([]);

    const listed = await fx.stripe.payouts.list({}, { stripeAccount: account.id });
    expect(listed.data.map((p) => p.id)).toEqual([payouts[0]?.id]);
    expect(
      (await fx.stripe.payouts.retrieve(payouts[0]?.id ?? '', {}, { stripeAccount: account.id })).amount,
    ).toBe(4300);
    expect((await fx.stripe.payouts.list()).data).toHaveLength(0);

    const events = (await fx.stripe.events.list({ limit: 100 })).data;
    const created = events.find((e) => e.type === 'payout.created');
    const paid = events.find((e) => e.type === 'payout.paid');
    expect(created?.account).toBe(account.id);
    expect(paid?.account).toBe(account.id);
    // Newest first: payout.created came before payout.paid.
    const types = events.map((e) => e.type);
    expect(types.indexOf('payout.paid')).toBeLessThan(types.indexOf('payout.created'));

    const unknown = await rejection(fx.stripe.balance.retrieve({}, { stripeAccount: 'acct_nope' }));
    expect(unknown).toBeInstanceOf(Stripe.errors.StripePermissionError);
    const notOnBehalf = await rejection(fx.stripe.customers.create({}, { stripeAccount: account.id }));
    expect(notOnBehalf.statusCode).toBe(400);

    await fx.control.setRequirements(account.id, ['external_account']);
    await expect(fx.control.payout(account.id)).rejects.toThrow(/payouts_not_allowed/);
  });

  it('account.updated carries the account; platform events do not; both reach the same endpoint', async () => {
    const server = await hookServer();
    closers.push(server.close);
    const endpoint = await fx.stripe.webhookEndpoints.create({
      url: server.url,
      enabled_events: ['account.updated', 'transfer.created', 'payment_intent.succeeded'],
    });
    const account = await seller();
    const pi = await destinationHold(account.id, 2000);
    await fx.stripe.paymentIntents.capture(pi.id);
    await waitFor(() => server.received.length >= 3);
    const events = server.received.map((r) =>
      fx.stripe.webhooks.constructEvent(r.body, r.signature, endpoint.secret ?? ''),
    );
    const byType = new Map(events.map((e) => [e.type, e]));
    expect(byType.get('account.updated')?.account).toBe(account.id);
    const updated = byType.get('account.updated')?.data;
    expect(updated?.previous_attributes).toMatchObject({ charges_enabled: false });
    expect(byType.get('transfer.created')).toBeDefined();
    expect(byType.get('transfer.created')).not.toHaveProperty('account');
    expect(byType.get('payment_intent.succeeded')).not.toHaveProperty('account');
  });
});
