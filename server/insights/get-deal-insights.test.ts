import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '@/test/harness';
import { seedDeal, seedGroup, seedMember, seedVisits } from '@/server/merchant-console/seed-console-history';
import { commissions, visits } from '@/db/schema';
import { getDealInsights } from './get-deal-insights';

let h: Harness;
let merchantId: string;
let otherMerchantId: string;
let dealId: string;

const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 2, d, hour));

beforeAll(async () => {
  h = await createHarness();
  merchantId = (await h.makeMerchant({ name: 'Tea House' })).merchantId;
  otherMerchantId = (await h.makeMerchant({ name: 'Other Shop' })).merchantId;
  const db = h.t.db;
  // List $10.00; $8.00 from 2 people, $6.00 from 4.
  const deal = await seedDeal(db, merchantId);
  dealId = deal.id;

  const won = await seedGroup(db, deal, {
    status: 'won',
    finalUnitPrice: 600,
    confirmedCount: 0,
    seatsTaken: 0,
  });
  await seedMember(db, won.id, {
    userId: (await h.makeUser()).id,
    quantity: 1,
    unitPriceAtJoin: 800,
    holdAmount: 800,
    status: 'captured',
    chargeAmount: 600,
    refundedAmount: 100,
    channel: 'whatsapp',
    authorizedAt: day(1),
  });
  await seedMember(db, won.id, {
    userId: (await h.makeUser()).id,
    quantity: 2,
    unitPriceAtJoin: 800,
    holdAmount: 1600,
    status: 'captured',
    chargeAmount: 1200,
    channel: 'whatsapp',
    authorizedAt: day(1, 13),
  });
  await seedMember(db, won.id, {
    userId: (await h.makeUser()).id,
    quantity: 1,
    unitPriceAtJoin: 600,
    holdAmount: 600,
    status: 'captured',
    chargeAmount: 600,
    channel: 'telegram',
    authorizedAt: day(3),
  });
  // Capture failed: joined (counts in size and channels) but no revenue or savings.
  await seedMember(db, won.id, {
    userId: (await h.makeUser()).id,
    quantity: 1,
    unitPriceAtJoin: 600,
    holdAmount: 600,
    status: 'failed',
    channel: null,
    authorizedAt: day(3, 14),
  });
  // Left before close: not a join.
  await seedMember(db, won.id, {
    userId: (await h.makeUser()).id,
    quantity: 1,
    unitPriceAtJoin: 800,
    holdAmount: 800,
    status: 'left',
    channel: 'whatsapp',
    authorizedAt: day(2),
  });

  const failed = await seedGroup(db, deal, { status: 'failed' });
  await seedMember(db, failed.id, {
    userId: (await h.makeUser()).id,
    quantity: 1,
    unitPriceAtJoin: 800,
    holdAmount: 800,
    status: 'released',
    channel: 'telegram',
    authorizedAt: day(2),
  });
  // Never got a hold: not a join.
  await seedMember(db, failed.id, {
    userId: (await h.makeUser()).id,
    quantity: 1,
    unitPriceAtJoin: 800,
    holdAmount: 800,
    status: 'expired',
    channel: 'telegram',
  });

  const open = await seedGroup(db, deal, { status: 'open', seatsTaken: 1, confirmedCount: 1 });
  await seedMember(db, open.id, {
    userId: (await h.makeUser()).id,
    quantity: 1,
    unitPriceAtJoin: 800,
    holdAmount: 800,
    status: 'authorized',
    channel: 'wechat',
    authorizedAt: day(5),
  });

  const canceled = await seedGroup(db, deal, { status: 'canceled' });
  await seedMember(db, canceled.id, {
    userId: (await h.makeUser()).id,
    quantity: 1,
    unitPriceAtJoin: 800,
    holdAmount: 800,
    status: 'released',
    channel: 'direct',
    authorizedAt: day(1, 15),
  });

  await seedVisits(db, deal.id, 'whatsapp', 10);
  await seedVisits(db, deal.id, 'telegram', 4);
  await seedVisits(db, deal.id, 'direct', 3);
  await seedVisits(db, deal.id, 'sms', 2);

  // Another merchant's deal with its own history must not leak into these figures.
  const other = await seedDeal(db, otherMerchantId);
  const otherWon = await seedGroup(db, other, { status: 'won', finalUnitPrice: 800 });
  await seedMember(db, otherWon.id, {
    userId: (await h.makeUser()).id,
    quantity: 3,
    unitPriceAtJoin: 800,
    holdAmount: 2400,
    status: 'captured',
    chargeAmount: 2400,
    channel: 'whatsapp',
    authorizedAt: day(1),
  });
  await seedVisits(db, other.id, 'whatsapp', 100);
});

afterAll(async () => h?.close());

describe('deal insights', () => {
  it('match the seeded history exactly', async () => {
    const i = await getDealInsights(h.deps, merchantId, dealId);
    expect(i.groups).toEqual({ opened: 4, open: 1, won: 1, failed: 1, canceled: 1 });
    // Closed groups: won (4 joins: 3 captured + 1 failed capture) and failed (1 released) → 5 / 2.
    expect(i.averageGroupSize).toBe(2.5);
    // Captured 6.00 + 12.00 + 6.00; savings (10 − 6) + (20 − 12) + (10 − 6) dollars.
    expect(i.money).toEqual([
      { currency: 'USD', revenueCaptured: 2400, refunded: 100, netRevenue: 2300, savingsGiven: 1600 },
    ]);
    expect(i.channels).toEqual([
      { channel: 'whatsapp', visits: 10, joins: 2, conversionPercent: 20 },
      { channel: 'telegram', visits: 4, joins: 2, conversionPercent: 50 },
      { channel: 'direct', visits: 3, joins: 2, conversionPercent: 66 },
      { channel: 'wechat', visits: 0, joins: 1, conversionPercent: null },
      { channel: 'sms', visits: 2, joins: 0, conversionPercent: 0 },
    ]);
    expect(i.joinsByDay).toEqual([
      { day: '2026-03-01', joins: 3 },
      { day: '2026-03-02', joins: 1 },
      { day: '2026-03-03', joins: 2 },
      { day: '2026-03-04', joins: 0 },
      { day: '2026-03-05', joins: 1 },
    ]);
  });

  it('are empty, not made up, for a deal with no groups yet', async () => {
    const fresh = await seedDeal(h.t.db, merchantId);
    const i = await getDealInsights(h.deps, merchantId, fresh.id);
    expect(i).toEqual({
      groups: { opened: 0, open: 0, won: 0, failed: 0, canceled: 0 },
      averageGroupSize: null,
      money: [],
      channels: [],
      joinsByDay: [],
      commissions: [],
    });
  });

  it('count a visitor once per group and day, however often they reload', async () => {
    const db = h.t.db;
    const fresh = await seedDeal(db, merchantId);
    const g = await seedGroup(db, fresh, { status: 'open' });
    const visit = (visitorKey: string, createdAt: Date) =>
      db
        .insert(visits)
        .values({ dealId: fresh.id, groupId: g.id, channel: 'whatsapp', visitorKey, createdAt });
    for (let i = 0; i < 5; i++) await visit('anon:reloader', day(1, 9 + i)); // five reloads on one day
    await visit('anon:reloader', day(2)); // back the next day
    await visit('member:someone', day(1)); // somebody else
    const i = await getDealInsights(h.deps, merchantId, fresh.id);
    expect(i.channels).toEqual([{ channel: 'whatsapp', visits: 3, joins: 0, conversionPercent: 0 }]);
  });

  it('are not found for another merchant, through the API too', async () => {
    await expect(getDealInsights(h.deps, otherMerchantId, dealId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const other = await h.makeMerchant();
    await expect(h.caller(other.user, other.merchantId).console.insights({ dealId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('sum what helper-sellers earned, were paid and are owed, after refunds, by alias only', async () => {
    const db = h.t.db;
    const fresh = await seedDeal(db, merchantId);
    const g = await seedGroup(db, fresh, { status: 'won', finalUnitPrice: 1000 });
    const member = async (alias: string, o: { charge: number; refunded?: number; fee?: number }) =>
      seedMember(db, g.id, {
        alias,
        userId: (await h.makeUser()).id,
        quantity: 1,
        unitPriceAtJoin: 1000,
        holdAmount: 1000,
        status: 'captured',
        chargeAmount: o.charge,
        refundedAmount: o.refunded ?? 0,
        // The application fee is Flock's fee (80) + the commission (100); a refund takes back its share.
        applicationFee: 180,
        feeRefunded: o.fee ?? 0,
        authorizedAt: day(1),
      });
    const sam = await member('Sam', { charge: 1000 });
    const kim = await member('Kim', { charge: 1000 });
    const owe = async (
      buyer: { id: string },
      sharer: { id: string; userId: string | null },
      o: { amount: number; status: 'pending' | 'paid' | 'void'; paid?: number },
    ) => {
      if (!sharer.userId) throw new Error('sharer without a user');
      await db.insert(commissions).values({
        memberId: buyer.id,
        groupId: g.id,
        dealId: fresh.id,
        sharerUserId: sharer.userId,
        sharerMemberId: sharer.id,
        currency: 'USD',
        amount: o.amount,
        status: o.status,
        paidAmount: o.paid ?? 0,
        payableAt: day(15),
      });
    };
    // Sam brought three: one paid in full, one half refunded (half the commission still owed, waiting),
    // one refunded in full (void: nothing earned). Kim brought one, in the refund window.
    await owe(await member('Ana', { charge: 1000 }), sam, { amount: 100, status: 'paid', paid: 100 });
    await owe(await member('Bo', { charge: 1000, refunded: 500, fee: 90 }), sam, {
      amount: 100,
      status: 'pending',
    });
    await owe(await member('Cy', { charge: 1000, refunded: 1000, fee: 180 }), sam, {
      amount: 100,
      status: 'void',
    });
    await owe(await member('Di', { charge: 300 }), kim, { amount: 30, status: 'pending' });

    const i = await getDealInsights(h.deps, merchantId, fresh.id);
    expect(i.commissions).toEqual([
      {
        currency: 'USD',
        earned: 180,
        paid: 100,
        waiting: 80,
        sharers: [
          { alias: 'Sam', earned: 150, buyers: 2 },
          { alias: 'Kim', earned: 30, buyers: 1 },
        ],
      },
    ]);
    // Nothing in the answer names a person other than by alias.
    expect(JSON.stringify(i.commissions)).not.toMatch(/user|@/i);
  });
});
