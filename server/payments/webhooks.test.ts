import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { groups, members, stripeEvents } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { webhookDriver, type WebhookDriver } from '@/test/webhooks';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { closeGroup } from '@/server/groups/close-group';
import { addMembers, createOpenGroup } from '@/server/groups/close-test-factory';
import { registerEmulatorWebhook } from './register-emulator-webhook';
import { handleHoldWebhook } from '@/server/groups/apply-hold-event';

let h: Harness;
let stripe: Stripe;
let eventFor: WebhookDriver['eventFor'];
let sign: WebhookDriver['sign'];
let deliver: WebhookDriver['deliver'];

beforeAll(async () => {
  h = await createHarness();
  ({ stripe, eventFor, sign, deliver } = webhookDriver(h));
});
afterAll(async () => h.close());

async function member(id: string) {
  const [m] = await h.t.db.select().from(members).where(eq(members.id, id));
  return m;
}
async function group(id: string) {
  const [g] = await h.t.db.select().from(groups).where(eq(groups.id, id));
  return g;
}

describe('Stripe webhooks', () => {
  it('refuses a forged or stale signature with 400 and changes nothing', async () => {
    const g = await createOpenGroup(h.deps, { tiers: [{ minMembers: 2, unitPrice: 1000 }] });
    const [m] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 1000 }]);
    await stripe.paymentIntents.cancel(m?.paymentIntentId ?? '');
    const payload = await eventFor('payment_intent.canceled', m?.paymentIntentId ?? '');
    expect((await deliver(payload, sign(payload, { secret: 'whsec_not_ours' }))).status).toBe(400);
    expect(
      (await deliver(payload, sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).status,
    ).toBe(400);
    expect((await deliver(payload.replace('"canceled"', '"succeeded"'), sign(payload))).status).toBe(400); // body tampered after signing
    expect((await deliver(payload, null as unknown as string)).status).toBe(400);
    expect((await member(m?.id ?? ''))?.status).toBe('authorized');
    expect(await h.t.db.select().from(stripeEvents)).toHaveLength(0);
  });

  it('acknowledges and ignores an event type it does not handle', async () => {
    const payload = JSON.stringify({
      id: 'evt_unknown_1',
      object: 'event',
      type: 'customer.created',
      data: { object: { id: 'cus_1', object: 'customer' } },
    });
    const res = await deliver(payload);
    expect(res).toEqual({ status: 200, body: { received: true, ignored: true } });
  });

  it('applies a duplicate delivery once: a hold Stripe expired fails its member and frees one seat', async () => {
    const g = await createOpenGroup(h.deps, {
      tiers: [
        { minMembers: 2, unitPrice: 1000 },
        { minMembers: 3, unitPrice: 800 },
      ],
    });
    const rows = await addMembers(h.deps, g, [
      { unitPriceAtJoin: 1000 },
      { unitPriceAtJoin: 1000 },
      { unitPriceAtJoin: 800 },
    ]);
    const lost = rows[0];
    await stripe.paymentIntents.cancel(lost?.paymentIntentId ?? '');
    const payload = await eventFor('payment_intent.canceled', lost?.paymentIntentId ?? '');
    expect((await deliver(payload)).body.note).toMatch(/failed/);
    expect((await deliver(payload)).body.duplicate).toBe(true);
    expect((await member(lost?.id ?? ''))?.status).toBe('failed');
    expect(await group(g.groupId)).toMatchObject({ confirmedCount: 2, seatsTaken: 2 });
  });

  it('repairs a lost synchronous confirmation: an authorized hold makes its reserved member confirmed', async () => {
    const g = await createOpenGroup(h.deps, { tiers: [{ minMembers: 2, unitPrice: 1000 }] });
    const [m] = await addMembers(h.deps, g, [
      { unitPriceAtJoin: 1000, status: 'reserved', card: 'pm_card_visa' },
    ]);
    expect(await group(g.groupId)).toMatchObject({ confirmedCount: 0, seatsTaken: 1 });
    await deliver(await eventFor('payment_intent.amount_capturable_updated', m?.paymentIntentId ?? ''));
    expect((await member(m?.id ?? ''))?.status).toBe('authorized');
    expect(await group(g.groupId)).toMatchObject({ confirmedCount: 1, seatsTaken: 1 });
  });

  it('is order-independent: a capture reported before the authorization leaves the member captured, and completes the close', async () => {
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(Date.now() - 1000),
      tiers: [{ minMembers: 1, unitPrice: 900 }],
    });
    const [m] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 900, quantity: 2 }]);
    await closeGroup(h.deps, g.groupId, 'deadline');
    // The settle job captured at Stripe, then died before writing: only the webhook tells us.
    await stripe.paymentIntents.capture(m?.paymentIntentId ?? '', { amount_to_capture: 1800 });
    const authorized = await eventFor('payment_intent.amount_capturable_updated', m?.paymentIntentId ?? '');
    await deliver(await eventFor('payment_intent.succeeded', m?.paymentIntentId ?? ''));
    await deliver(authorized);
    expect(await member(m?.id ?? '')).toMatchObject({ status: 'captured', chargeAmount: 1800 });
    expect((await group(g.groupId))?.status).toBe('won');
  });

  it('records refunds made outside Flock, never lowering the refunded total', async () => {
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(Date.now() - 1000),
      tiers: [{ minMembers: 1, unitPrice: 1000 }],
    });
    const [m] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 1000 }]);
    await closeGroup(h.deps, g.groupId, 'deadline');
    await stripe.paymentIntents.capture(m?.paymentIntentId ?? '');
    await deliver(await eventFor('payment_intent.succeeded', m?.paymentIntentId ?? ''));
    await stripe.refunds.create({ payment_intent: m?.paymentIntentId ?? '', amount: 300 });
    const first = await eventFor('charge.refunded', m?.paymentIntentId ?? '');
    await stripe.refunds.create({ payment_intent: m?.paymentIntentId ?? '', amount: 200 });
    const second = await eventFor('charge.refunded', m?.paymentIntentId ?? '');
    await deliver(second);
    await deliver(first); // late, older total: ignored
    expect((await member(m?.id ?? ''))?.refundedAmount).toBe(500);
  });

  it('takes real signed deliveries from the emulator over HTTP, duplicated and shuffled', async () => {
    let endpointSecret = '';
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const out = await handleHoldWebhook(
            h.deps,
            Buffer.concat(chunks).toString('utf8'),
            req.headers['stripe-signature']?.toString() ?? null,
            endpointSecret,
          );
          res.writeHead(out.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(out.body));
        })();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stripe/webhook`;
    try {
      endpointSecret = await registerEmulatorWebhook(url, stripe);
      await emulatorControl(h.emulatorUrl).setWebhookChaos({ duplicates: true, shuffle: true });
      const g = await createOpenGroup(h.deps, { tiers: [{ minMembers: 3, unitPrice: 1000 }] });
      const rows = await addMembers(h.deps, g, [
        { unitPriceAtJoin: 1000 },
        { unitPriceAtJoin: 1000 },
        { unitPriceAtJoin: 1000 },
      ]);
      await h.t.db.execute(sql`delete from stripe_events`);
      // Stripe expires one hold: only the webhook can tell Flock.
      await stripe.paymentIntents.cancel(rows[1]?.paymentIntentId ?? '');
      const until = Date.now() + 10_000;
      while ((await member(rows[1]?.id ?? ''))?.status !== 'failed' && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      expect((await member(rows[1]?.id ?? ''))?.status).toBe('failed');
      await new Promise((r) => setTimeout(r, 500)); // let the duplicate land too
      expect(await group(g.groupId)).toMatchObject({ confirmedCount: 2, seatsTaken: 2 });
      const applied = await h.t.db
        .select()
        .from(stripeEvents)
        .where(eq(stripeEvents.type, 'payment_intent.canceled'));
      expect(applied).toHaveLength(1);
      const stats = await emulatorControl(h.emulatorUrl).stats();
      expect(stats.webhooks.succeeded).toBeGreaterThanOrEqual(2);
    } finally {
      await emulatorControl(h.emulatorUrl).setWebhookChaos({ duplicates: false, shuffle: false });
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
