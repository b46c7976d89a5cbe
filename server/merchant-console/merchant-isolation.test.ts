import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '@/test/harness';
import { getGroupForMerchantOrThrow } from './get-group-for-merchant';
import { listDealGroups } from './list-deal-groups';
import { membersCsv } from './members-csv';
import { seedGroup, seedMember } from './seed-console-history';
import { deals, groups, members } from '@/db/schema';
import { eq } from 'drizzle-orm';

let h: Harness;
let owner: Awaited<ReturnType<Harness['makeMerchant']>>;
let stranger: Awaited<ReturnType<Harness['makeMerchant']>>;
let dealId: string;
let groupId: string;
let buyerEmail: string;
let anaId: string;
let openGroupId: string;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.makeMerchant({ name: 'Owner Bakery' });
  stranger = await h.makeMerchant({ name: 'Nosy Shop' });
  const api = h.caller(owner.user, owner.merchantId);
  const created = await api.deals.create({
    title: 'Sourdough box',
    currency: 'USD',
    listPrice: 2000,
    tiers: [
      { minMembers: 2, unitPrice: 1500 },
      { minMembers: 5, unitPrice: 1200 },
    ],
    windowSeconds: 86_400,
    maxMembers: 20,
    qrCutoff: 20,
  });
  dealId = created.id;
  const [deal] = await h.t.db.select().from(deals).where(eq(deals.id, dealId));
  if (!deal) throw new Error('deal missing');
  const group = await seedGroup(h.t.db, deal, { status: 'won', finalUnitPrice: 1500 });
  groupId = group.id;
  const buyer = await h.makeUser({ email: 'ana@example.test' });
  buyerEmail = buyer.email;
  const guest = await h.makeUser({ anonymous: true });
  // Ana's charge is real at the Stripe emulator: $30.00 held and captured, so refunds move real (test) money.
  const ana = await seedMember(h.t.db, group.id, {
    userId: buyer.id,
    alias: 'Ana',
    quantity: 2,
    unitPriceAtJoin: 1500,
    holdAmount: 3000,
    status: 'captured',
    chargeAmount: 3000,
    refundedAmount: 500,
    channel: 'whatsapp',
    authorizedAt: new Date(),
  });
  anaId = ana.id;
  const held = await h.deps.payments.authorize({
    memberId: ana.id,
    amount: 3000,
    currency: 'usd',
    paymentMethod: 'pm_card_visa',
    description: 'test',
    metadata: {},
  });
  if (!held.ok) throw new Error('emulator hold failed');
  const captured = await h.deps.payments.capture({
    memberId: ana.id,
    paymentIntentId: held.hold.paymentIntentId,
    amount: 3000,
  });
  if (!captured.ok) throw new Error('emulator capture failed');
  await h.t.db
    .update(members)
    .set({ paymentIntentId: held.hold.paymentIntentId })
    .where(eq(members.id, ana.id));
  openGroupId = (await seedGroup(h.t.db, deal, { status: 'open' })).id;
  await seedMember(h.t.db, group.id, {
    userId: guest.id,
    alias: '=HYPERLINK("x")',
    quantity: 1,
    unitPriceAtJoin: 1500,
    holdAmount: 1500,
    status: 'captured',
    chargeAmount: 1500,
    channel: null,
    authorizedAt: new Date(),
  });
});

afterAll(async () => h?.close());

describe('another merchant', () => {
  it('cannot read or change the deal', async () => {
    const api = h.caller(stranger.user, stranger.merchantId);
    await expect(api.deals.get({ dealId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.deals.update({ dealId, title: 'Mine now' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(api.deals.pause({ dealId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.deals.archive({ dealId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const list = await api.deals.list();
    expect(list.map((d) => d.id)).not.toContain(dealId);
    const [deal] = await h.t.db.select().from(deals).where(eq(deals.id, dealId));
    expect(deal?.title).toBe('Sourdough box');
  });

  it('cannot read its groups, members, insights or CSV', async () => {
    const api = h.caller(stranger.user, stranger.merchantId);
    await expect(api.console.dealGroups({ dealId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.console.group({ groupId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.console.insights({ dealId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const dash = await api.console.dashboard();
    expect(dash.deals).toEqual([]);
    await expect(membersCsv(h.deps, stranger.merchantId, dealId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(listDealGroups(h.deps, stranger.merchantId, dealId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(getGroupForMerchantOrThrow(h.deps, stranger.merchantId, groupId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('cannot end, cancel or refund in its groups, and nothing changes', async () => {
    const api = h.caller(stranger.user, stranger.merchantId);
    await expect(api.merchantGroups.endNow({ groupId: openGroupId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(api.merchantGroups.cancel({ groupId: openGroupId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(api.merchantGroups.refundMember({ memberId: anaId, amount: 100 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const [g] = await h.t.db.select({ status: groups.status }).from(groups).where(eq(groups.id, openGroupId));
    expect(g?.status).toBe('open');
    const [m] = await h.t.db
      .select({ refunded: members.refundedAmount })
      .from(members)
      .where(eq(members.id, anaId));
    expect(m?.refunded).toBe(500);
  });

  it('and a buyer without a merchant profile is refused outright', async () => {
    const buyer = await h.makeUser();
    await expect(h.caller(buyer, null).console.dealGroups({ dealId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('the owner', () => {
  it('sees members by alias with their money, and no e-mails or user ids', async () => {
    const detail = await h.caller(owner.user, owner.merchantId).console.group({ groupId });
    expect(
      detail.members.map((m) => [
        m.alias,
        m.quantity,
        m.status,
        m.chargeAmount,
        m.refundedAmount,
        m.refundable,
      ]),
    ).toEqual([
      ['Ana', 2, 'captured', 3000, 500, 2500],
      ['=HYPERLINK("x")', 1, 'captured', 1500, 0, 1500],
    ]);
    expect(detail.group.money).toEqual({ held: 0, captured: 4500, refunded: 500 });
    expect(JSON.stringify(detail)).not.toContain(buyerEmail);
    expect(JSON.stringify(detail)).not.toContain('userId');
  });

  it('refunds in part, but never more than was captured and not yet refunded', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    await expect(api.merchantGroups.refundMember({ memberId: anaId, amount: 2501 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('at most $25.00'),
    });
    await api.merchantGroups.refundMember({ memberId: anaId, amount: 1000 });
    const detail = await api.console.group({ groupId });
    expect(detail.members.find((m) => m.alias === 'Ana')).toMatchObject({
      refundedAmount: 1500,
      refundable: 1500,
    });
    expect(detail.group.money.refunded).toBe(1500);
  });

  it('exports the members and charges as CSV, with e-mails only here and formulas defused', async () => {
    const { csv, filename } = await membersCsv(h.deps, owner.merchantId, dealId);
    expect(filename).toMatch(/^sourdough-box.*-members\.csv$/);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'group_code,group_status,alias,email,quantity,member_status,currency,unit_price_at_join,hold,charge,refunded,net,channel,joined_at,settled_at',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^[0-9a-f]+,won,Ana,ana@example\.test,2,captured,USD,15\.00,30\.00,30\.00,15\.00,15\.00,whatsapp,\d{4}-/,
    );
    // The guest has no e-mail to give; a formula-looking alias is made inert for spreadsheets.
    expect(lines[2]).toMatch(
      /^[0-9a-f]+,won,"'=HYPERLINK\(""x""\)",,1,captured,USD,15\.00,15\.00,15\.00,0\.00,15\.00,,\d{4}-/,
    );
  });
});
