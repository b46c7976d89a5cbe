// Bad bytes at the edge, over HTTP as the browser sends them: NUL (which PostgreSQL refuses) in every text
// input of every procedure gets a clear 4xx and writes nothing; a poisoned join in a group's join batch
// fails alone while the honest joins batched with it are admitted.
import { randomUUID } from 'node:crypto';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, events, groups, members, merchants } from '@/db/schema';
import { joinGroup } from '@/server/groups/join-group';
import { makeGroup, readGroup, VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { createHarness, type Harness } from '@/test/harness';
import type { SessionUser } from '@/server/auth/session-user';
import { appRouter, createCaller } from './root';

let h: Harness;
let merchant: { user: SessionUser; merchantId: string };
let newcomer: SessionUser;
let buyer: SessionUser;
let dealId: string;
let groupId: string;
let code: string;

beforeAll(async () => {
  h = await createHarness();
  merchant = await h.makeMerchant({ name: 'Tea House' });
  newcomer = await h.makeUser();
  buyer = await h.makeUser({ anonymous: true });
  ({ dealId, groupId, code } = await makeGroup(h.deps));
  // The group must belong to the signed-in merchant for cancel to reach its text check.
  await h.t.db.update(deals).set({ merchantId: merchant.merchantId }).where(eq(deals.id, dealId));
});
afterAll(async () => h.close());

const NUL = '\u0000';
const validDeal = {
  title: 'Matcha set',
  description: 'Two tins.',
  currency: 'JPY',
  listPrice: 3000,
  tiers: [{ minMembers: 2, unitPrice: 2500 }],
  windowSeconds: 86_400,
};
const pushSub = (over: Record<string, unknown>) => ({
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
  keys: { p256dh: 'BAAA', auth: 'AAAAAAAAAAAAAAAAAAAAAA' },
  applicationServerKey: 'BAAA',
  ...over,
});
const join = (over: Record<string, unknown>) => ({
  code,
  alias: 'Mei',
  quantity: 1,
  idempotencyKey: randomUUID(),
  paymentMethod: 'pm_card_visa',
  fulfilment: VOUCHER_CHOICE,
  ...over,
});

type Case = {
  path: string;
  as: 'merchant' | 'newcomer' | 'buyer' | 'nobody';
  input: unknown;
  /** A lookup that answers a key naming nothing with an empty result rather than an error. */
  emptyOk?: true;
};
// One case per text field of every procedure that takes text (queries and mutations); built once the
// group exists, since its code and id are in the inputs.
const cases = (): Case[] => [
  { path: 'groups.join', as: 'buyer', input: join({ alias: `Mei${NUL}` }) },
  { path: 'groups.join', as: 'buyer', input: join({ idempotencyKey: `key-${NUL}-123456` }) },
  { path: 'groups.join', as: 'buyer', input: join({ inviteCode: `ab${NUL}` }) },
  { path: 'groups.join', as: 'buyer', input: join({ channel: `wa${NUL}` }) },
  { path: 'groups.join', as: 'buyer', input: join({ paymentMethod: `pm_card_visa${NUL}` }) },
  { path: 'groups.join', as: 'buyer', input: join({ code: `${code}${NUL}` }) },
  {
    path: 'groups.join',
    as: 'buyer',
    input: join({ fulfilment: { method: 'voucher', contactEmail: `mei${NUL}@example.test` } }),
  },
  {
    path: 'groups.join',
    as: 'buyer',
    input: join({
      fulfilment: {
        method: 'shipping',
        contactEmail: 'mei@example.test',
        address: { countryCode: 'US', name: `Mei${NUL}`, streetAddress: '1 Main St' },
      },
    }),
  },
  { path: 'orders.mine', as: 'buyer', input: { memberId: `${groupId}${NUL}` } },
  { path: 'orders.update', as: 'buyer', input: { memberId: groupId, phone: `+1 555${NUL}` } },
  { path: 'orders.update', as: 'buyer', input: { memberId: groupId, pickupPointId: `shop${NUL}` } },
  { path: 'groups.snapshot', as: 'nobody', input: { code: `${code}${NUL}` } },
  { path: 'groups.aboutToFill', as: 'nobody', input: { slug: `deal${NUL}` }, emptyOk: true },
  { path: 'deals.bySlug', as: 'nobody', input: { slug: `deal${NUL}` } },
  { path: 'deals.create', as: 'merchant', input: { ...validDeal, title: `Matcha${NUL}` } },
  { path: 'deals.create', as: 'merchant', input: { ...validDeal, description: `Two${NUL}tins` } },
  { path: 'deals.create', as: 'merchant', input: { ...validDeal, welcomeMessage: `Hi${NUL}` } },
  { path: 'deals.create', as: 'merchant', input: { ...validDeal, currency: `JPY${NUL}` } },
  { path: 'deals.create', as: 'merchant', input: { ...validDeal, imageUrl: `/demo/a${NUL}.png` } },
  { path: 'deals.update', as: 'merchant', input: { dealId: `${NUL}`, title: 'x' } },
  { path: 'deals.update', as: 'merchant', input: { dealId: randomUUID(), title: `x${NUL}` } },
  { path: 'deals.update', as: 'merchant', input: { dealId: randomUUID(), description: `x${NUL}` } },
  { path: 'merchant.createProfile', as: 'newcomer', input: { name: `Shop${NUL}`, defaultCurrency: 'USD' } },
  { path: 'merchant.createProfile', as: 'newcomer', input: { name: 'Shop', defaultCurrency: `U${NUL}D` } },
  { path: 'merchant.updateProfile', as: 'merchant', input: { name: `Shop${NUL}` } },
  { path: 'merchant.updateProfile', as: 'merchant', input: { logoUrl: `https://x.test/${NUL}` } },
  { path: 'deals.get', as: 'merchant', input: { dealId: `${NUL}` } },
  { path: 'console.group', as: 'merchant', input: { groupId: `${NUL}` } },
  { path: 'merchantGroups.cancel', as: 'merchant', input: { groupId, reason: `Sold out${NUL}` } },
  { path: 'merchantOrders.list', as: 'merchant', input: { pickupPointId: `tenjin${NUL}` } },
  { path: 'merchantOrders.list', as: 'merchant', input: { country: `J${NUL}` } },
  { path: 'merchantOrders.pickupList', as: 'merchant', input: { dealId: randomUUID(), pointId: `a${NUL}` } },
  { path: 'merchantOrders.pointReady', as: 'merchant', input: { dealId: randomUUID(), pointId: `a${NUL}` } },
  {
    path: 'merchantOrders.ship',
    as: 'merchant',
    input: { orderId: randomUUID(), carrier: `Yamato${NUL}`, trackingNumber: '1234' },
  },
  {
    path: 'merchantOrders.ship',
    as: 'merchant',
    input: { orderId: randomUUID(), carrier: 'Yamato', trackingNumber: `12${NUL}34` },
  },
  { path: 'merchantOrders.previewTracking', as: 'merchant', input: { csv: `FL-1,UPS,1${NUL}` } },
  { path: 'merchantOrders.applyTracking', as: 'merchant', input: { csv: `FL-1,UPS,1${NUL}` } },
  { path: 'merchantOrders.handOver', as: 'merchant', input: { code: `ABC${NUL}DEF` } },
  { path: 'notificationSettings.update', as: 'buyer', input: { timeZone: `Asia/Tokyo${NUL}` } },
  { path: 'notificationSettings.update', as: 'buyer', input: { quietStart: `21:00${NUL}` } },
  { path: 'notificationSettings.mute', as: 'buyer', input: { groupId: `${groupId}${NUL}` } },
  { path: 'notificationSettings.unmute', as: 'buyer', input: { groupId: `${groupId}${NUL}` } },
  { path: 'push.subscribe', as: 'buyer', input: pushSub({ endpoint: `https://fcm.googleapis.com/x${NUL}` }) },
  {
    path: 'push.subscribe',
    as: 'buyer',
    input: pushSub({ keys: { p256dh: `BA${NUL}`, auth: 'AAAAAAAAAAAAAAAAAAAAAA' } }),
  },
  { path: 'push.subscribe', as: 'buyer', input: pushSub({ keys: { p256dh: 'BAAA', auth: `AA${NUL}` } }) },
  { path: 'push.subscribe', as: 'buyer', input: pushSub({ applicationServerKey: `BA${NUL}` }) },
  { path: 'push.unsubscribe', as: 'buyer', input: { endpoint: `https://fcm.googleapis.com/x${NUL}` } },
  { path: 'groups.open', as: 'buyer', input: { dealId, fromRoomCode: `abcd${NUL}efgh` } },
  { path: 'rooms.joinCommunity', as: 'buyer', input: { code: `abcd${NUL}efgh`, alias: 'Mei' } },
  { path: 'rooms.joinCommunity', as: 'buyer', input: { code: 'abcdefgh23', alias: `Mei${NUL}` } },
  {
    path: 'rooms.joinCommunity',
    as: 'buyer',
    input: { code: 'abcdefgh23', alias: 'Mei', inviteCode: `ab${NUL}` },
  },
  { path: 'rooms.leaveCommunity', as: 'buyer', input: { roomId: `${groupId}${NUL}` } },
  { path: 'rooms.createCommunity', as: 'merchant', input: { title: `Bali${NUL}`, description: '' } },
  { path: 'rooms.createCommunity', as: 'merchant', input: { title: 'Bali', description: `Week${NUL}` } },
  { path: 'rooms.archiveCommunity', as: 'merchant', input: { roomId: `${groupId}${NUL}` } },
  { path: 'rooms.get', as: 'buyer', input: { roomId: `${groupId}${NUL}` } },
  { path: 'rooms.get', as: 'buyer', input: { groupCode: `${code}${NUL}` } },
  { path: 'rooms.get', as: 'buyer', input: { communityCode: `abcd${NUL}efgh` } },
  { path: 'rooms.history', as: 'buyer', input: { roomId: `${groupId}${NUL}`, beforeId: 10 } },
  {
    path: 'rooms.post',
    as: 'buyer',
    input: { roomId: groupId, body: `hi${NUL}`, clientKey: 'key-12345678' },
  },
  {
    path: 'rooms.post',
    as: 'buyer',
    input: { roomId: groupId, body: 'hi', clientKey: `key-${NUL}-12345678` },
  },
  {
    path: 'rooms.post',
    as: 'buyer',
    input: { roomId: `${groupId}${NUL}`, body: 'hi', clientKey: 'key-12345678' },
  },
  { path: 'rooms.markRead', as: 'buyer', input: { roomId: `${groupId}${NUL}`, messageId: 1 } },
  { path: 'rooms.postCard', as: 'merchant', input: { roomId: groupId, dealId: `${dealId}${NUL}` } },
  {
    path: 'rooms.postImage',
    as: 'merchant',
    input: { roomId: groupId, url: `/uploads/${'a'.repeat(32)}${NUL}.png`, width: 1, height: 1 },
  },
  { path: 'rooms.pin', as: 'merchant', input: { roomId: `${groupId}${NUL}`, messageId: null } },
  { path: 'rooms.muteMember', as: 'merchant', input: { roomId: groupId, alias: `Mei${NUL}`, minutes: 5 } },
  { path: 'rooms.removeMember', as: 'merchant', input: { roomId: groupId, alias: `Mei${NUL}` } },
  { path: 'rooms.setSlowMode', as: 'merchant', input: { roomId: `${groupId}${NUL}`, seconds: 5 } },
  { path: 'rooms.updateSettings', as: 'merchant', input: { keywords: [`refund${NUL}`] } },
  {
    path: 'rooms.updateSettings',
    as: 'merchant',
    input: { savedReplies: [{ title: `Hours${NUL}`, body: 'Mon-Fri' }] },
  },
  {
    path: 'rooms.updateSettings',
    as: 'merchant',
    input: { savedReplies: [{ title: 'Hours', body: `Mon${NUL}Fri` }] },
  },
  {
    path: 'rooms.updateSettings',
    as: 'merchant',
    input: { savedReplies: [{ id: `r${NUL}1`, title: 'Hours', body: 'Mon-Fri' }] },
  },
  { path: 'recovery.pay', as: 'nobody', input: { token: `abcdefghij${NUL}klmnop` } },
  {
    path: 'recovery.pay',
    as: 'nobody',
    input: { token: 'abcdefghijklmnop', paymentMethod: `pm_card${NUL}` },
  },
  { path: 'recovery.confirm', as: 'nobody', input: { token: `abcdefghij${NUL}klmnop` } },
  { path: 'recovery.paymentsDue', as: 'merchant', input: { groupId: `${groupId}${NUL}` } },
  {
    path: 'recovery.updateSettings',
    as: 'merchant',
    input: { paymentFixDays: 7, payNowMethods: [`wechat_pay${NUL}`] },
  },
  { path: 'payouts.connect', as: 'merchant', input: { for: `merchant${NUL}` } },
  { path: 'payouts.refresh', as: 'buyer', input: { for: `sharer${NUL}` } },
  { path: 'payouts.completeDemo', as: 'buyer', input: { for: `sharer${NUL}` } },
  { path: 'payouts.merchant', as: 'merchant', input: { period: `month${NUL}` } },
  { path: 'payouts.groupMoney', as: 'merchant', input: { groupId: `${groupId}${NUL}` } },
];

function who(as: Case['as']): { user: SessionUser | null; merchantId: string | null } {
  if (as === 'merchant') return { user: merchant.user, merchantId: merchant.merchantId };
  if (as === 'newcomer') return { user: newcomer, merchantId: null };
  if (as === 'buyer') return { user: buyer, merchantId: null };
  return { user: null, merchantId: null };
}

/** Calls a procedure over HTTP exactly as the browser does; returns the status and error body. */
async function overHttp(c: Case) {
  const isQuery = [
    'groups.snapshot',
    'groups.aboutToFill',
    'deals.bySlug',
    'deals.get',
    'console.group',
    'orders.mine',
    'merchantOrders.list',
    'merchantOrders.pickupList',
    'rooms.get',
    'rooms.history',
    'recovery.paymentsDue',
    'payouts.merchant',
    'payouts.groupMoney',
  ];
  const body = JSON.stringify({ json: c.input });
  const url = `http://flock.test/api/trpc/${c.path}`;
  const req = isQuery.includes(c.path)
    ? new Request(`${url}?input=${encodeURIComponent(body)}`)
    : new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    router: appRouter,
    req,
    createContext: () => ({ deps: h.deps, ...who(c.as), headers: null }),
  });
  const json = (await res.json()) as {
    error?: { json: { message: string } };
    result?: { data: { json: unknown } };
  };
  return { status: res.status, message: json.error?.json.message ?? null, data: json.result?.data.json };
}

async function rowCounts() {
  const count = async (t: typeof deals | typeof groups | typeof members | typeof merchants | typeof events) =>
    (await h.t.db.select().from(t)).length;
  return [
    await count(deals),
    await count(groups),
    await count(members),
    await count(merchants),
    await count(events),
  ];
}

describe('NUL in any text input', () => {
  it('every procedure that takes text has a case here (add one when a procedure gains a text field)', () => {
    const withoutText = [
      'deals.listActive',
      'deals.list',
      'deals.publish',
      'deals.pause',
      'deals.archive',
      'groups.confirmHold',
      'groups.leave',
      'groups.mine',
      'merchant.profile',
      'merchantGroups.endNow',
      'merchantGroups.refundMember',
      'console.dashboard',
      'console.dealGroups',
      'console.insights',
      'live.merchant',
      'live.inbox',
      'merchantOrders.filters',
      'merchantOrders.packingList',
      'merchantOrders.move',
      'notificationSettings.get',
      'notificationSettings.muted',
      'notificationSettings.muteStates',
      'push.config',
      'rooms.inbox',
      'rooms.report',
      'rooms.deleteMessage',
      'rooms.approve',
      'rooms.settings',
      'recovery.settings',
      'payouts.myEarnings',
    ];
    const covered = new Set(cases().map((c) => c.path));
    for (const path of Object.keys(appRouter._def.procedures)) {
      if (path === 'live.group' || path === 'live.room') continue; // subscriptions: covered by their own test below
      expect(covered.has(path) || withoutText.includes(path), `${path} has no bad-text case`).toBe(true);
    }
  });

  it('gets a 4xx with a sentence, never a 5xx, and writes nothing', async () => {
    const before = await rowCounts();
    for (const c of cases()) {
      const { status, message, data } = await overHttp(c);
      const what = `${c.path} ${JSON.stringify(c.input)}`;
      if (c.emptyOk) {
        expect([status, data], what).toEqual([200, []]);
        continue;
      }
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
      expect(message, what).toMatch(/^[A-Z][^\n]*[.!?]$/);
      // The edge's own words, not the database fallback's: no text may reach PostgreSQL to be refused.
      expect(message, what).not.toMatch(/cannot be stored/);
      expect(message, what).not.toMatch(/invalid byte sequence|0x00|stack|at [a-z]+ \(/i);
    }
    expect(await rowCounts()).toEqual(before);
    const g = await readGroup(h.deps, groupId);
    expect(g.status).toBe('open');
    // Control: the same join without the NUL is admitted, so the refusals above were the NUL's doing.
    const control = await overHttp({
      path: 'groups.join',
      as: 'buyer',
      input: join({ inviteCode: 'ab', channel: 'wa' }),
    });
    expect(control.status).toBe(200);
  });

  it('names the field in the message a form shows beside it', async () => {
    const c: Case = { path: 'groups.join', as: 'buyer', input: join({ alias: `Mei${NUL}` }) };
    const res = await fetchRequestHandler({
      endpoint: '/api/trpc',
      router: appRouter,
      req: new Request(`http://flock.test/api/trpc/${c.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: c.input }),
      }),
      createContext: () => ({ deps: h.deps, ...who(c.as), headers: null }),
    });
    const json = (await res.json()) as { error: { json: { data: { fields: Record<string, string> } } } };
    expect(res.status).toBe(400);
    expect(json.error.json.data.fields.alias).toMatch(/^Your name contains an invisible control character/);
  });

  it('the live stream refuses a code with NUL without touching the database', async () => {
    const caller = createCaller({ deps: h.deps, user: null, merchantId: null, headers: null });
    await expect(caller.live.group({ code: `${code}${NUL}` })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const member = createCaller({ deps: h.deps, user: newcomer, merchantId: null, headers: null });
    await expect(member.live.room({ roomId: `${randomUUID()}${NUL}` })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(member.live.room({ roomId: randomUUID(), lastEventId: `1${NUL}` })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const staff = createCaller({ deps: h.deps, ...who('merchant'), headers: null });
    await expect(staff.live.inbox({ lastEventId: `1${NUL}` })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe("a group's join batch", () => {
  it('isolates poisoned joins: 60 honest joins raced by 24 that PostgreSQL refuses are all admitted', async () => {
    const g = await makeGroup(h.deps, { maxMembers: 200, qrCutoff: 200 });
    const honest = await Promise.all(Array.from({ length: 60 }, () => h.makeUser({ anonymous: true })));
    const poisoned = await Promise.all(Array.from({ length: 24 }, () => h.makeUser({ anonymous: true })));
    // Straight to the service, past the edge's schema, as a future code path without one would.
    const attempt = (u: SessionUser, alias: string) =>
      joinGroup(h.deps, u, {
        code: g.code,
        alias,
        quantity: 1,
        fulfilment: VOUCHER_CHOICE,
        idempotencyKey: randomUUID(),
        paymentMethod: 'pm_card_visa',
      });
    const all = [
      ...honest.map((u, i) => ({ honest: true, p: attempt(u, `Friend ${i}`) })),
      ...poisoned.map((u, i) => ({ honest: false, p: attempt(u, `Bad${NUL}${i}`) })),
    ].sort(() => Math.random() - 0.5);
    const settled = await Promise.allSettled(all.map((a) => a.p));
    const honestResults = settled.filter((_, i) => all[i]?.honest);
    const poisonedResults = settled.filter((_, i) => !all[i]?.honest);
    expect(honestResults.filter((r) => r.status === 'fulfilled')).toHaveLength(60);
    expect(poisonedResults.filter((r) => r.status === 'rejected')).toHaveLength(24);

    const rows = await h.t.db.select().from(members).where(eq(members.groupId, g.groupId));
    expect(rows).toHaveLength(60);
    expect(rows.every((m) => m.alias.startsWith('Friend '))).toBe(true);
    const after = await readGroup(h.deps, g.groupId);
    expect([after.seatsTaken, after.confirmedCount]).toEqual([60, 60]);
  });
});
