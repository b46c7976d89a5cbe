// The command line emulator, as a developer starts it, driven by the SDK: hold → partial capture → refund,
// a decline, and a signed webhook.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hookServer, rejection, sdk, waitFor } from './test-helpers';

const root = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess;
let port = 0;

beforeAll(async () => {
  child = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    ['tools/stripe-emulator/cli.ts', '--port', '0', '--rate-limit', '1000'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Stripe emulator listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`CLI exited early with ${code}: ${out}`)));
  });
}, 30_000);

afterAll(async () => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

it('runs hold → partial capture → refund, declines, and signed webhooks through the CLI', async () => {
  const stripe = sdk(port);
  const hooks = await hookServer();
  try {
    const we = await stripe.webhookEndpoints.create({ url: hooks.url, enabled_events: ['charge.refunded'] });
    const pi = await stripe.paymentIntents.create({
      amount: 9000,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      payment_method: 'pm_card_mastercard',
    });
    expect(pi.status).toBe('requires_capture');
    const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 6000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 6000 });
    const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
    expect(refund).toMatchObject({ status: 'succeeded', amount: 1000 });

    const err = await rejection(
      stripe.paymentIntents.create({
        amount: 100,
        currency: 'usd',
        confirm: true,
        payment_method: 'pm_card_visa_chargeDeclinedInsufficientFunds',
      }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.decline_code).toBe('insufficient_funds');

    await waitFor(() => hooks.received.length >= 1);
    const hook = hooks.received[0];
    const event = stripe.webhooks.constructEvent(hook?.body ?? '', hook?.signature ?? '', we.secret ?? '');
    expect(event.type).toBe('charge.refunded');
    expect(event.data.object).toMatchObject({
      payment_intent: pi.id,
      amount_captured: 6000,
      amount_refunded: 1000,
    });
  } finally {
    await hooks.close();
  }
});

it('stops on SIGTERM', async () => {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
