// Long windows (issue 16): a group whose window outlives a card hold saves each buyer's card at join (a
// SetupIntent, nothing held) and charges it off-session at close, exactly once, at min(final, joined) × qty
// plus shipping; a failed group or a member who leaves only has the card removed; a card that cannot be
// charged at close leaves the member payment_due.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups, members } from '@/db/schema';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createHarness, type Harness } from '@/test/harness';
import { webhookDriver, type WebhookDriver } from '@/test/webhooks';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { closeGroup } from './close-group';
import { expireReservation } from './expire-reservation';
import { settleMember } from './settle-member';
import { makeGroup, readGroup, VOUCHER_CHOICE, type DealOverrides } from './test-factory';
import { refusal } from './test-helpers';
import { WEBHOOK_HANDLERS } from '@/server/payments/webhooks/handle';

let h: Harness;
let stripe: Stripe;
let webhooks: WebhookDriver;
beforeAll(async () => {
  h = await createHarness();
  webhooks = webhookDriver(h);
  stripe = createStripeClient({ emulatorUrl: h.emulatorUrl, maxNetworkRetries: 0 });
});
afterAll(async () => h.close());

const DAY = 24 * 3600;

/** A deal with a 14-day window (longer than a hold survives) and one open group on it. */
const longGroup = (o: DealOverrides = {}) => makeGroup(h.deps, { windowSeconds: 14 * DAY, ...o });

async function join(code: string, o: { quantity?: number; card?: string | null } = {}) {
  const u = await h.makeUser({ anonymous: true });
  const res = await h.caller(u).groups.join({
    code,
    alias: `Buyer ${u.id.slice(0, 4)}`,
    quantity: o.quantity ?? 1,
    fulfilment: VOUCHER_CHOICE,
    idempotencyKey: randomUUID(),
    paymentMethod: o.card === null ? undefined : (o.card ?? 'pm_card_visa'),
  });
  return { u, res };
}

const memberRow = async (id: string) => {
  const [m] = await h.deps.db.select().from(members).where(eq(members.id, id));
  if (!m) throw new Error('no member');
  return m;
};

/** Every PaymentIntent the emulator made for a member (by our metadata). */
async function pisOf(memberId: string) {
  const all = await emulatorControl(h.emulatorUrl).listPaymentIntents();
  return all.filter((p) => (p.metadata as Record<string, string> | undefined)?.['member_id'] === memberId);
}

/** Closes the group now (its deadline moved to the past) and settles each member once, as the jobs would. */
async function closeAndSettle(groupId: string) {
  await h.deps.db
    .update(groups)
    .set({ deadline: new Date(h.deps.now().getTime() - 1000) })
    .where(eq(groups.id, groupId));
  const res = await closeGroup(h.deps, groupId, 'deadline');
  const rows = await h.deps.db.select().from(members).where(eq(members.groupId, groupId));
  for (const m of rows) await settleMember(h.deps, m.id);
  return res;
}

async function cardAttached(paymentMethodId: string): Promise<boolean> {
  const pm = await stripe.paymentMethods.retrieve(paymentMethodId);
  return pm.customer !== null;
}

describe('a long window saves the card at join', () => {
  it('freezes payment_mode save_card; a join with pm_card_visa is confirmed with no PaymentIntent until close', async () => {
    const { code, groupId } = await longGroup();
    const g = await readGroup(h.deps, groupId);
    expect(g.paymentMode).toBe('save_card');
    const deadlineBefore = g.deadline.getTime();

    const { res } = await join(code, { quantity: 2 });
    expect(res.nextAction).toBeNull();
    expect(res.member).toMatchObject({ status: 'authorized', unitPriceAtJoin: 1500, holdAmount: 3000 });
    expect(res.group).toMatchObject({ confirmedCount: 1 });
    const m = await memberRow(res.member.id);
    expect(m).toMatchObject({ paymentKind: 'saved_card', paymentIntentId: null });
    expect(m.setupIntentId).toMatch(/^seti_/);
    expect(m.stripeCustomerId).toMatch(/^cus_/);
    expect(m.paymentMethodId).toBeTruthy();
    expect(await cardAttached(m.paymentMethodId ?? '')).toBe(true);
    expect(await pisOf(m.id)).toHaveLength(0);
    // Nothing is held, so no capture-before date pulls the 14-day deadline in.
    expect((await readGroup(h.deps, groupId)).deadline.getTime()).toBe(deadlineBefore);
  });

  it('3-D Secure at setup: requires_action with the SetupIntent secret, then authenticated and confirmed', async () => {
    const { code } = await longGroup();
    const { u, res } = await join(code, { card: 'pm_card_authenticationRequired' });
    expect(res.nextAction).toBe('authenticate');
    expect(res.clientSecret).toMatch(/^seti_.*_secret_/);
    expect(res.member.status).toBe('reserved');
    const m = await memberRow(res.member.id);
    expect(m.setupIntentId).toMatch(/^seti_/);

    await emulatorControl(h.emulatorUrl).authenticateSetup(m.setupIntentId ?? '', 'succeed');
    const done = await h.caller(u).groups.confirmHold({ memberId: res.member.id });
    expect(done.member.status).toBe('authorized');
    expect(done.group.confirmedCount).toBe(1);
    const after = await memberRow(res.member.id);
    expect(after.paymentMethodId).toBeTruthy();
    expect(after.stripeCustomerId).toBe(m.stripeCustomerId);
  });

  it('a card declined while saving declines the member with the card’s reason; the seat is freed', async () => {
    const { code, groupId } = await longGroup();
    const u = await h.makeUser({ anonymous: true });
    const r = await refusal(
      h.caller(u).groups.join({
        code,
        alias: 'Dee',
        quantity: 1,
        fulfilment: VOUCHER_CHOICE,
        idempotencyKey: randomUUID(),
        paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds',
      }),
    );
    expect(r.code).toBe('PAYMENT_DECLINED');
    const g = await readGroup(h.deps, groupId);
    expect(g).toMatchObject({ seatsTaken: 0, confirmedCount: 0 });
  });

  it('a processor that cannot be reached keeps the reservation; the same join retried saves the card', async () => {
    const { code, groupId } = await longGroup();
    const u = await h.makeUser({ anonymous: true });
    const input = {
      code,
      alias: 'Rae',
      quantity: 1,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: randomUUID(),
      paymentMethod: 'pm_card_visa',
    };
    const ctl = emulatorControl(h.emulatorUrl);
    await ctl.injectFault({ path: '/v1/setup_intents', method: 'POST', status: 500, times: 10 });
    const r = await refusal(h.caller(u).groups.join(input));
    expect(r.code).toBe('PAYMENT_UNAVAILABLE');
    expect(await readGroup(h.deps, groupId)).toMatchObject({ seatsTaken: 1, confirmedCount: 0 });
    await ctl.clearFaults();
    const res = await h.caller(u).groups.join(input);
    expect(res.member.status).toBe('authorized');
    expect(await readGroup(h.deps, groupId)).toMatchObject({ seatsTaken: 1, confirmedCount: 1 });
  });

  it('leaving while open removes the saved card; nothing is charged', async () => {
    const { code, groupId } = await longGroup();
    const { u, res } = await join(code);
    const m = await memberRow(res.member.id);
    const left = await h.caller(u).groups.leave({ memberId: res.member.id });
    expect(left.status).toBe('left');
    expect(await cardAttached(m.paymentMethodId ?? '')).toBe(false);
    expect((await memberRow(m.id)).status).toBe('left');
    expect((await readGroup(h.deps, groupId)).confirmedCount).toBe(0);
    expect(await pisOf(m.id)).toHaveLength(0);
  });
});

describe('a reservation whose card was not saved in time', () => {
  it('is confirmed when the setup succeeded after all, else expired with nothing held', async () => {
    const { code, groupId } = await longGroup();
    const late = await join(code, { card: 'pm_card_authenticationRequired' });
    const never = await join(code, { card: 'pm_card_authenticationRequired' });
    const lateRow = await memberRow(late.res.member.id);
    await emulatorControl(h.emulatorUrl).authenticateSetup(lateRow.setupIntentId ?? '', 'succeed');
    // Both reservations run out.
    await h.deps.db
      .update(members)
      .set({ expiresAt: new Date(h.deps.now().getTime() - 1000) })
      .where(eq(members.groupId, groupId));
    expect(await expireReservation(h.deps, late.res.member.id)).toBe('confirmed');
    expect(await expireReservation(h.deps, never.res.member.id)).toBe('expired');
    expect((await memberRow(late.res.member.id)).status).toBe('authorized');
    expect(await memberRow(never.res.member.id)).toMatchObject({
      status: 'expired',
      failureReason: 'The card was not saved in time.',
    });
    expect((await readGroup(h.deps, groupId)).confirmedCount).toBe(1);
  });
});

describe('setup_intent webhooks', () => {
  it('are acted on (and so enabled on the emulator endpoint the dev server registers)', () => {
    expect(Object.keys(WEBHOOK_HANDLERS)).toEqual(
      expect.arrayContaining(['setup_intent.succeeded', 'setup_intent.setup_failed']),
    );
  });

  it('setup_intent.succeeded confirms a buyer who closed the page after 3-D Secure; a repeat changes nothing', async () => {
    const { code, groupId } = await longGroup();
    const { res } = await join(code, { card: 'pm_card_authenticationRequired' });
    expect(res.nextAction).toBe('authenticate');
    const m = await memberRow(res.member.id);
    await emulatorControl(h.emulatorUrl).authenticateSetup(m.setupIntentId ?? '', 'succeed');
    // The buyer never comes back to confirm: the webhook does it.
    const body = await webhooks.eventFor('setup_intent.succeeded', m.setupIntentId ?? '');
    expect((await webhooks.deliver(body)).body.note).toBe('member confirmed: card saved');
    const after = await memberRow(m.id);
    expect(after.status).toBe('authorized');
    expect(after.paymentMethodId).toBeTruthy();
    expect((await readGroup(h.deps, groupId)).confirmedCount).toBe(1);
    const again = await webhooks.eventFor('setup_intent.succeeded', m.setupIntentId ?? '');
    expect((await webhooks.deliver(again)).body.note).toBe('member already authorized');
    expect((await readGroup(h.deps, groupId)).confirmedCount).toBe(1);
  });

  it('setup_intent.setup_failed records the failure; the reservation stays for another card', async () => {
    const { code } = await longGroup();
    const { res } = await join(code, { card: 'pm_card_authenticationRequired' });
    const m = await memberRow(res.member.id);
    await emulatorControl(h.emulatorUrl).authenticateSetup(m.setupIntentId ?? '', 'fail');
    const body = await webhooks.eventFor('setup_intent.setup_failed', m.setupIntentId ?? '');
    expect((await webhooks.deliver(body)).body.note).toBe('failure recorded');
    const after = await memberRow(m.id);
    expect(after.status).toBe('reserved');
    expect(after.failureReason).toBeTruthy();
  });
});

describe('closing a long-window group', () => {
  it('charges each member off-session exactly once at min(final, joined) × qty; settling again charges nothing', async () => {
    const { code, groupId } = await longGroup();
    const a = await join(code); // 15.00
    const b = await join(code, { quantity: 2 }); // 15.00 × 2 (the group is at 12.00 after)
    const c = await join(code); // 12.00; the group reaches 10.00 with three
    const res = await closeAndSettle(groupId);
    expect(res).toMatchObject({ closed: true, outcome: 'won', finalUnitPrice: 1000 });
    expect((await readGroup(h.deps, groupId)).status).toBe('won');

    for (const [j, amount] of [
      [a, 1000],
      [b, 2000],
      [c, 1000],
    ] as const) {
      const m = await memberRow(j.res.member.id);
      expect(m).toMatchObject({ status: 'captured', chargeAmount: amount });
      const pis = await pisOf(m.id);
      expect(pis).toHaveLength(1);
      expect(pis[0]).toMatchObject({ id: m.paymentIntentId, status: 'succeeded', amount_received: amount });
      expect(amount).toBeLessThanOrEqual(m.holdAmount);
      // Saved for this group only: removed once charged.
      expect(await cardAttached(m.paymentMethodId ?? '')).toBe(false);
    }
    // A retry after a crash replays the same key: still one charge each.
    for (const j of [a, b, c]) expect(await settleMember(h.deps, j.res.member.id)).toBe('nothing_to_do');
    for (const j of [a, b, c]) expect(await pisOf(j.res.member.id)).toHaveLength(1);
  });

  it('adds the shipping fixed at join, never above the most the buyer was told', async () => {
    const { code, groupId } = await longGroup({ tiers: [{ minMembers: 1, unitPrice: 1500 }] });
    const a = await join(code, { quantity: 2 });
    // Shipping fixed at join is part of the most (holdAmount) and of the charge.
    await h.deps.db
      .update(members)
      .set({ shippingAmount: 700, holdAmount: 3700 })
      .where(eq(members.id, a.res.member.id));
    await closeAndSettle(groupId);
    const m = await memberRow(a.res.member.id);
    expect(m).toMatchObject({ status: 'captured', chargeAmount: 3700 });
    const pis = await pisOf(m.id);
    expect(pis.map((p) => p.amount_received)).toEqual([3700]);
  });

  it('a failed group removes every card and charges nothing', async () => {
    const { code, groupId } = await longGroup({ tiers: [{ minMembers: 3, unitPrice: 1500 }] });
    const a = await join(code);
    const b = await join(code);
    const res = await closeAndSettle(groupId);
    expect(res).toMatchObject({ closed: true, outcome: 'failed' });
    expect((await readGroup(h.deps, groupId)).status).toBe('failed');
    for (const j of [a, b]) {
      const m = await memberRow(j.res.member.id);
      expect(m.status).toBe('released');
      expect(await cardAttached(m.paymentMethodId ?? '')).toBe(false);
      expect(await pisOf(m.id)).toHaveLength(0);
    }
  });

  it.each(['pm_card_chargeCustomerFail', 'pm_card_authenticationRequired'])(
    'a saved %s that cannot be charged off-session leaves the member payment_due',
    async (card) => {
      const { code, groupId } = await longGroup({ tiers: [{ minMembers: 1, unitPrice: 1500 }] });
      const ok = await join(code);
      const { u, res } = await join(code, { card });
      if (res.nextAction === 'authenticate') {
        const m = await memberRow(res.member.id);
        await emulatorControl(h.emulatorUrl).authenticateSetup(m.setupIntentId ?? '', 'succeed');
        await h.caller(u).groups.confirmHold({ memberId: res.member.id });
      }
      expect((await memberRow(res.member.id)).status).toBe('authorized');
      await closeAndSettle(groupId);
      expect((await memberRow(ok.res.member.id)).status).toBe('captured');
      const due = await memberRow(res.member.id);
      expect(due.status).toBe('payment_due');
      expect(due.chargeAmount).toBeNull();
      const pis = await pisOf(due.id);
      expect(pis.every((p) => p.amount_received === 0)).toBe(true);
    },
  );
});
