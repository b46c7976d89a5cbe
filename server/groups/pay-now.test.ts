// Pay now with a wallet that cannot be held (WeChat Pay, issue 16): join → QR code → paid → confirmed at the
// join price; at close the difference to the group's price is refunded once (won) or everything (failed);
// leaving while open refunds in full; a shop that does not accept the wallet refuses before a seat is taken.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, events, groups, members, merchants } from '@/db/schema';
import type { PaymentsPort } from '@/server/payments/port';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createHarness, type Harness } from '@/test/harness';
import { webhookDriver, type WebhookDriver } from '@/test/webhooks';
import { settleMemberJobKey } from '@/server/jobs/job-keys';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { closeGroup } from './close-group';
import { expireReservation } from './expire-reservation';
import { RetryableSettleError, settleMember } from './settle-member';
import { makeGroup, readGroup, VOUCHER_CHOICE, type DealOverrides } from './test-factory';
import { refusal } from './test-helpers';

let h: Harness;
let stripe: Stripe;
let webhooks: WebhookDriver;
beforeAll(async () => {
  h = await createHarness();
  webhooks = webhookDriver(h);
  stripe = createStripeClient({ emulatorUrl: h.emulatorUrl, maxNetworkRetries: 0 });
});
afterAll(async () => h.close());

/** A group whose shop accepts WeChat Pay (or not). */
async function walletGroup(o: DealOverrides = {}, accepts = true) {
  const g = await makeGroup(h.deps, o);
  const [d] = await h.deps.db
    .select({ merchantId: deals.merchantId })
    .from(deals)
    .where(eq(deals.id, g.dealId));
  await h.deps.db
    .update(merchants)
    .set({ payNowMethods: accepts ? ['wechat_pay'] : [] })
    .where(eq(merchants.id, must(d).merchantId));
  return g;
}

async function startWalletJoin(code: string, quantity = 1) {
  const u = await h.makeUser({ anonymous: true });
  const res = await h.caller(u).groups.join({
    code,
    alias: `Buyer ${u.id.slice(0, 4)}`,
    quantity,
    fulfilment: VOUCHER_CHOICE,
    idempotencyKey: randomUUID(),
    payWith: 'wechat_pay',
  });
  return { u, res };
}

/** Joins with WeChat Pay, "scans" the QR code on the emulator, and lets the client's poll confirm it. */
async function walletJoin(code: string, quantity = 1) {
  const { u, res } = await startWalletJoin(code, quantity);
  const row = await memberRow(res.member.id);
  await emulatorControl(h.emulatorUrl).authenticate(must(row.paymentIntentId));
  const done = await h.caller(u).groups.confirmHold({ memberId: res.member.id });
  return { u, res, done };
}

function must<T>(v: T | null | undefined): T {
  if (v === null || v === undefined) throw new Error('expected a value');
  return v;
}

const memberRow = async (id: string) => {
  const [m] = await h.deps.db.select().from(members).where(eq(members.id, id));
  if (!m) throw new Error('no member');
  return m;
};

/** What Stripe has refunded on a member's payment, and what it received. */
async function moneyOf(memberId: string) {
  const m = await memberRow(memberId);
  const pi = await stripe.paymentIntents.retrieve(must(m.paymentIntentId), { expand: ['latest_charge'] });
  const charge = pi.latest_charge as Stripe.Charge | null;
  return { received: pi.amount_received, refunded: charge?.amount_refunded ?? 0, status: pi.status };
}

describe('paying now with WeChat Pay', () => {
  it('joins with a QR code; once scanned the member is confirmed at the join price, paid in full', async () => {
    const { code, groupId } = await walletGroup();
    const { u, res } = await startWalletJoin(code);
    expect(res.nextAction).toBe('scan_qr');
    expect(res.walletQr?.data).toBeTruthy();
    expect(res.member).toMatchObject({ status: 'reserved', unitPriceAtJoin: 1500, holdAmount: 1500 });
    const row = await memberRow(res.member.id);
    expect(row.paymentKind).toBe('paid_now');

    // Still waiting for the scan: the poll keeps showing the code.
    const waiting = await h.caller(u).groups.confirmHold({ memberId: res.member.id });
    expect(waiting.nextAction).toBe('scan_qr');
    expect(waiting.member.status).toBe('reserved');

    await emulatorControl(h.emulatorUrl).authenticate(must(row.paymentIntentId));
    const done = await h.caller(u).groups.confirmHold({ memberId: res.member.id });
    expect(done.nextAction).toBeNull();
    expect(done.member).toMatchObject({ status: 'authorized', unitPriceAtJoin: 1500 });
    expect(done.group.confirmedCount).toBe(1);
    expect(await moneyOf(res.member.id)).toMatchObject({ received: 1500, refunded: 0, status: 'succeeded' });
    expect((await readGroup(h.deps, groupId)).confirmedCount).toBe(1);
  });

  it('refuses a shop that does not accept WeChat Pay before a seat is taken', async () => {
    const { code, groupId } = await walletGroup({}, false);
    const u = await h.makeUser({ anonymous: true });
    const r = await refusal(
      h.caller(u).groups.join({
        code,
        alias: 'Nope',
        quantity: 1,
        fulfilment: VOUCHER_CHOICE,
        idempotencyKey: randomUUID(),
        payWith: 'wechat_pay',
      }),
    );
    expect(r.message).toBe('This shop does not accept WeChat Pay. Pay with a card instead.');
    const g = await readGroup(h.deps, groupId);
    expect(g.seatsTaken).toBe(0);
    expect(await h.deps.db.select().from(members).where(eq(members.groupId, groupId))).toHaveLength(0);
  });

  it('won at a lower price: each member is refunded the difference exactly once, even when settle runs twice', async () => {
    const { code, groupId } = await walletGroup();
    const a = await walletJoin(code); // paid 15.00
    const b = await walletJoin(code, 2); // paid 2 × 15.00
    const c = await walletJoin(code); // paid 12.00 (two confirmed)
    expect([a.done.member.holdAmount, b.done.member.holdAmount, c.done.member.holdAmount]).toEqual([
      1500, 3000, 1200,
    ]);
    await closeGroup(h.deps, groupId, 'merchant');
    expect((await readGroup(h.deps, groupId)).finalUnitPrice).toBe(1000);
    for (const m of [a, b, c]) {
      expect(await settleMember(h.deps, m.res.member.id)).toBe('captured');
      expect(await settleMember(h.deps, m.res.member.id)).toBe('nothing_to_do');
    }
    const expected = [
      [a, 1500, 500],
      [b, 3000, 1000],
      [c, 1200, 200],
    ] as const;
    for (const [m, paid, difference] of expected) {
      expect(await moneyOf(m.res.member.id)).toMatchObject({ received: paid, refunded: difference });
      expect(await memberRow(m.res.member.id)).toMatchObject({
        status: 'captured',
        chargeAmount: paid,
        refundedAmount: difference,
      });
    }
    expect((await readGroup(h.deps, groupId)).status).toBe('won');
    // The group's outcome counts what the members were charged in the end: 10.00 + 20.00 + 10.00.
    const [won] = await h.deps.db
      .select({ payload: events.payload })
      .from(events)
      .where(and(eq(events.groupId, groupId), eq(events.type, 'group.won')));
    expect(won?.payload).toMatchObject({ charged: 4000, captured: 3 });
    const snap = await h.caller(a.u).groups.snapshot({ code });
    expect(snap.viewer).toMatchObject({ status: 'captured', chargeAmount: 1500, refundedAmount: 500 });
  });

  it('a settle retried after its refund (before the move) replays the same refund', async () => {
    const { code, groupId } = await walletGroup();
    const a = await walletJoin(code);
    await walletJoin(code);
    await closeGroup(h.deps, groupId, 'merchant');
    const m = await memberRow(a.res.member.id);
    // The first attempt's refund went through, then the process died before the member moved.
    const first = await h.deps.payments.refund({
      key: `difference:${m.id}`,
      paymentIntentId: must(m.paymentIntentId),
      amount: 300,
    });
    expect(first.ok).toBe(true);
    expect(await settleMember(h.deps, m.id)).toBe('captured');
    expect(await moneyOf(m.id)).toMatchObject({ received: 1500, refunded: 300 });
    expect(await memberRow(m.id)).toMatchObject({ chargeAmount: 1500, refundedAmount: 300 });
  });

  it('difference refunds sum correctly per currency (a USD group and a JPY group)', async () => {
    const usd = await walletGroup({ currency: 'USD' });
    const jpy = await walletGroup({
      currency: 'JPY',
      listPrice: 3000,
      tiers: [
        { minMembers: 1, unitPrice: 2500 },
        { minMembers: 2, unitPrice: 2000 },
        { minMembers: 3, unitPrice: 1800 },
      ],
    });
    const joined = { USD: [] as string[], JPY: [] as string[] };
    for (const q of [1, 3, 2]) joined.USD.push((await walletJoin(usd.code, q)).res.member.id);
    for (const q of [2, 1, 1]) joined.JPY.push((await walletJoin(jpy.code, q)).res.member.id);
    await closeGroup(h.deps, usd.groupId, 'merchant');
    await closeGroup(h.deps, jpy.groupId, 'merchant');
    for (const id of [...joined.USD, ...joined.JPY]) await settleMember(h.deps, id);
    for (const id of [...joined.USD, ...joined.JPY]) await settleMember(h.deps, id);

    for (const [currency, ids, groupId] of [
      ['USD', joined.USD, usd.groupId],
      ['JPY', joined.JPY, jpy.groupId],
    ] as const) {
      const g = await readGroup(h.deps, groupId);
      expect(g.currency).toBe(currency);
      let paid = 0;
      let refunded = 0;
      let finalCharges = 0;
      for (const id of ids) {
        const row = await memberRow(id);
        const money = await moneyOf(id);
        paid += money.received;
        refunded += money.refunded;
        finalCharges +=
          Math.min(must(g.finalUnitPrice), row.unitPriceAtJoin) * row.quantity + row.shippingAmount;
        expect(must(row.chargeAmount) - row.refundedAmount).toBe(money.received - money.refunded);
      }
      expect(refunded).toBe(paid - finalCharges);
      expect(refunded).toBeGreaterThan(0);
    }
  });

  it('a failed group refunds everything', async () => {
    const { code, groupId } = await walletGroup({
      tiers: [
        { minMembers: 3, unitPrice: 1500 },
        { minMembers: 5, unitPrice: 1000 },
      ],
    });
    const a = await walletJoin(code, 2);
    await h.deps.db
      .update(groups)
      .set({ deadline: new Date(Date.now() - 1000) })
      .where(eq(groups.id, groupId));
    expect(await closeGroup(h.deps, groupId, 'deadline')).toMatchObject({ closed: true, outcome: 'failed' });
    expect(await settleMember(h.deps, a.res.member.id)).toBe('released');
    expect(await settleMember(h.deps, a.res.member.id)).toBe('nothing_to_do');
    expect(await moneyOf(a.res.member.id)).toMatchObject({ received: 3000, refunded: 3000 });
    expect(await memberRow(a.res.member.id)).toMatchObject({ status: 'released', refundedAmount: 3000 });
    expect((await readGroup(h.deps, groupId)).status).toBe('failed');
  });

  it('leaving while open refunds in full, and a later settle does not refund again', async () => {
    const { code, groupId } = await walletGroup();
    const a = await walletJoin(code);
    const left = await h.caller(a.u).groups.leave({ memberId: a.res.member.id });
    expect(left.status).toBe('left');
    expect(await moneyOf(a.res.member.id)).toMatchObject({ received: 1500, refunded: 1500 });
    expect(await memberRow(a.res.member.id)).toMatchObject({ status: 'left', refundedAmount: 1500 });
    expect((await readGroup(h.deps, groupId)).confirmedCount).toBe(0);
    await settleMember(h.deps, a.res.member.id);
    expect(await moneyOf(a.res.member.id)).toMatchObject({ refunded: 1500 });
  });

  it('a QR code never scanned: the reservation expires and the payment is canceled', async () => {
    const { code } = await walletGroup();
    const { res } = await startWalletJoin(code);
    await h.deps.db
      .update(members)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(members.id, res.member.id));
    expect(await expireReservation(h.deps, res.member.id)).toBe('expired');
    expect(await moneyOf(res.member.id)).toMatchObject({ received: 0, status: 'canceled' });
    expect((await memberRow(res.member.id)).status).toBe('expired');
  });

  it('paid after the group closed: refunded at once, and the buyer is told', async () => {
    const { code, groupId } = await walletGroup();
    await walletJoin(code);
    const { u, res } = await startWalletJoin(code);
    await closeGroup(h.deps, groupId, 'merchant');
    const row = await memberRow(res.member.id);
    expect(row.status).toBe('expired');
    await emulatorControl(h.emulatorUrl)
      .authenticate(must(row.paymentIntentId))
      .catch(() => null);
    const money = await moneyOf(res.member.id);
    if (money.status === 'succeeded') {
      const r = await refusal(h.caller(u).groups.confirmHold({ memberId: res.member.id }));
      expect(r.code).toBe('GROUP_CLOSED');
      expect(await moneyOf(res.member.id)).toMatchObject({ received: 1500, refunded: 1500 });
    } else {
      // The settle job canceled the unpaid payment first: nothing can be paid.
      expect(money.status).toBe('canceled');
    }
    const g = await h.deps.db.select().from(groups).where(eq(groups.id, groupId));
    expect(g[0]?.status).not.toBe('open');
  });

  it('webhooks: a payment that succeeds while reserved confirms the member; a late one is refunded by the settle job', async () => {
    const { code, groupId } = await walletGroup();
    const { res } = await startWalletJoin(code);
    const pi = must((await memberRow(res.member.id)).paymentIntentId);
    await emulatorControl(h.emulatorUrl).authenticate(pi);
    // The buyer closed the tab: only the webhook tells Flock the payment went through.
    const succeeded = await webhooks.eventFor('payment_intent.succeeded', pi);
    expect((await webhooks.deliver(succeeded)).status).toBe(200);
    expect(await memberRow(res.member.id)).toMatchObject({ status: 'authorized', chargeAmount: null });
    expect((await readGroup(h.deps, groupId)).confirmedCount).toBe(1);
    // Redelivered: nothing moves again (never a capture move while open).
    expect((await webhooks.deliver(succeeded)).status).toBe(200);
    expect((await memberRow(res.member.id)).status).toBe('authorized');

    // A second buyer's QR code outlives the group: the payment arrives after close, and is refunded.
    const late = await startWalletJoin(code);
    const latePi = must((await memberRow(late.res.member.id)).paymentIntentId);
    await closeGroup(h.deps, groupId, 'merchant');
    await emulatorControl(h.emulatorUrl).authenticate(latePi);
    expect((await webhooks.deliver(await webhooks.eventFor('payment_intent.succeeded', latePi))).status).toBe(
      200,
    );
    const jobs = await h.t.db.execute<{ key: string }>(
      sql`select key from graphile_worker._private_jobs where key = ${settleMemberJobKey(late.res.member.id)}`,
    );
    expect(jobs.rows).toHaveLength(1);
    await settleMember(h.deps, late.res.member.id);
    expect(await moneyOf(late.res.member.id)).toMatchObject({ received: 1500, refunded: 1500 });
    expect(await memberRow(late.res.member.id)).toMatchObject({ status: 'expired', refundedAmount: 1500 });
  });

  it("webhooks: the difference's charge.refunded does not count the refund twice", async () => {
    const { code, groupId } = await walletGroup();
    const a = await walletJoin(code);
    await walletJoin(code);
    await closeGroup(h.deps, groupId, 'merchant');
    await settleMember(h.deps, a.res.member.id);
    const pi = must((await memberRow(a.res.member.id)).paymentIntentId);
    expect(await memberRow(a.res.member.id)).toMatchObject({ chargeAmount: 1500, refundedAmount: 300 });
    expect((await webhooks.deliver(await webhooks.eventFor('charge.refunded', pi))).status).toBe(200);
    expect(await memberRow(a.res.member.id)).toMatchObject({ chargeAmount: 1500, refundedAmount: 300 });
    // The shop can still refund what is left of the group's price, and no more.
    const refundable = 1500 - 300;
    expect(await moneyOf(a.res.member.id)).toMatchObject({ received: 1500, refunded: 300 });
    expect(refundable).toBe(1200);
  });

  it('a refund Stripe cannot take now is retried later, and the difference still goes back once', async () => {
    const { code, groupId } = await walletGroup();
    const a = await walletJoin(code);
    await walletJoin(code);
    await closeGroup(h.deps, groupId, 'merchant');
    let refusals = 1;
    const flaky: PaymentsPort = {
      ...h.deps.payments,
      refund: async (input) => {
        if (refusals-- > 0)
          return {
            ok: false,
            retryable: true,
            failure: { code: 'api_error', declineCode: null, message: 'Stripe is busy' },
          };
        return h.deps.payments.refund(input);
      },
    };
    await expect(settleMember(h.deps, a.res.member.id, { payments: flaky })).rejects.toBeInstanceOf(
      RetryableSettleError,
    );
    expect((await memberRow(a.res.member.id)).status).toBe('authorized');
    expect(await settleMember(h.deps, a.res.member.id, { payments: flaky })).toBe('captured');
    expect(await settleMember(h.deps, a.res.member.id, { payments: flaky })).toBe('nothing_to_do');
    expect(await moneyOf(a.res.member.id)).toMatchObject({ received: 1500, refunded: 300 });
  });
});
