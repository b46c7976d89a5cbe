// A deal's fulfilment options through the tRPC caller against real PostgreSQL: per-field refusals with nothing
// written, pickup point ids, publishing without an option, and what may change while a group is open.
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, groups, members, orders, user } from '@/db/schema';
import type { FulfilmentOptions, PickupPoint } from '@/db/schema/fulfilment-options';
import { createHarness, type Harness } from '@/test/harness';
import { appRouter } from '@/server/trpc/root';
import type { SessionUser } from '@/server/auth/session-user';
import { translator } from '@/i18n/translator';
import { getGroupSnapshotOrThrow } from '@/server/groups/get-group-snapshot';

let h: Harness;
let owner: { user: SessionUser; merchantId: string };

beforeAll(async () => {
  h = await createHarness();
  owner = await h.makeMerchant({ name: 'Fukuoka Fruit' });
});
afterAll(async () => h.close());

const asOwner = () => h.caller(owner.user, owner.merchantId);

const TENJIN: PickupPoint = {
  id: 'tenjin01',
  name: 'Tenjin shop',
  address: '2-5-28 Tenjin, Chuo-ku, Fukuoka',
  hours: 'Daily 10:00–20:00',
  windowDays: 3,
  capacity: 40,
};
const HAKATA: PickupPoint = {
  id: 'hakata01',
  name: 'Hakata Station counter',
  address: '1-1 Hakata-eki Chuo-gai, Hakata-ku, Fukuoka',
  hours: 'Mon–Sat 8:00–21:00',
  windowDays: 2,
  capacity: null,
};

const SHIPPING = { countries: ['JP'], pricing: 'per_unit', price: 350, dispatchDays: 2 } as const;
const ALL_OPTIONS: FulfilmentOptions = {
  shipping: { ...SHIPPING, countries: [...SHIPPING.countries] },
  pickup: { points: [TENJIN, HAKATA] },
  voucher: { validUntil: '2099-12-31', instructions: 'Show the code at the counter.' },
};

const baseDeal = {
  title: 'Amaou strawberries, 2 trays',
  currency: 'JPY',
  listPrice: 1280,
  tiers: [
    { minMembers: 3, unitPrice: 980 },
    { minMembers: 5, unitPrice: 880 },
  ],
  windowSeconds: 86_400,
};

async function dealCount(): Promise<number> {
  return (await h.t.db.select({ id: deals.id }).from(deals)).length;
}

/** Calls a mutation over HTTP as the browser does; the error body the client sees. */
async function httpError(path: string, input: unknown, lang = 'en') {
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    router: appRouter,
    req: new Request(`http://flock.test/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-flock-locale': lang },
      body: JSON.stringify({ json: input }),
    }),
    createContext: () => ({
      deps: h.deps,
      user: owner.user,
      merchantId: owner.merchantId,
      headers: new Headers({ 'x-flock-locale': lang }),
    }),
  });
  const body = (await res.json()) as {
    error?: { json: { message: string; data: { code: string; fields: Record<string, string> | null } } };
  };
  if (!body.error) throw new Error(`expected ${path} to fail, got ${res.status}`);
  return { status: res.status, ...body.error.json };
}

async function rejection(p: Promise<unknown>): Promise<TRPCError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(err)}`);
  return err;
}

/** An open group on `dealId` with one live member who chose `choice`. */
async function memberChose(
  dealId: string,
  choice: { method: 'shipping' | 'pickup' | 'voucher'; pickupPointId?: string },
): Promise<string> {
  const code = `g${Math.random().toString(36).slice(2, 12)}`;
  const [g] = await h.t.db
    .insert(groups)
    .values({
      code,
      dealId,
      status: 'open',
      currency: 'JPY',
      listPrice: 1280,
      tiers: baseDeal.tiers,
      minMembers: 3,
      maxMembers: 500,
      qrCutoff: 100,
      perBuyerMax: 2,
      deadline: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: groups.id });
  if (!g) throw new Error('group insert failed');
  const uid = randomUUID();
  await h.t.db.insert(user).values({ id: uid, email: `b-${uid.slice(0, 8)}@example.test`, name: 'Aiko' });
  const [m] = await h.t.db
    .insert(members)
    .values({
      groupId: g.id,
      userId: uid,
      alias: 'Aiko',
      quantity: 1,
      status: 'authorized',
      unitPriceAtJoin: 980,
      holdAmount: 980,
      inviteCode: `i${Math.random().toString(36).slice(2, 12)}`,
    })
    .returning({ id: members.id });
  if (!m) throw new Error('member insert failed');
  await h.t.db.insert(orders).values({
    memberId: m.id,
    number: `FL-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    method: choice.method,
    contactEmail: 'aiko@example.test',
    pickupPointId: choice.pickupPointId ?? null,
    address:
      choice.method === 'shipping'
        ? {
            countryCode: 'JP',
            name: 'Aiko',
            streetAddress: '1-1',
            countryArea: 'Fukuoka',
            postalCode: '810-0001',
          }
        : null,
  });
  return code;
}

describe('fulfilment options on save', () => {
  it('refuses bad options field by field, in the reader’s language, and writes nothing', async () => {
    const before = await dealCount();
    const bad = {
      ...baseDeal,
      fulfilment: {
        shipping: { countries: ['JP', 'XX'], pricing: 'per_order', price: 0, dispatchDays: 0 },
        pickup: { points: [{ ...TENJIN, name: '', windowDays: 0, capacity: 0 }] },
        voucher: { validUntil: '2099-02-30', instructions: '' },
      },
    };
    const en = await httpError('deals.create', bad);
    expect(en.status).toBe(400);
    expect(en.data.fields).toMatchObject({
      'fulfilment.shipping.countries.1':
        '“XX” is not a country code we know (use two letters, like JP or US)',
      'fulfilment.shipping.price': 'Enter a shipping price, or choose “Included in the price”',
      'fulfilment.shipping.dispatchDays': 'Dispatch time must be at least 1 day',
      'fulfilment.pickup.points.0.name': 'Give the pickup point a name',
      'fulfilment.pickup.points.0.windowDays': 'Buyers need at least 1 day to collect',
      'fulfilment.pickup.points.0.capacity': 'Capacity must be at least 1 (leave it empty for no limit)',
      'fulfilment.voucher.validUntil': 'Enter a date like 2027-03-31',
    });
    const ja = await httpError('deals.create', bad, 'ja');
    expect(ja.data.fields?.['fulfilment.pickup.points.0.name']).toBe('受け取り場所の名前を入力してください');
    expect(await dealCount()).toBe(before);
  });

  it('refuses pickup with no points and two points with one id', async () => {
    const none = await httpError('deals.create', { ...baseDeal, fulfilment: { pickup: { points: [] } } });
    expect(none.data.fields?.['fulfilment.pickup.points']).toBe('Add a pickup point, or turn pickup off');
    const twice = await httpError('deals.create', {
      ...baseDeal,
      fulfilment: { pickup: { points: [TENJIN, { ...HAKATA, id: TENJIN.id }] } },
    });
    expect(twice.data.fields?.['fulfilment.pickup.points.1.id']).toMatch(/same id/);
  });

  it('refuses a voucher that runs out before a group opened today would close, naming the first good day', async () => {
    const before = await dealCount();
    const today = new Date().toISOString().slice(0, 10);
    const err = await httpError('deals.create', {
      ...baseDeal,
      windowSeconds: 3 * 86_400,
      fulfilment: { voucher: { validUntil: today } },
    });
    const earliest = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(err.data.fields?.['fulfilment.voucher.validUntil']).toBe(
      `The voucher must still be valid when a group opened today closes: choose ${earliest} or later`,
    );
    expect(await dealCount()).toBe(before);
  });

  it('stores countries upper-case once, makes included shipping free, and gives new points an id kept on edit', async () => {
    const d = await asOwner().deals.create({
      ...baseDeal,
      fulfilment: {
        shipping: { countries: ['us', 'CA', 'US'], pricing: 'included', price: 500, dispatchDays: 3 },
        pickup: { points: [{ ...TENJIN, id: undefined }] },
      },
    });
    expect(d.fulfilment.shipping).toEqual({
      countries: ['US', 'CA'],
      pricing: 'included',
      price: 0,
      dispatchDays: 3,
    });
    const id = d.fulfilment.pickup?.points[0]?.id ?? '';
    expect(id).toMatch(/^[a-z0-9]{8}$/);
    expect(d.fulfilment.voucher).toBeNull();

    const point = d.fulfilment.pickup?.points[0];
    if (!point) throw new Error('no point');
    const edited = await asOwner().deals.update({
      dealId: d.id,
      fulfilment: { ...d.fulfilment, pickup: { points: [{ ...point, name: 'Tenjin flagship' }] } },
    });
    expect(edited.fulfilment.pickup?.points).toEqual([{ ...point, name: 'Tenjin flagship' }]);
  });
});

describe('publishing', () => {
  it('is refused without a fulfilment option, and allowed once one is added', async () => {
    const d = await asOwner().deals.create(baseDeal);
    expect(d.fulfilment).toEqual({ shipping: null, pickup: null, voucher: null });
    const err = await rejection(asOwner().deals.publish({ dealId: d.id }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe(
      'Add at least one way for buyers to get their order (shipping, pickup or a voucher) before you publish.',
    );
    const [row] = await h.t.db.select({ status: deals.status }).from(deals).where(eq(deals.id, d.id));
    expect(row?.status).toBe('draft');

    const zh = await httpError('deals.publish', { dealId: d.id }, 'zh-CN');
    expect(zh.message).toBe('发布前请至少添加一种收货方式：配送、自提或兑换券。');

    await asOwner().deals.update({
      dealId: d.id,
      fulfilment: { ...ALL_OPTIONS, shipping: null, pickup: null },
    });
    const live = await asOwner().deals.publish({ dealId: d.id });
    expect(live.status).toBe('active');
  });

  it('shows shoppers the options on the public deal', async () => {
    const d = await asOwner().deals.create({ ...baseDeal, fulfilment: ALL_OPTIONS });
    await asOwner().deals.publish({ dealId: d.id });
    const pub = await h.caller(null).deals.bySlug({ slug: d.slug });
    expect(pub.fulfilment).toEqual(ALL_OPTIONS);
  });

  it('shows them on the group snapshot, and nothing of what a member chose or where they live', async () => {
    const d = await asOwner().deals.create({ ...baseDeal, fulfilment: ALL_OPTIONS });
    await asOwner().deals.publish({ dealId: d.id });
    const code = await memberChose(d.id, { method: 'shipping' });
    const s = await getGroupSnapshotOrThrow(h.deps, code, null, 'en');
    expect(s.deal.fulfilment).toEqual(ALL_OPTIONS);
    const json = JSON.stringify(s);
    expect(json).not.toContain('aiko@example.test');
    expect(json).not.toContain('810-0001');
  });
});

describe('changing options while a group is open', () => {
  async function liveDeal(choice: { method: 'shipping' | 'pickup' | 'voucher'; pickupPointId?: string }) {
    const d = await asOwner().deals.create({ ...baseDeal, fulfilment: ALL_OPTIONS });
    await asOwner().deals.publish({ dealId: d.id });
    await memberChose(d.id, choice);
    return d.id;
  }
  const update = (dealId: string, fulfilment: unknown) =>
    rejection(asOwner().deals.update({ dealId, fulfilment } as never));
  const stored = async (dealId: string) =>
    (await h.t.db.select({ f: deals.fulfilment }).from(deals).where(eq(deals.id, dealId)))[0]?.f;

  it('refuses removing the pickup point a member chose, or pickup itself, and keeps the options', async () => {
    const dealId = await liveDeal({ method: 'pickup', pickupPointId: TENJIN.id });
    const point = await update(dealId, { ...ALL_OPTIONS, pickup: { points: [HAKATA] } });
    expect(point.code).toBe('CONFLICT');
    expect(point.message).toMatch(/chose this pickup point/);
    const all = await update(dealId, { ...ALL_OPTIONS, pickup: null });
    expect(all.message).toBe(
      'A member of an open group chose pickup, so it cannot be removed until every open group has closed.',
    );
    expect(await stored(dealId)).toEqual(ALL_OPTIONS);
  });

  it('allows adding options and points and removing what no member chose', async () => {
    const dealId = await liveDeal({ method: 'pickup', pickupPointId: TENJIN.id });
    const third: PickupPoint = { ...HAKATA, id: 'ohori001', name: 'Ohori Park kiosk' };
    const next: FulfilmentOptions = {
      shipping: { ...SHIPPING, countries: ['JP', 'KR'] },
      pickup: { points: [TENJIN, third] },
      voucher: null,
    };
    const d = await asOwner().deals.update({ dealId, fulfilment: next });
    expect(d.fulfilment).toEqual(next);
  });

  it('holds the shipping terms members joined on: no country removed, no new price, no later dispatch', async () => {
    const dealId = await liveDeal({ method: 'shipping' });
    const shipping = { ...SHIPPING, countries: [...SHIPPING.countries] };
    const removed = await update(dealId, { ...ALL_OPTIONS, shipping: { ...shipping, countries: ['KR'] } });
    expect(removed.message).toMatch(/countries can be added but not removed/);
    const price = await update(dealId, { ...ALL_OPTIONS, shipping: { ...shipping, price: 300 } });
    expect(price.message).toMatch(/shipping price cannot change/);
    const later = await update(dealId, { ...ALL_OPTIONS, shipping: { ...shipping, dispatchDays: 5 } });
    expect(later.message).toMatch(/sooner but not later \(at most 2 days\)/);
    const gone = await update(dealId, { ...ALL_OPTIONS, shipping: null });
    expect(gone.message).toMatch(/chose shipping/);
    expect(await stored(dealId)).toEqual(ALL_OPTIONS);
    // Sooner is better for everyone who joined.
    const sooner = await asOwner().deals.update({
      dealId,
      fulfilment: { ...ALL_OPTIONS, shipping: { ...shipping, dispatchDays: 1 } },
    });
    expect(sooner.fulfilment.shipping?.dispatchDays).toBe(1);
  });

  it('keeps a point’s address, window and capacity from getting worse, and a voucher from getting shorter', async () => {
    const dealId = await liveDeal({ method: 'voucher' });
    const moved = await update(dealId, {
      ...ALL_OPTIONS,
      pickup: { points: [{ ...TENJIN, address: 'Elsewhere' }, HAKATA] },
    });
    expect(moved.message).toMatch(/address cannot change/);
    const shorter = await update(dealId, {
      ...ALL_OPTIONS,
      pickup: { points: [{ ...TENJIN, windowDays: 1 }, HAKATA] },
    });
    expect(shorter.message).toMatch(/at least 3 days/);
    const fewer = await update(dealId, {
      ...ALL_OPTIONS,
      pickup: { points: [TENJIN, { ...HAKATA, capacity: 10 }] },
    });
    expect(fewer.message).toMatch(/capacity can only be raised or removed/);
    const voucher = await update(dealId, {
      ...ALL_OPTIONS,
      voucher: { validUntil: '2099-06-30', instructions: '' },
    });
    expect(voucher.message).toMatch(/\(2099-12-31 or later\)/);
    expect(await stored(dealId)).toEqual(ALL_OPTIONS);
    // The words merchants fix any time: a point's name and hours, the voucher's instructions.
    const fixed = await asOwner().deals.update({
      dealId,
      fulfilment: {
        ...ALL_OPTIONS,
        pickup: { points: [{ ...TENJIN, hours: 'Daily 9:00–20:00', capacity: null }, HAKATA] },
        voucher: { validUntil: '2100-01-31', instructions: 'Book by phone first.' },
      },
    });
    expect(fixed.fulfilment.pickup?.points[0]?.hours).toBe('Daily 9:00–20:00');
  });

  it('says the refusals in the merchant’s language', async () => {
    const dealId = await liveDeal({ method: 'pickup', pickupPointId: TENJIN.id });
    const err = await httpError(
      'deals.update',
      { dealId, ...{ fulfilment: { ...ALL_OPTIONS, pickup: null } } },
      'ja',
    );
    const t = translator('ja', 'errors');
    expect(err.message).toBe(
      t('fulfilmentOptions.optionChosen', { method: t('fulfilmentOptions.method.pickup') }),
    );
  });
});
