// Fix your payment (RECOVERY.md), against real PostgreSQL and the Stripe emulator: a charge refused at
// close makes the member owe it, the signed link pays it (3-D Secure too), an expired link charges
// nothing, the lapse fails the member exactly once, and a soft-declined saved card is retried once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { deals, events, groups, members, notifications, orders } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { webhookDriver, type WebhookDriver } from '@/test/webhooks';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { closeGroup } from '@/server/groups/close-group';
import { addMembers, createOpenGroup, type FactoryMemberRow } from '@/server/groups/close-test-factory';
import { settleMember } from '@/server/groups/settle-member';
import { createStripeClient } from '@/server/payments/stripe-client';
import { summarizeGroups } from '@/server/merchant-console/group-summary';
import { fixLinkToken } from './fix-link';
import { loadDue } from './get-due-page';
import { lapseDue } from './lapse-due';
import { retryDue } from './retry-due';

let h: Harness;
let hooks: WebhookDriver;
beforeAll(async () => {
  h = await createHarness();
  hooks = webhookDriver(h);
});
afterAll(async () => {
  await h.close();
});

const DAY = 24 * 3600 * 1000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function member(id: string) {
  const [m] = await h.t.db.select().from(members).where(eq(members.id, id));
  if (!m) throw new Error('member missing');
  return m;
}

async function pis() {
  const list = await emulatorControl(h.emulatorUrl).listPaymentIntents();
  return new Map(list.map((p) => [p.id, p]));
}

async function moments(memberId: string): Promise<string[]> {
  const rows = await h.t.db
    .select({ moment: notifications.moment })
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), eq(notifications.channel, 'email')));
  return rows.map((r) => r.moment).sort();
}

async function job(key: string) {
  const r = await h.t.db.execute<{ task_identifier: string; run_at: string }>(
    sql`select task_identifier, run_at from graphile_worker.jobs where key = ${key}`,
  );
  return r.rows[0] ?? null;
}

/** A won group (final 8.00 for three) whose first member's capture is refused for good (card declined). */
async function groupWithRefusedCapture(opts: { stock?: boolean } = {}) {
  const g = await createOpenGroup(h.deps, {
    deadline: new Date(h.deps.now().getTime() - 1000),
    tiers: [
      { minMembers: 2, unitPrice: 1000 },
      { minMembers: 3, unitPrice: 800 },
    ],
  });
  if (opts.stock) await h.t.db.update(deals).set({ stock: 50 }).where(eq(deals.id, g.dealId));
  const rows = await addMembers(h.deps, g, [
    { unitPriceAtJoin: 1000, quantity: 2 },
    { unitPriceAtJoin: 1000 },
    { unitPriceAtJoin: 800 },
  ]);
  const [due, ...others] = rows as [FactoryMemberRow, ...FactoryMemberRow[]];
  // Each member has an order waiting for the charge, as a join leaves it.
  for (const r of rows)
    await h.t.db.insert(orders).values({
      memberId: r.id,
      number: `FL-${r.id.slice(0, 8)}`,
      method: 'voucher',
      contactEmail: 'buyer@example.test',
    });
  await emulatorControl(h.emulatorUrl).injectFault({
    path: `/v1/payment_intents/${due.paymentIntentId}/capture`,
    status: 402,
    declineCode: 'expired_card',
  });
  await closeGroup(h.deps, g.groupId, 'deadline');
  for (const r of rows) await settleMember(h.deps, r.id);
  return { g, due, others };
}

describe('a capture refused for good at close', () => {
  it('makes the member owe it while the group stays won at its price; the link pays it with another card', async () => {
    const { g, due, others } = await groupWithRefusedCapture();
    const [grp] = await h.t.db.select().from(groups).where(eq(groups.id, g.groupId));
    expect(grp?.status).toBe('won');
    expect(grp?.finalUnitPrice).toBe(800);
    for (const o of others) expect((await member(o.id)).status).toBe('captured');

    const m = await member(due.id);
    expect(m.status).toBe('payment_due');
    expect(m.dueUntil?.getTime()).toBeGreaterThan(h.deps.now().getTime() + 7 * DAY - 60_000);
    expect(await moments(due.id)).toEqual(['paymentDue', 'paymentDueReminder', 'paymentDueReminder']);
    expect(await job(`recovery-lapse:${due.id}`)).toMatchObject({ task_identifier: 'recovery-lapse' });
    // A hold cannot be charged again without the buyer: no automatic retry.
    expect(await job(`recovery-retry:${due.id}`)).toBeNull();
    // The refused hold no longer holds the buyer's money while they are asked to pay.
    expect((await pis()).get(due.paymentIntentId ?? '')?.status).toBe('canceled');
    const [order] = await h.t.db.select().from(orders).where(eq(orders.memberId, due.id));
    expect(order?.status).toBe('pending');

    const token = fixLinkToken(due.id, m.dueUntil ?? new Date());
    const page = await loadDue(h.deps.db, token, h.deps.now(), 'en');
    expect(page).toMatchObject({
      state: 'due',
      facts: { amountDue: 1600, finalUnitPrice: 800, quantity: 2, reason: 'expiredCard' },
    });

    const anon = h.caller(null);
    expect(await anon.recovery.pay({ token, paymentMethod: 'pm_card_chargeDeclined' })).toEqual({
      status: 'declined',
      reason: 'declined',
    });
    expect((await member(due.id)).status).toBe('payment_due');
    expect(await anon.recovery.pay({ token, paymentMethod: 'pm_card_visa' })).toEqual({
      status: 'paid',
      amount: 1600,
    });
    const paid = await member(due.id);
    expect(paid).toMatchObject({ status: 'captured', chargeAmount: 1600 });
    expect(paid.paymentIntentId).toBe(paid.fixPaymentIntentId);
    // Charged once, on the fix's PaymentIntent; paying again is refused as already paid.
    const fix = (await pis()).get(paid.fixPaymentIntentId ?? '');
    expect(fix).toMatchObject({ status: 'succeeded', amount_received: 1600 });
    expect(await anon.recovery.pay({ token, paymentMethod: 'pm_card_visa' })).toEqual({
      status: 'closed',
      page: 'paid',
    });
    const [after] = await h.t.db.select().from(orders).where(eq(orders.memberId, due.id));
    expect(after?.status).toBe('issued'); // a voucher order is issued where goods go to_fulfil
    expect(await moments(due.id)).toContain('wonCharged');
    expect(await job(`recovery-lapse:${due.id}`)).toBeNull();
    const captured = await h.t.db
      .select()
      .from(events)
      .where(and(eq(events.memberId, due.id), eq(events.type, 'member.captured')));
    expect(captured).toHaveLength(1);
  });

  it('handles 3-D Secure on the fix card, then records the payment once authenticated', async () => {
    const { due } = await groupWithRefusedCapture();
    const m = await member(due.id);
    const token = fixLinkToken(due.id, m.dueUntil ?? new Date());
    const anon = h.caller(null);
    const r = await anon.recovery.pay({ token, paymentMethod: 'pm_card_authenticationRequired' });
    expect(r).toMatchObject({ status: 'requires_action' });
    expect((await member(due.id)).status).toBe('payment_due');
    const pi = r.status === 'requires_action' ? r.paymentIntentId : '';
    await emulatorControl(h.emulatorUrl).authenticate(pi, 'succeed');
    expect(await anon.recovery.confirm({ token })).toEqual({ status: 'paid', amount: 1600 });
    expect(await member(due.id)).toMatchObject({
      status: 'captured',
      paymentIntentId: pi,
      chargeAmount: 1600,
    });
  });

  it("answers paid when Stripe's webhook records the 3-D Secure payment while the buyer's confirm waits", async () => {
    const { due } = await groupWithRefusedCapture();
    const m = await member(due.id);
    const token = fixLinkToken(due.id, m.dueUntil ?? new Date());
    const anon = h.caller(null);
    const r = await anon.recovery.pay({ token, paymentMethod: 'pm_card_authenticationRequired' });
    const pi = r.status === 'requires_action' ? r.paymentIntentId : '';
    await emulatorControl(h.emulatorUrl).authenticate(pi, 'succeed');
    // The buyer's confirm reads the link (still due), then waits for the member's recovery lock, held here;
    // meanwhile the webhook (which takes no such lock) records the payment.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const locked = new Promise<void>((ready) => {
      void h.t.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`recovery:${due.id}`}))`);
        ready();
        await held;
      });
    });
    await locked;
    const confirming = anon.recovery.confirm({ token });
    await sleep(300);
    const succeeded = await hooks.eventFor('payment_intent.succeeded', pi);
    expect((await hooks.deliver(succeeded)).body.note).toBe('payment due paid');
    release();
    expect(await confirming).toEqual({ status: 'paid', amount: 1600 });
  });

  it('refuses an expired link without charging; the lapse fails the member once, returns the stock and tells both sides', async () => {
    const { g, due } = await groupWithRefusedCapture({ stock: true });
    const m = await member(due.id);
    const token = fixLinkToken(due.id, m.dueUntil ?? new Date());
    const [before] = await h.t.db
      .select({ taken: deals.stockTaken })
      .from(deals)
      .where(eq(deals.id, g.dealId));
    const intentsBefore = (await pis()).size;

    h.advance(7 * DAY + 60_000);
    expect(await h.caller(null).recovery.pay({ token, paymentMethod: 'pm_card_visa' })).toEqual({
      status: 'closed',
      page: 'expired',
    });
    expect((await pis()).size).toBe(intentsBefore);

    expect(await lapseDue(h.deps, due.id)).toBe('lapsed');
    expect(await lapseDue(h.deps, due.id)).toBe('nothing_to_do');
    expect((await member(due.id)).status).toBe('failed');
    const [after] = await h.t.db
      .select({ taken: deals.stockTaken })
      .from(deals)
      .where(eq(deals.id, g.dealId));
    expect((before?.taken ?? 0) - (after?.taken ?? 0)).toBe(2);
    const [order] = await h.t.db.select().from(orders).where(eq(orders.memberId, due.id));
    expect(order?.status).toBe('void');
    expect(await moments(due.id)).toEqual(
      expect.arrayContaining(['paymentDue', 'paymentLapsed', 'merchantPaymentLapsed']),
    );
    // Reminders still waiting are no longer true: the sender drops them (still-true.ts).
    expect(await loadDue(h.deps.db, token, h.deps.now(), 'en')).toMatchObject({ state: 'failed' });
    const [grp] = await h.t.db.select().from(groups).where(eq(groups.id, g.groupId));
    expect(grp).toMatchObject({ status: 'won', finalUnitPrice: 800 });
  });

  it('settles a lapse racing a successful fix with exactly one outcome: paid', async () => {
    const { due } = await groupWithRefusedCapture();
    const anon = h.caller(null);
    // The window ends in two seconds; the buyer pays just before, and Stripe is slow to answer.
    const soon = new Date(h.deps.now().getTime() + 2000);
    await h.t.db.update(members).set({ dueUntil: soon }).where(eq(members.id, due.id));
    const token = fixLinkToken(due.id, soon);
    await emulatorControl(h.emulatorUrl).injectFault({
      path: '/v1/payment_intents',
      method: 'POST',
      delayMs: 3000,
    });
    const paying = anon.recovery.pay({ token, paymentMethod: 'pm_card_visa' });
    await sleep(2200);
    const lapsing = lapseDue(h.deps, due.id);
    const [paid, lapse] = await Promise.all([paying, lapsing]);
    expect(paid).toEqual({ status: 'paid', amount: 1600 });
    expect(lapse).toBe('nothing_to_do');
    const m = await member(due.id);
    expect(m.status).toBe('captured');
    expect((await pis()).get(m.fixPaymentIntentId ?? '')).toMatchObject({
      status: 'succeeded',
      amount_received: 1600,
    });
    const ends = await h.t.db
      .select({ type: events.type })
      .from(events)
      .where(and(eq(events.memberId, due.id), sql`${events.type} in ('member.captured', 'member.failed')`));
    expect(ends).toEqual([{ type: 'member.captured' }]);
  });
});

describe('a soft decline of a saved card', () => {
  it('is retried once a day later, off-session; paid, the member is charged and gets the receipt', async () => {
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(h.deps.now().getTime() - 1000),
      tiers: [{ minMembers: 1, unitPrice: 1200 }],
    });
    await h.t.db.update(groups).set({ paymentMode: 'save_card' }).where(eq(groups.id, g.groupId));
    const [row] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 1200, status: 'reserved' }]);
    if (!row) throw new Error('no member');
    // The member saved a card at join (LONG's flow), written as the join would leave it.
    const saved = await h.deps.payments.saveCard({
      memberId: row.id,
      paymentMethod: 'pm_card_visa',
      description: 'Flock test card',
      metadata: {},
    });
    if (!saved.ok) throw new Error(saved.failure.message);
    await h.t.db.execute(sql`update members set status = 'authorized', authorized_at = now(),
      payment_kind = 'saved_card', setup_intent_id = ${saved.setup.setupIntentId},
      stripe_customer_id = ${saved.setup.customerId}, payment_method_id = ${saved.setup.paymentMethodId}
      where id = ${row.id}`);
    await h.t.db.execute(sql`update groups set confirmed_count = 1 where id = ${g.groupId}`);
    await emulatorControl(h.emulatorUrl).injectFault({
      path: '/v1/payment_intents',
      method: 'POST',
      status: 402,
      declineCode: 'insufficient_funds',
    });
    await closeGroup(h.deps, g.groupId, 'deadline');
    await settleMember(h.deps, row.id);
    expect((await member(row.id)).status).toBe('payment_due');
    const retry = await job(`recovery-retry:${row.id}`);
    expect(retry).toMatchObject({ task_identifier: 'recovery-retry' });
    expect(new Date(retry?.run_at ?? 0).getTime()).toBeGreaterThan(h.deps.now().getTime() + DAY - 60_000);

    expect(await retryDue(h.deps, row.id)).toBe('paid');
    expect(await retryDue(h.deps, row.id)).toBe('nothing_to_do');
    const m = await member(row.id);
    expect(m).toMatchObject({ status: 'captured', chargeAmount: 1200 });
    expect((await pis()).get(m.paymentIntentId ?? '')).toMatchObject({
      status: 'succeeded',
      amount_received: 1200,
    });
    expect(await moments(row.id)).toContain('wonCharged');

    // The card was saved for this group only: once paid, the settle job removes it.
    expect(await job(`settle:${row.id}`)).toMatchObject({ task_identifier: 'settle-member' });
    const stripe = createStripeClient({ emulatorUrl: h.emulatorUrl });
    const cards = () => stripe.customers.listPaymentMethods(saved.setup.customerId ?? '');
    expect((await cards()).data).toHaveLength(1);
    await settleMember(h.deps, row.id);
    expect((await cards()).data).toHaveLength(0);
  });

  it('is not retried for a hold: nothing can be charged without the buyer', async () => {
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(h.deps.now().getTime() - 1000),
      tiers: [{ minMembers: 1, unitPrice: 900 }],
    });
    const [row] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 900 }]);
    if (!row) throw new Error('no member');
    await emulatorControl(h.emulatorUrl).injectFault({
      path: `/v1/payment_intents/${row.paymentIntentId}/capture`,
      status: 402,
      declineCode: 'insufficient_funds',
    });
    await closeGroup(h.deps, g.groupId, 'deadline');
    await settleMember(h.deps, row.id);
    // A hold, not a saved card: nothing to charge without the buyer, so no retry is planned or made.
    expect(await job(`recovery-retry:${row.id}`)).toBeNull();
    expect(await retryDue(h.deps, row.id)).toBe('nothing_to_do');
    expect((await member(row.id)).status).toBe('payment_due');
  });
});

describe('webhooks about a payment due', () => {
  it('a hold Stripe canceled after a won close makes its member owe the payment; the fix reported paid settles it', async () => {
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(h.deps.now().getTime() - 1000),
      tiers: [{ minMembers: 2, unitPrice: 700 }],
    });
    const [lost, kept] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 700 }, { unitPriceAtJoin: 700 }]);
    if (!lost || !kept) throw new Error('no members');
    await closeGroup(h.deps, g.groupId, 'deadline');
    await settleMember(h.deps, kept.id);
    // The bank drops the hold before Flock captures it: only the webhook tells.
    await hooks.stripe.paymentIntents.cancel(lost.paymentIntentId ?? '');
    const canceled = await hooks.eventFor('payment_intent.canceled', lost.paymentIntentId ?? '');
    expect((await hooks.deliver(canceled)).body.note).toBe('member payment due');
    expect((await member(lost.id)).status).toBe('payment_due');
    const [grp] = await h.t.db.select().from(groups).where(eq(groups.id, g.groupId));
    expect(grp).toMatchObject({ status: 'won', finalUnitPrice: 700 });

    // The buyer paid in a tab that closed before Flock heard back: Stripe's webhook says so.
    const m = await member(lost.id);
    const pay = await h.deps.payments.pay({
      key: `${lost.id}:fix`,
      memberId: lost.id,
      amount: 700,
      currency: 'USD',
      method: 'card',
      paymentMethod: 'pm_card_visa',
      description: 'fix',
      metadata: {},
    });
    if (!pay.ok) throw new Error(pay.failure.message);
    await h.t.db
      .update(members)
      .set({ fixPaymentIntentId: pay.hold.paymentIntentId })
      .where(eq(members.id, m.id));
    const succeeded = await hooks.eventFor('payment_intent.succeeded', pay.hold.paymentIntentId);
    expect((await hooks.deliver(succeeded)).body.note).toBe('payment due paid');
    expect(await member(lost.id)).toMatchObject({
      status: 'captured',
      chargeAmount: 700,
      paymentIntentId: pay.hold.paymentIntentId,
    });
  });
});

describe("the shop's view and settings", () => {
  it('lists its own payments due only, and its days to fix apply to the next refusal', async () => {
    const shop = await h.makeMerchant({ name: 'Due Farm' });
    const other = await h.makeMerchant({ name: 'Other Farm' });
    const asShop = h.caller(shop.user, shop.merchantId);
    expect(await asShop.recovery.settings()).toEqual({ paymentFixDays: 7, payNowMethods: [] });
    await expect(asShop.recovery.updateSettings({ paymentFixDays: 15, payNowMethods: [] })).rejects.toThrow();
    await expect(asShop.recovery.updateSettings({ paymentFixDays: 0, payNowMethods: [] })).rejects.toThrow();
    expect(
      await asShop.recovery.updateSettings({ paymentFixDays: 3, payNowMethods: ['wechat_pay'] }),
    ).toEqual({
      paymentFixDays: 3,
      payNowMethods: ['wechat_pay'],
    });

    const g = await createOpenGroup(h.deps, {
      merchantId: shop.merchantId,
      deadline: new Date(h.deps.now().getTime() - 1000),
      tiers: [{ minMembers: 1, unitPrice: 500 }],
    });
    const [row] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 500 }]);
    if (!row) throw new Error('no member');
    await emulatorControl(h.emulatorUrl).injectFault({
      path: `/v1/payment_intents/${row.paymentIntentId}/capture`,
      status: 402,
      declineCode: 'insufficient_funds',
    });
    await closeGroup(h.deps, g.groupId, 'deadline');
    await settleMember(h.deps, row.id);
    const m = await member(row.id);
    const days = ((m.dueUntil?.getTime() ?? 0) - h.deps.now().getTime()) / DAY;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThanOrEqual(3);

    const listed = await asShop.recovery.paymentsDue({ groupId: g.groupId });
    expect(listed).toEqual([
      expect.objectContaining({
        memberId: row.id,
        amount: 500,
        status: 'due',
        reason: 'insufficientFunds',
      }),
    ]);
    expect(await h.caller(other.user, other.merchantId).recovery.paymentsDue({ groupId: g.groupId })).toEqual(
      [],
    );
    // The deal's group list counts it.
    const rows = await h.t.db.select().from(groups).where(eq(groups.id, g.groupId));
    const [summary] = await summarizeGroups(h.t.db, rows, h.deps.appUrl);
    expect(summary?.members.paymentDue).toBe(1);
  });
});

describe('limits', () => {
  it('a saved card refused again on its one retry stays due, and is not retried twice', async () => {
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(h.deps.now().getTime() - 1000),
      tiers: [{ minMembers: 1, unitPrice: 1100 }],
    });
    await h.t.db.update(groups).set({ paymentMode: 'save_card' }).where(eq(groups.id, g.groupId));
    const [row] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 1100, status: 'reserved' }]);
    if (!row) throw new Error('no member');
    const saved = await h.deps.payments.saveCard({
      memberId: row.id,
      paymentMethod: 'pm_card_visa',
      description: 'Flock test card',
      metadata: {},
    });
    if (!saved.ok) throw new Error(saved.failure.message);
    await h.t.db.execute(sql`update members set status = 'authorized', authorized_at = now(),
      payment_kind = 'saved_card', setup_intent_id = ${saved.setup.setupIntentId},
      stripe_customer_id = ${saved.setup.customerId}, payment_method_id = ${saved.setup.paymentMethodId}
      where id = ${row.id}`);
    await h.t.db.execute(sql`update groups set confirmed_count = 1 where id = ${g.groupId}`);
    await emulatorControl(h.emulatorUrl).injectFault({
      path: '/v1/payment_intents',
      method: 'POST',
      status: 402,
      declineCode: 'insufficient_funds',
      times: 2,
    });
    await closeGroup(h.deps, g.groupId, 'deadline');
    await settleMember(h.deps, row.id);
    expect(await retryDue(h.deps, row.id)).toBe('still_due');
    expect((await member(row.id)).status).toBe('payment_due');
    expect(await job(`recovery-lapse:${row.id}`)).not.toBeNull();
    const retried = await h.t.db
      .select()
      .from(events)
      .where(and(eq(events.memberId, row.id), eq(events.type, 'member.retry_failed')));
    expect(retried).toHaveLength(1);
    await emulatorControl(h.emulatorUrl).clearFaults();
  });

  it('brakes card testing through a link: ten attempts an hour', async () => {
    const { due } = await groupWithRefusedCapture();
    const m = await member(due.id);
    const token = fixLinkToken(due.id, m.dueUntil ?? new Date());
    const anon = h.caller(null);
    for (let i = 0; i < 10; i++)
      expect(await anon.recovery.pay({ token, paymentMethod: 'pm_card_chargeDeclined' })).toMatchObject({
        status: 'declined',
      });
    expect(await anon.recovery.pay({ token, paymentMethod: 'pm_card_visa' })).toEqual({
      status: 'rate_limited',
    });
    expect((await member(due.id)).status).toBe('payment_due');
  });
});
