// Getting paid, against real PostgreSQL and the Stripe emulator through the real SDK (issue 18): a shop's
// onboarding states; a won group's destination charges, fees, opener reward and commissions adding up to
// the unit at Stripe and in the group's money table; refunds reversing each part in proportion; the
// referrals that earn nothing.
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissions, groups, members } from '@/db/schema';
import type { WorkerHandle } from '@/server/jobs/worker';
import { createStripeClient } from '@/server/payments/stripe-client';
import { startAppWorker } from '@/server/tasks';
import type { SessionUser } from '@/server/auth/session-user';
import type { DealInput } from '@/server/deals/deal-input';
import { createHarness, type Harness } from '@/test/harness';
import { publishedDeal as publishedDealFor, VOUCHER_ONLY } from '@/test/published-deal';
import { waitUntil } from '@/test/worker-process';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { fixLinkToken } from '@/server/recovery/fix-link';
import { commissionEarner } from './charge-plan';

let h: Harness;
let worker: WorkerHandle;
let stripe: Stripe;

beforeAll(async () => {
  h = await createHarness();
  // 5% + $0.30 per payment, whatever the environment says.
  h.deps.fees = { bps: 500, fixed: { USD: 30 } };
  worker = await startAppWorker(h.deps, { pollInterval: 100 });
  stripe = createStripeClient({ emulatorUrl: h.emulatorUrl });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

async function rejection(p: Promise<unknown>): Promise<TRPCError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(err)}`);
  return err;
}

const publishedDeal = (m: Awaited<ReturnType<Harness['makeMerchant']>>, extra: Partial<DealInput> = {}) =>
  publishedDealFor(h, m, extra);

async function join(u: SessionUser, code: string, alias: string, inviteCode?: string) {
  const res = await h.caller(u).groups.join({
    code,
    alias,
    quantity: 1,
    fulfilment: { method: 'voucher', contactEmail: `${alias.toLowerCase()}@example.test` },
    idempotencyKey: randomUUID(),
    paymentMethod: 'pm_card_visa',
    ...(inviteCode ? { inviteCode } : {}),
  });
  expect(res.member.status).toBe('authorized');
  return res.member;
}

async function wonGroup(groupId: string) {
  return waitUntil(
    'the group to be won and settled',
    async () => {
      const [g] = await h.t.db.select().from(groups).where(eq(groups.id, groupId));
      const rows = await h.t.db.select().from(members).where(eq(members.groupId, groupId));
      return g?.status === 'won' && rows.every((r) => r.status === 'captured') ? g : null;
    },
    20_000,
  );
}

async function accountOf(merchantId: string): Promise<string> {
  const rows = await h.t.db.query.connectedAccounts.findFirst({
    where: (a, { eq: is }) => is(a.merchantId, merchantId),
  });
  if (!rows) throw new Error('no connected account');
  return rows.id;
}

describe("a shop's Stripe account", () => {
  it('must be onboarded before a deal is published, and a restricted one opens no new group', async () => {
    const m = await h.makeMerchant({ name: 'Late Shop', connected: false });
    const c = h.caller(m.user, m.merchantId);
    const deal = await c.deals.create({
      title: 'Kettle',
      currency: 'USD',
      listPrice: 5000,
      tiers: [{ minMembers: 2, unitPrice: 4000 }],
      windowSeconds: 86_400,
      fulfilment: VOUCHER_ONLY,
    });
    const refused = await rejection(c.deals.publish({ dealId: deal.id }));
    expect(refused.message).toMatch(/Connect your shop's Stripe account before you publish/);
    expect((await c.payouts.merchant()).account.connected).toBe(false);

    const started = await c.payouts.connect({ for: 'merchant' });
    expect(started).toEqual({ url: '/connect/demo?for=merchant', demo: true });
    const pending = (await c.payouts.merchant()).account;
    expect(pending).toMatchObject({ connected: true, chargesEnabled: false, payoutsEnabled: false });
    expect(pending.requirementsDue.length).toBeGreaterThan(0);
    expect((await rejection(c.deals.publish({ dealId: deal.id }))).message).toMatch(/Connect your shop/);

    const ready = await c.payouts.completeDemo({ for: 'merchant' });
    expect(ready).toMatchObject({ chargesEnabled: true, payoutsEnabled: true, requirementsDue: [] });
    expect((await c.deals.publish({ dealId: deal.id })).status).toBe('active');

    // Stripe asks for more later: the shop is told what, and no new group starts until it is given.
    const account = await accountOf(m.merchantId);
    await emulatorControl(h.emulatorUrl).setRequirements(account, ['external_account']);
    expect(await c.payouts.refresh({ for: 'merchant' })).toMatchObject({
      chargesEnabled: false,
      requirementsDue: ['external_account'],
    });
    const shopper = await h.makeUser({ anonymous: true });
    const closed = await rejection(h.caller(shopper).groups.open({ dealId: deal.id }));
    expect(closed.message).toMatch(/cannot take payments right now/);
  });
});

describe('a won group with an opener reward and a helper commission', () => {
  it('pays the shop, the platform and the helpers exactly what was captured, at Stripe and in the table', async () => {
    const shop = await h.makeMerchant({ name: 'Tea House' });
    const deal = await publishedDeal(shop, {
      openerReward: { minMembers: 3, percent: 100, cap: null },
      commissionBps: 1000,
      commissionHoldDays: 0,
    });
    const [ann, bea, cai, dan] = await Promise.all([1, 2, 3, 4].map(() => h.makeUser({ anonymous: true })));
    if (!ann || !bea || !cai || !dan) throw new Error('users');
    const opened = await h.caller(ann).groups.open({ dealId: deal.id });
    const a = await join(ann, opened.code, 'Ann');
    const b = await join(bea, opened.code, 'Bea', a.inviteCode); // brought by Ann
    const c = await join(cai, opened.code, 'Cai'); // the plain link: nobody earns
    const d = await join(dan, opened.code, 'Dan', b.inviteCode); // brought by Bea
    await h.caller(shop.user, shop.merchantId).merchantGroups.endNow({ groupId: opened.id });
    const g = await wonGroup(opened.id);
    expect(g.finalUnitPrice).toBe(1600);

    const rows = new Map(
      (await h.t.db.select().from(members).where(eq(members.groupId, opened.id))).map((r) => [r.id, r]),
    );
    // Ann opened and 4 joined (≥ 3): her $16.00 is free, so nothing is taken from her card.
    expect(rows.get(a.id)).toMatchObject({ chargeAmount: 0, rewardAmount: 1600, applicationFee: 0 });
    // Bea and Dan: $16.00, fee $0.80 + $0.30, commission $1.60 to whoever brought them. Cai: no commission.
    expect(rows.get(b.id)).toMatchObject({ chargeAmount: 1600, applicationFee: 270, commissionAmount: 160 });
    expect(rows.get(b.id)?.commissionUserId).toBe(ann.id);
    expect(rows.get(c.id)).toMatchObject({ chargeAmount: 1600, applicationFee: 110, commissionAmount: 0 });
    expect(rows.get(d.id)?.commissionUserId).toBe(bea.id);
    // Nobody else pays more for Ann's reward.
    for (const id of [b.id, c.id, d.id]) expect(rows.get(id)?.rewardAmount).toBe(0);

    // At Stripe: three destination charges to the shop's account, each transfer = charge − application fee.
    const account = await accountOf(shop.merchantId);
    const transfers = await stripe.transfers.list({ transfer_group: opened.id, limit: 100 });
    const toShop = transfers.data.filter((t) => t.destination === account);
    expect(toShop.map((t) => t.amount).sort()).toEqual([1330, 1330, 1490]);
    const fees = await stripe.applicationFees.list({ limit: 100 });
    const ours = fees.data.filter((f) => f.account === account);
    expect(ours.reduce((s, f) => s + f.amount, 0)).toBe(270 + 110 + 270);
    // Ann's hold was released, not captured.
    const annPi = await stripe.paymentIntents.retrieve(rows.get(a.id)?.paymentIntentId ?? '');
    expect(annPi.status).toBe('canceled');

    // The group's table: every cent accounted for.
    const money = await h.caller(shop.user, shop.merchantId).payouts.groupMoney({ groupId: opened.id });
    expect(money.totals).toEqual({
      captured: 4800,
      refunded: 0,
      reward: 1600,
      platformFee: 330,
      commission: 320,
      net: 4150,
    });
    expect(money.totals.platformFee + money.totals.commission + money.totals.net).toBe(
      money.totals.captured - money.totals.refunded,
    );
    expect(money.lines.find((l) => l.alias === 'Bea')).toMatchObject({ sharerAlias: 'Ann', commission: 160 });
    // The shop's balance at Stripe is its net.
    const balance = await stripe.balance.retrieve({}, { stripeAccount: account });
    expect(balance.available.find((x) => x.currency === 'usd')?.amount).toBe(4150);

    // Ann has no account yet: her commission waits for one, then is paid once she connects.
    const earnings = await h.caller(ann).payouts.myEarnings();
    expect(earnings.earnings).toMatchObject([{ buyerAlias: 'Bea', amount: 160, state: 'needs_account' }]);
    expect(earnings.rewards).toMatchObject([{ amount: 1600, currency: 'USD' }]);
    await h.caller(ann).payouts.connect({ for: 'sharer' });
    await h.caller(ann).payouts.completeDemo({ for: 'sharer' });
    const paid = await waitUntil(
      "Ann's commission to be paid",
      async () => {
        const e = await h.caller(ann).payouts.myEarnings();
        return e.earnings[0]?.state === 'paid' ? e.earnings[0] : null;
      },
      10_000,
    );
    expect(paid.amount).toBe(160);
    const annAccount = (
      await h.t.db.query.connectedAccounts.findFirst({
        where: (x, { eq: is }) => is(x.userId, ann.id),
      })
    )?.id;
    const toAnn = (await stripe.transfers.list({ destination: annAccount ?? '', limit: 10 })).data;
    expect(toAnn).toMatchObject([{ amount: 160, transfer_group: opened.id }]);

    // Refunds: half of Dan's charge, then all of Bea's (whose commission was already paid to Ann).
    const merchantCaller = h.caller(shop.user, shop.merchantId);
    await merchantCaller.merchantGroups.refundMember({ memberId: d.id, amount: 800 });
    await merchantCaller.merchantGroups.refundMember({ memberId: b.id, amount: 1600 });
    const [dan2] = await h.t.db.select().from(members).where(eq(members.id, d.id));
    // $2.70 fee on $16.00; half refunded: $1.35 of the fee back, $6.65 from the shop's transfer.
    expect(dan2).toMatchObject({ refundedAmount: 800, feeRefunded: 135 });
    const reversedAnn = await waitUntil(
      "Ann's commission taken back",
      async () => {
        const [row] = await h.t.db.select().from(commissions).where(eq(commissions.memberId, b.id));
        return row && row.reversedAmount === 160 ? row : null;
      },
      10_000,
    );
    expect(reversedAnn.paidAmount).toBe(160);
    const after = await merchantCaller.payouts.groupMoney({ groupId: opened.id });
    expect(after.totals.refunded).toBe(2400);
    expect(after.totals.platformFee + after.totals.commission + after.totals.net).toBe(
      after.totals.captured - after.totals.refunded,
    );
    // Bea's commission on Dan is now owed on the half Dan kept.
    expect(after.lines.find((l) => l.alias === 'Dan')?.commission).toBe(80);
    const shopBalance = await stripe.balance.retrieve({}, { stripeAccount: account });
    expect(shopBalance.available.find((x) => x.currency === 'usd')?.amount).toBe(after.totals.net);
  });
});

describe('referrals that earn nothing', () => {
  it('a self-referral, an invite loop and the shop’s own people', async () => {
    const shop = await h.makeMerchant({ name: 'Loop Shop' });
    const deal = await publishedDeal(shop, { commissionBps: 1000 });
    const [x, y] = await Promise.all([1, 2].map(() => h.makeUser({ anonymous: true })));
    if (!x || !y) throw new Error('users');
    const opened = await h.caller(x).groups.open({ dealId: deal.id });
    const mx = await join(x, opened.code, 'Xia');
    const my = await join(y, opened.code, 'Yun', mx.inviteCode);
    const g = { commissionBps: 1000, dealId: deal.id };
    const rowOf = async (id: string) => {
      const [r] = await h.t.db.select().from(members).where(eq(members.id, id));
      if (!r) throw new Error('member');
      return r;
    };
    // Yun came by Xia's link: Xia earns.
    expect(await commissionEarner(h.t.db, await rowOf(my.id), g)).toEqual({ userId: x.id, memberId: mx.id });
    // A loop: Xia's own membership brought in by Yun, who was brought by Xia: nobody earns.
    await h.t.db.update(members).set({ invitedByMemberId: my.id }).where(eq(members.id, mx.id));
    expect(await commissionEarner(h.t.db, await rowOf(my.id), g)).toBeNull();
    // A self-referral: the buyer's own link.
    await h.t.db.update(members).set({ invitedByMemberId: mx.id }).where(eq(members.id, mx.id));
    expect(await commissionEarner(h.t.db, await rowOf(mx.id), g)).toBeNull();
    // The shop's own people earn nothing from its deals.
    await h.t.db.update(members).set({ invitedByMemberId: null }).where(eq(members.id, mx.id));
    await h.t.db.update(members).set({ userId: shop.user.id }).where(eq(members.id, mx.id));
    expect(await commissionEarner(h.t.db, await rowOf(my.id), g)).toBeNull();
    // A deal without a commission pays none.
    expect(await commissionEarner(h.t.db, await rowOf(my.id), { ...g, commissionBps: 0 })).toBeNull();
  });
});

describe('a payment due after a refused capture', () => {
  it('is fixed by a destination charge with the same fee, and its commission is recorded once paid', async () => {
    const shop = await h.makeMerchant({ name: 'Fix Shop' });
    const deal = await publishedDeal(shop, { commissionBps: 1000, commissionHoldDays: 30 });
    const [ann, bea] = await Promise.all([1, 2].map(() => h.makeUser({ anonymous: true })));
    if (!ann || !bea) throw new Error('users');
    const opened = await h.caller(ann).groups.open({ dealId: deal.id });
    const a = await join(ann, opened.code, 'Ann');
    const b = await join(bea, opened.code, 'Bea', a.inviteCode);
    const [bRow] = await h.t.db.select().from(members).where(eq(members.id, b.id));
    await emulatorControl(h.emulatorUrl).injectFault({
      path: `/v1/payment_intents/${bRow?.paymentIntentId ?? ''}/capture`,
      status: 402,
      declineCode: 'expired_card',
    });
    await h.caller(shop.user, shop.merchantId).merchantGroups.endNow({ groupId: opened.id });
    const due = await waitUntil(
      "Bea's payment due",
      async () => {
        const [r] = await h.t.db.select().from(members).where(eq(members.id, b.id));
        return r?.status === 'payment_due' ? r : null;
      },
      10_000,
    );
    // $20.00 at the 2-member price: $1.00 + $0.30 fee and $2.00 commission, planned at close.
    expect(due).toMatchObject({ applicationFee: 330, commissionAmount: 200, commissionUserId: ann.id });
    const token = fixLinkToken(b.id, due.dueUntil ?? new Date());
    expect(await h.caller(null).recovery.pay({ token, paymentMethod: 'pm_card_visa' })).toEqual({
      status: 'paid',
      amount: 2000,
    });
    const [paid] = await h.t.db.select().from(members).where(eq(members.id, b.id));
    const pi = await stripe.paymentIntents.retrieve(paid?.paymentIntentId ?? '', {
      expand: ['latest_charge'],
    });
    const charge = pi.latest_charge as Stripe.Charge;
    const account = await accountOf(shop.merchantId);
    expect(charge.transfer_data?.destination).toBe(account);
    expect(charge.application_fee_amount).toBe(330);
    const [c] = await h.t.db.select().from(commissions).where(eq(commissions.memberId, b.id));
    expect(c).toMatchObject({ sharerUserId: ann.id, amount: 200, status: 'pending' });
  });
});
