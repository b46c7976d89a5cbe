import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { deals, events, groups, members, merchants, orders } from '@/db/schema';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import type { SessionUser } from '@/server/auth/session-user';
import { closeGroup } from '@/server/groups/close-group';
import { waitForGroupStatus } from '@/server/groups/close-test-factory';
import { refundMember } from '@/server/groups/refund-member';
import { makeGroup } from '@/server/groups/test-factory';
import type { WorkerHandle } from '@/server/jobs/worker';
import { startAppWorker } from '@/server/tasks';
import { DomainError } from '@/server/errors';
import { markDelivered, markReady, markShipped, pickUp, redeem } from './move-order';
import { createHarness, type Harness } from '@/test/harness';
import { emulatorControl } from '@/tools/stripe-emulator/index';

let h: Harness;
let worker: WorkerHandle;

beforeAll(async () => {
  h = await createHarness();
  worker = await startAppWorker(h.deps, { pollInterval: 200 });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

const OPTIONS: FulfilmentOptions = {
  shipping: { countries: ['US', 'JP'], pricing: 'per_unit', price: 250, dispatchDays: 3 },
  pickup: {
    points: [
      {
        id: 'shop',
        name: 'The shop',
        address: '1 Main St',
        hours: 'Mon–Fri 10–19',
        windowDays: 7,
        capacity: 1,
      },
      { id: 'depot', name: 'Depot', address: '9 Side St', hours: 'Sat 9–12', windowDays: 3, capacity: null },
    ],
  },
  voucher: { validUntil: '2099-12-31', instructions: 'Show the code.' },
};

const US_ADDRESS = {
  countryCode: 'US',
  name: 'Ana Diaz',
  streetAddress: '1600 Amphitheatre Pkwy',
  city: 'Mountain View',
  countryArea: 'CA',
  postalCode: '94043',
};

type Choice = Record<string, unknown>;

async function join(code: string, u: SessionUser, fulfilment: Choice, quantity = 1) {
  return h.caller(u).groups.join({
    code,
    alias: `Buyer ${u.id.slice(0, 4)}`,
    quantity,
    idempotencyKey: randomUUID(),
    paymentMethod: 'pm_card_visa',
    fulfilment: fulfilment as never,
  });
}

async function refused(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof DomainError ? err.cause : err;
    if (cause instanceof DomainError) return cause;
    throw err;
  }
  throw new Error('expected a refusal');
}

async function orderOf(memberId: string) {
  const [o] = await h.t.db.select().from(orders).where(eq(orders.memberId, memberId));
  return o;
}

describe('joining with an order', () => {
  it('ships: the hold covers goods and shipping; the close captures min(final, joined) × quantity + shipping', async () => {
    const { code, groupId } = await makeGroup(h.deps, {
      fulfilment: OPTIONS,
      tiers: [
        { minMembers: 1, unitPrice: 1500 },
        { minMembers: 2, unitPrice: 1200 },
      ],
    });
    const a = await h.makeUser({ anonymous: true });
    const b = await h.makeUser({ anonymous: true });
    const ra = await join(
      code,
      a,
      { method: 'shipping', contactEmail: 'ana@example.test', address: US_ADDRESS },
      2,
    );
    // 15.00 × 2 + 2.50 × 2 shipping
    expect(ra.member.holdAmount).toBe(3500);
    const rb = await join(code, b, { method: 'voucher', contactEmail: 'ben@example.test' });
    // Shown 15.00 when joining (one confirmed member): held 15.00, charged the final 12.00.
    expect(rb.member.holdAmount).toBe(1500);
    const rc = await join(code, await h.makeUser({ anonymous: true }), {
      method: 'pickup',
      contactEmail: 'cy@example.test',
      pickupPointId: 'depot',
    });
    expect((await orderOf(rc.member.id))?.pickupCode).toBeNull();
    const oa = await orderOf(ra.member.id);
    expect(oa).toMatchObject({ method: 'shipping', status: 'pending', contactEmail: 'ana@example.test' });
    expect(oa?.address).toMatchObject({ countryCode: 'US', countryArea: 'CA', postalCode: '94043' });
    const [ma] = await h.t.db.select().from(members).where(eq(members.id, ra.member.id));
    expect(ma?.shippingAmount).toBe(500);

    await closeGroup(h.deps, groupId, 'merchant');
    expect(await waitForGroupStatus(h.deps, groupId, ['won', 'failed'])).toBe('won');
    const pis = await emulatorControl(h.emulatorUrl).listPaymentIntents();
    const pa = pis.find((p) => p.id === ma?.paymentIntentId);
    // The hold the emulator was asked for: goods at the price shown plus shipping.
    expect(pa?.amount).toBe(3500);
    // final 12.00 × 2 + 5.00 shipping, captured once
    expect(pa).toMatchObject({ status: 'succeeded', amount_received: 2900 });
    expect((await orderOf(ra.member.id))?.status).toBe('to_fulfil');
    const ob = await orderOf(rb.member.id);
    expect(ob?.status).toBe('issued');
    expect(ob?.voucherCode).toMatch(/^[0-9A-Z]{10}$/);
    const oc = await orderOf(rc.member.id);
    expect(oc).toMatchObject({ status: 'to_fulfil', pickupPointId: 'depot' });
    expect(oc?.pickupCode).toMatch(/^[0-9A-Z]{10}$/);
    expect(oc?.pickupCode).not.toBe(ob?.voucherCode);

    // The receipt the buyer reads.
    const mine = await h.caller(a).orders.mine({ memberId: ra.member.id });
    expect(mine.receipt).toEqual({
      unitPrice: 1200,
      saving: 1600,
      shipping: 500,
      held: null,
      charged: 2900,
      paid: null,
      refunded: 0,
    });
    expect(mine.order.status).toBe('to_fulfil');

    // A change after the close is refused with the shop's contact.
    const late = await refused(
      h.caller(a).orders.update({ memberId: ra.member.id, phone: '+1 650 555 0100' }),
    );
    expect(late.refusal.key).toBe('order.changeAfterClose');
    expect(late.message).toMatch(/Contact the shop at .+@/);
  });

  it('refuses a country the deal does not ship to, listing where it ships, and bad addresses per field', async () => {
    const { code } = await makeGroup(h.deps, { fulfilment: OPTIONS });
    const u = await h.makeUser({ anonymous: true });
    const fr = await refused(
      join(code, u, {
        method: 'shipping',
        contactEmail: 'x@example.test',
        address: { ...US_ADDRESS, countryCode: 'FR', postalCode: '75001', countryArea: undefined },
      }),
    );
    expect(fr.message).toBe('This deal ships only to United States and Japan.');
    expect(fr.fieldRefusals?.['fulfilment.address.countryCode']).toBeDefined();

    const bad = await refused(
      join(code, u, {
        method: 'shipping',
        contactEmail: 'x@example.test',
        address: { ...US_ADDRESS, postalCode: '1234' },
      }),
    );
    expect(bad.fields).toEqual({
      'fulfilment.address.postalCode': expect.stringMatching(
        /^This postal code is not valid for this country/,
      ),
    });
    const jp = await refused(
      join(code, u, {
        method: 'shipping',
        contactEmail: 'x@example.test',
        address: { countryCode: 'JP', name: '山田', streetAddress: '1-2-3', postalCode: '150-0001' },
      }),
    );
    expect(Object.keys(jp.fields ?? {})).toEqual(['fulfilment.address.countryArea']);

    await expect(join(code, u, { method: 'voucher', contactEmail: 'not-an-email' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    // Nothing was reserved or held for any of these.
    const rows = await h.t.db.select().from(members).where(eq(members.userId, u.id));
    expect(rows).toEqual([]);
  });

  it('refuses to join a deal that has no fulfilment option', async () => {
    const { code } = await makeGroup(h.deps, { fulfilment: { shipping: null, pickup: null, voucher: null } });
    const r = await refused(
      join(code, await h.makeUser({ anonymous: true }), {
        method: 'voucher',
        contactEmail: 'x@example.test',
      }),
    );
    expect(r.message).toBe(
      'This shop has not yet said how its goods reach buyers, so this deal cannot be joined yet.',
    );
  });

  it('counts a pickup point’s places across the deal: two joins race for the last one and one gets it', async () => {
    const { code, dealId } = await makeGroup(h.deps, { fulfilment: OPTIONS });
    const users = await Promise.all([1, 2].map(() => h.makeUser({ anonymous: true })));
    const results = await Promise.allSettled(
      users.map((u) =>
        join(code, u, { method: 'pickup', contactEmail: 'p@example.test', pickupPointId: 'shop' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    const err = loser?.status === 'rejected' ? (loser.reason as Error & { cause?: unknown }) : null;
    expect(err?.cause instanceof DomainError ? err.cause.refusal.key : null).toBe('order.pickupPointFull');
    // A point without a capacity takes everyone.
    const third = await join(code, await h.makeUser({ anonymous: true }), {
      method: 'pickup',
      contactEmail: 'p@example.test',
      pickupPointId: 'depot',
    });
    expect((await orderOf(third.member.id))?.pickupPointId).toBe('depot');
    expect(dealId).toBeDefined();
  });

  it('lets the buyer change the address or pickup point while open; the hold stays as shown', async () => {
    const { code } = await makeGroup(h.deps, { fulfilment: OPTIONS });
    const u = await h.makeUser({ anonymous: true });
    const r = await join(code, u, {
      method: 'shipping',
      contactEmail: 'c@example.test',
      address: US_ADDRESS,
    });
    const changed = await h.caller(u).orders.update({
      memberId: r.member.id,
      address: {
        countryCode: 'JP',
        name: '山田花子',
        streetAddress: '道玄坂1-2-3',
        countryArea: 'Tokyo',
        postalCode: '150-0043',
      },
      phone: '+81 3-1234-5678',
    });
    expect(changed.address).toMatchObject({ countryCode: 'JP', countryArea: '東京都' });
    expect(changed.phone).toBe('+81 3-1234-5678');
    const [m] = await h.t.db.select().from(members).where(eq(members.id, r.member.id));
    expect(m?.holdAmount).toBe(r.member.holdAmount);
    const wrong = await refused(h.caller(u).orders.update({ memberId: r.member.id, pickupPointId: 'depot' }));
    expect(wrong.refusal.key).toBe('order.notPickup');
    const evts = await h.t.db.select().from(events).where(eq(events.memberId, r.member.id));
    expect(evts.map((e) => e.type)).toEqual(expect.arrayContaining(['order.placed', 'order.updated']));
  });

  it('voids the orders of a group that failed, and of a member who left', async () => {
    const { code, groupId } = await makeGroup(h.deps, {
      fulfilment: OPTIONS,
      tiers: [{ minMembers: 3, unitPrice: 1000 }],
    });
    const a = await h.makeUser({ anonymous: true });
    const b = await h.makeUser({ anonymous: true });
    const ra = await join(code, a, {
      method: 'pickup',
      contactEmail: 'a@example.test',
      pickupPointId: 'depot',
    });
    const rb = await join(code, b, { method: 'voucher', contactEmail: 'b@example.test' });
    await h.caller(b).groups.leave({ memberId: rb.member.id });
    expect((await orderOf(rb.member.id))?.status).toBe('void');
    await closeGroup(h.deps, groupId, 'merchant');
    expect(await waitForGroupStatus(h.deps, groupId, ['won', 'failed'])).toBe('failed');
    const oa = await orderOf(ra.member.id);
    expect(oa).toMatchObject({ status: 'void', pickupCode: null });
  });

  it('a full refund, shipping included, voids the order; a refund above the charge is refused', async () => {
    const { code, groupId } = await makeGroup(h.deps, {
      fulfilment: OPTIONS,
      tiers: [{ minMembers: 1, unitPrice: 1000 }],
    });
    const u = await h.makeUser({ anonymous: true });
    const r = await join(code, u, {
      method: 'shipping',
      contactEmail: 'r@example.test',
      address: US_ADDRESS,
    });
    await closeGroup(h.deps, groupId, 'merchant');
    expect(await waitForGroupStatus(h.deps, groupId, ['won'])).toBe('won');
    const [m] = await h.t.db.select().from(members).where(eq(members.id, r.member.id));
    expect(m?.chargeAmount).toBe(1250);
    const [own] = await h.t.db
      .select({ merchantId: deals.merchantId })
      .from(groups)
      .innerJoin(deals, eq(deals.id, groups.dealId))
      .where(eq(groups.id, groupId));
    const merchantId = own?.merchantId ?? '';
    const over = await refused(refundMember(h.deps, { merchantId, memberId: r.member.id, amount: 1251 }));
    expect(over.code).toBe('INVALID_INPUT');
    await refundMember(h.deps, { merchantId, memberId: r.member.id, amount: 1000 });
    expect((await orderOf(r.member.id))?.status).toBe('to_fulfil');
    await refundMember(h.deps, { merchantId, memberId: r.member.id, amount: 250 });
    expect((await orderOf(r.member.id))?.status).toBe('void');
  });
});

describe('privacy of contact and delivery details', () => {
  it('no response a non-owner can reach carries an e-mail, phone or address', async () => {
    const { code, dealId } = await makeGroup(h.deps, { fulfilment: OPTIONS });
    const owner = await h.makeUser({ anonymous: true });
    const other = await h.makeUser({ anonymous: true });
    const r = await join(code, owner, {
      method: 'shipping',
      contactEmail: 'secret-mail@example.test',
      phone: '+1 650 555 0199',
      address: { ...US_ADDRESS, streetAddress: '42 Secret Lane' },
    });
    await join(code, other, { method: 'voucher', contactEmail: 'other@example.test' });
    const [deal] = await h.t.db.select({ slug: deals.slug }).from(deals).where(eq(deals.id, dealId));
    const secrets = ['secret-mail@example.test', '555 0199', '42 Secret Lane', 'Ana Diaz', '94043'];
    const seen = [
      await h.caller(null).groups.snapshot({ code }),
      await h.caller(other).groups.snapshot({ code }),
      await h.caller(null).groups.aboutToFill({ dealId }),
      await h.caller(other).groups.mine(),
      await h.caller(null).deals.bySlug({ slug: deal?.slug ?? '' }),
    ];
    for (const s of seen) {
      const text = JSON.stringify(s);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    // Another member's order is not found, not forbidden (its existence is not confirmed either).
    const stranger = await refused(h.caller(other).orders.mine({ memberId: r.member.id }));
    expect(stranger.code).toBe('NOT_FOUND');
    const change = await refused(h.caller(other).orders.update({ memberId: r.member.id, phone: '' }));
    expect(change.code).toBe('NOT_FOUND');
    // Order events (they reach live streams) name no contact or address.
    const evts = await h.t.db.select().from(events).where(eq(events.memberId, r.member.id));
    for (const secret of secrets) expect(JSON.stringify(evts)).not.toContain(secret);
  });
});

describe('the merchant moves orders after the win', () => {
  it('ships, delivers, readies, hands over and redeems once; refuses others’ orders and second scans', async () => {
    const { code, groupId } = await makeGroup(h.deps, {
      fulfilment: OPTIONS,
      tiers: [{ minMembers: 1, unitPrice: 1000 }],
    });
    const ship = await join(code, await h.makeUser({ anonymous: true }), {
      method: 'shipping',
      contactEmail: 's@example.test',
      address: US_ADDRESS,
    });
    const pick = await join(code, await h.makeUser({ anonymous: true }), {
      method: 'pickup',
      contactEmail: 'p@example.test',
      pickupPointId: 'depot',
    });
    const vouch = await join(code, await h.makeUser({ anonymous: true }), {
      method: 'voucher',
      contactEmail: 'v@example.test',
    });
    // Before the win there is nothing to move.
    const [own] = await h.t.db
      .select({ merchantId: deals.merchantId, userId: merchants.userId })
      .from(groups)
      .innerJoin(deals, eq(deals.id, groups.dealId))
      .innerJoin(merchants, eq(merchants.id, deals.merchantId))
      .where(eq(groups.id, groupId));
    const actor = { merchantId: own?.merchantId ?? '', userId: own?.userId ?? '' };
    const so = await orderOf(ship.member.id);
    const tracking = { carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://ups.example/1Z999' };
    expect((await refused(markShipped(h.deps, actor, [so?.id ?? ''], tracking))).code).toBe('NOT_FOUND');

    await closeGroup(h.deps, groupId, 'merchant');
    expect(await waitForGroupStatus(h.deps, groupId, ['won'])).toBe('won');
    const stranger = await h.makeMerchant({ name: 'Other Shop' });
    const other = { merchantId: stranger.merchantId, userId: stranger.user.id };
    expect((await refused(markShipped(h.deps, other, [so?.id ?? ''], tracking))).code).toBe('NOT_FOUND');
    const badUrl = await refused(
      markShipped(h.deps, actor, [so?.id ?? ''], { ...tracking, trackingUrl: 'ftp://x' }),
    );
    expect(badUrl.refusal.key).toBe('order.trackingUrlInvalid');

    expect(await markShipped(h.deps, actor, [so?.id ?? ''], tracking)).toEqual({ moved: 1 });
    expect(await markShipped(h.deps, actor, [so?.id ?? ''], tracking)).toEqual({ moved: 0 });
    expect(await orderOf(ship.member.id)).toMatchObject({
      status: 'shipped',
      carrier: 'UPS',
      trackingNumber: '1Z999',
    });
    expect(await markDelivered(h.deps, actor, [so?.id ?? ''])).toEqual({ moved: 1 });
    const late = await refused(markReady(h.deps, actor, [so?.id ?? '']));
    expect(late.message).toBe(
      `Order ${so?.number ?? ''} is delivered, so it cannot be marked ready for pickup.`,
    );

    const po = await orderOf(pick.member.id);
    expect(await markReady(h.deps, actor, [po?.id ?? ''])).toEqual({ moved: 1 });
    expect((await refused(pickUp(h.deps, actor, 'ZZZZZZZZZZ'))).refusal.key).toBe('order.codeUnknown');
    expect((await refused(pickUp(h.deps, other, po?.pickupCode ?? ''))).refusal.key).toBe(
      'order.codeOtherShop',
    );
    const picked = await pickUp(h.deps, actor, (po?.pickupCode ?? '').toLowerCase());
    expect(picked).toMatchObject({ status: 'picked_up', handedOverBy: actor.userId });
    const again = await refused(pickUp(h.deps, actor, po?.pickupCode ?? ''));
    expect(again.message).toMatch(/^Already picked up: .+, handed over by Merchant\.$/);

    const vo = await orderOf(vouch.member.id);
    // A voucher code is not a pickup code.
    expect((await refused(pickUp(h.deps, actor, vo?.voucherCode ?? ''))).refusal.key).toBe(
      'order.codeUnknown',
    );
    expect(await redeem(h.deps, actor, vo?.voucherCode ?? '')).toMatchObject({ status: 'redeemed' });
    expect((await refused(redeem(h.deps, actor, vo?.voucherCode ?? ''))).refusal.key).toBe(
      'order.alreadyRedeemed',
    );

    const types = (await h.t.db.select().from(events).where(eq(events.groupId, groupId))).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'order.shipped',
        'order.delivered',
        'order.ready',
        'order.picked_up',
        'order.redeemed',
      ]),
    );
  });
});
