// With a data file the emulator loses nothing it answered: a SIGKILL right after the last capture's 200
// keeps every capture, and the state read back from the journal is the state it had.
import { appendFile, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { emulatorControl, startStripeEmulator, type RunningStripeEmulator } from './index';
import { rejection, sdk, spawnEmulatorCli } from './test-helpers';

const CAPTURES = 50;
const DAY = 24 * 3600;

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stripe-emulator-durable-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function hold(amount: number, pm = 'pm_card_visa'): Stripe.PaymentIntentCreateParams {
  return { amount, currency: 'usd', capture_method: 'manual', confirm: true, payment_method: pm };
}

/** Everything a client can read back, for comparing two emulators. */
async function observe(emulator: RunningStripeEmulator): Promise<unknown> {
  const stripe = sdk(emulator.port);
  const control = emulatorControl(emulator.url);
  const intents = await control.listPaymentIntents();
  const charges = await Promise.all(
    intents.flatMap((pi) => (pi.latest_charge ? [stripe.charges.retrieve(pi.latest_charge)] : [])),
  );
  const events = await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const endpoints = await stripe.webhookEndpoints.list({ limit: 100 });
  const strip = <T extends object>(o: T) => ({ ...o, lastResponse: undefined });
  return {
    intents,
    charges: charges.map(strip),
    events: events.map(strip),
    endpoints: endpoints.data.map(strip),
  };
}

it('keeps every capture it answered when SIGKILLed right after the last 200', async () => {
  const dataFile = path.join(dir, 'stripe.json');
  const first = await spawnEmulatorCli(['--port', '0', '--data-file', dataFile]);
  const s1 = sdk(first.port);
  const holds = await Promise.all(
    Array.from({ length: CAPTURES }, (_, i) => s1.paymentIntents.create(hold(1000 + i))),
  );
  const captured = await Promise.all(
    holds.map((pi, i) =>
      s1.paymentIntents.capture(pi.id, { amount_to_capture: 500 + i }, { idempotencyKey: `cap-${pi.id}` }),
    ),
  );
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  expect(captured.every((pi) => pi.status === 'succeeded')).toBe(true);

  const second = await spawnEmulatorCli(['--port', '0', '--data-file', dataFile]);
  try {
    const byId = new Map((await emulatorControl(second.url).listPaymentIntents()).map((p) => [p.id, p]));
    const kept = holds.filter((pi, i) => {
      const after = byId.get(pi.id);
      return after?.status === 'succeeded' && after.amount_received === 500 + i;
    });
    expect(kept).toHaveLength(CAPTURES);
    const s2 = sdk(second.port);
    const events = await s2.events
      .list({ type: 'payment_intent.succeeded', limit: 100 })
      .autoPagingToArray({ limit: 1000 });
    expect(events).toHaveLength(CAPTURES);
    // The idempotency keys survived too: a retried capture replays instead of failing as already captured.
    const last = holds[CAPTURES - 1];
    const retry = await s2.paymentIntents.capture(
      last?.id ?? '',
      { amount_to_capture: 500 + CAPTURES - 1 },
      { idempotencyKey: `cap-${last?.id ?? ''}` },
    );
    expect(retry.lastResponse.headers['idempotent-replayed']).toBe('true');
  } finally {
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }
  expect(await readdir(dir)).toEqual(['stripe.json']);
});

it('reads back from the journal exactly the state it had, resets and expired holds included', async () => {
  const dataFile = path.join(dir, 'live', 'stripe.json');
  const live = await startStripeEmulator({ dataFile });
  const copy = path.join(dir, 'copy', 'stripe.json');
  let reloaded: RunningStripeEmulator | undefined;
  try {
    const stripe = sdk(live.port);
    const control = emulatorControl(live.url);
    await stripe.paymentIntents.create(hold(111));
    await control.reset();
    const endpoint = await stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/a',
      enabled_events: ['*'],
    });
    await stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/b',
      enabled_events: ['charge.refunded'],
    });
    await stripe.webhookEndpoints.del(endpoint.id);
    const customer = await stripe.customers.create({ email: 'a@example.com' });
    const pm = await stripe.paymentMethods.attach('pm_card_mastercard', { customer: customer.id });
    const refunded = await stripe.paymentIntents.create({ ...hold(3000, pm.id), customer: customer.id });
    await stripe.paymentIntents.capture(refunded.id, { amount_to_capture: 2500 });
    await stripe.refunds.create({ payment_intent: refunded.id, amount: 700 });
    await stripe.paymentIntents.update(refunded.id, { metadata: { order: '42' } });
    const canceled = await stripe.paymentIntents.create(hold(400));
    await stripe.paymentIntents.cancel(canceled.id, { cancellation_reason: 'abandoned' });
    await rejection(stripe.paymentIntents.create(hold(500, 'pm_card_chargeDeclined')));
    const threeDs = await stripe.paymentIntents.create(hold(600, 'pm_card_authenticationRequired'));
    await control.authenticate(threeDs.id, 'succeed');
    await stripe.paymentIntents.create(hold(700));
    expect((await control.advanceClock(8 * DAY)).expired).toBe(2);
    await stripe.paymentIntents.create(hold(800), { idempotencyKey: 'late' });

    // What a crash leaves: the files as they are after the last answer, without a clean stop.
    await mkdir(path.dirname(copy));
    for (const name of await readdir(path.dirname(dataFile)))
      await copyFile(path.join(path.dirname(dataFile), name), path.join(path.dirname(copy), name));
    // A write cut short by the crash, after the last fsynced line.
    await appendFile(`${copy}.journal`, '{"clockOffset":0,"changes":[["paymentIntents","pi_');

    reloaded = await startStripeEmulator({ dataFile: copy });
    expect(await observe(reloaded)).toEqual(await observe(live));
    const clocks = await Promise.all([control.now(), emulatorControl(reloaded.url).now()]);
    expect(Math.abs(clocks[0] - clocks[1])).toBeLessThanOrEqual(1);
    const replay = await sdk(reloaded.port).paymentIntents.create(hold(800), { idempotencyKey: 'late' });
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
  } finally {
    await live.stop();
    await reloaded?.stop();
  }
});

it('skips a journal already folded into the snapshot (a crash between the two steps of compaction)', async () => {
  const dataFile = path.join(dir, 'stripe.json');
  const first = await startStripeEmulator({ dataFile });
  const stripe = sdk(first.port);
  const pi = await stripe.paymentIntents.create(hold(5000));
  await stripe.paymentIntents.capture(pi.id);
  const stale = path.join(dir, 'stale.journal');
  await copyFile(`${dataFile}.journal`, stale);
  const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 1200 });
  await first.stop();
  // The new snapshot is in place but the old journal was not yet emptied when the process died.
  await copyFile(stale, `${dataFile}.journal`);

  const second = await startStripeEmulator({ dataFile });
  try {
    const s2 = sdk(second.port);
    expect(await s2.refunds.retrieve(refund.id)).toMatchObject({ amount: 1200 });
    const chargeId = typeof refund.charge === 'string' ? refund.charge : (refund.charge?.id ?? '');
    expect(await s2.charges.retrieve(chargeId)).toMatchObject({
      amount_captured: 5000,
      amount_refunded: 1200,
    });
  } finally {
    await second.stop();
  }
});

it('reads back Connect state from the journal: accounts, links, transfers, fees, reversals, payouts, balances', async () => {
  const dataFile = path.join(dir, 'live', 'stripe.json');
  const live = await startStripeEmulator({ dataFile });
  const copy = path.join(dir, 'copy', 'stripe.json');
  let reloaded: RunningStripeEmulator | undefined;
  try {
    const stripe = sdk(live.port);
    const control = emulatorControl(live.url);
    const account = await stripe.accounts.create({ type: 'express', metadata: { shop: '1' } });
    await control.completeOnboarding(account.id);
    const pending = await stripe.accounts.create({ type: 'express' });
    const link = await stripe.accountLinks.create({
      account: pending.id,
      refresh_url: 'https://flock.example/r',
      return_url: 'https://flock.example/d',
      type: 'account_onboarding',
    });
    const pi = await stripe.paymentIntents.create({
      ...hold(9000),
      transfer_data: { destination: account.id },
      transfer_group: 'g',
    });
    await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 8000, application_fee_amount: 800 });
    await stripe.refunds.create({
      payment_intent: pi.id,
      amount: 1000,
      reverse_transfer: true,
      refund_application_fee: true,
    });
    const t = await stripe.transfers.create({ amount: 300, currency: 'usd', destination: account.id });
    await stripe.transfers.createReversal(t.id, { amount: 100 });
    await control.payout(account.id);
    await stripe.paymentIntents.create({ ...hold(500), transfer_data: { destination: account.id } });

    await mkdir(path.dirname(copy));
    for (const name of await readdir(path.dirname(dataFile)))
      await copyFile(path.join(path.dirname(dataFile), name), path.join(path.dirname(copy), name));

    reloaded = await startStripeEmulator({ dataFile: copy });
    const connectState = async (e: RunningStripeEmulator) => {
      const s = sdk(e.port);
      const strip = <T extends object>(o: T) => ({ ...o, lastResponse: undefined });
      return {
        accounts: (await s.accounts.list({ limit: 100 })).data.map(strip),
        transfers: (await emulatorControl(e.url).listTransfers()).map(strip),
        fees: (await s.applicationFees.list({ limit: 100 })).data.map(strip),
        platform: strip(await s.balance.retrieve()),
        connected: strip(await s.balance.retrieve({}, { stripeAccount: account.id })),
        payouts: (await s.payouts.list({}, { stripeAccount: account.id })).data.map(strip),
      };
    };
    const before = await connectState(live);
    expect(before.payouts).toHaveLength(1);
    expect(before.transfers).toHaveLength(2);
    expect(await connectState(reloaded)).toEqual(before);
    // The link survived too: its page still opens (and completes onboarding) on the reloaded emulator.
    const page = await fetch(link.url.replace(live.url, reloaded.url));
    expect(page.status).toBe(200);
  } finally {
    await live.stop();
    await reloaded?.stop();
  }
});

it('gives a data file written before balances were kept the balance its captured charges left', async () => {
  const dataFile = path.join(dir, 'stripe.json');
  const first = await startStripeEmulator({ dataFile });
  const stripe = sdk(first.port);
  const pi = await stripe.paymentIntents.create(hold(5000));
  await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 });
  await stripe.refunds.create({ payment_intent: pi.id, amount: 1500 });
  await stripe.paymentIntents.create(hold(700));
  await first.stop();
  // What an older emulator wrote: the same snapshot without the Connect collections.
  const old: Record<string, unknown> = JSON.parse(await readFile(dataFile, 'utf8')) as Record<
    string,
    unknown
  >;
  for (const key of [
    'balances',
    'accounts',
    'transfers',
    'transferReversals',
    'applicationFees',
    'feeRefunds',
  ])
    delete old[key];
  await writeFile(dataFile, JSON.stringify(old));

  const second = await startStripeEmulator({ dataFile });
  try {
    const balance = await sdk(second.port).balance.retrieve();
    expect(balance.available).toEqual([{ amount: 2500, currency: 'usd', source_types: { card: 2500 } }]);
  } finally {
    await second.stop();
  }
});
