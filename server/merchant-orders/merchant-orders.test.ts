import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, events, orders, type OrderStatus, type ShippingAddress } from '@/db/schema';
import { membersCsv } from '@/server/merchant-console/members-csv';
import { seedDeal, seedGroup, seedMember } from '@/server/merchant-console/seed-console-history';
import { createHarness, type Harness } from '@/test/harness';

let h: Harness;
let owner: Awaited<ReturnType<Harness['makeMerchant']>>;
let stranger: Awaited<ReturnType<Harness['makeMerchant']>>;
let dealId: string;
let strangerOrder: string;
let openOrder: string;
const ADDRESS: ShippingAddress = {
  countryCode: 'JP',
  name: 'Aoi Tanaka',
  streetAddress: '1-2-3 Jingumae',
  city: 'Shibuya-ku',
  countryArea: 'Tokyo',
  postalCode: '150-0001',
};
const numbers: Record<string, string> = {};

const rand = () => randomBytes(4).toString('hex').toUpperCase();

type OrderSeed = {
  alias: string;
  method: 'shipping' | 'pickup' | 'voucher';
  status: OrderStatus;
};

async function seedOrder(groupId: string, o: OrderSeed) {
  const buyer = await h.makeUser();
  const m = await seedMember(h.t.db, groupId, {
    userId: buyer.id,
    alias: o.alias,
    quantity: 2,
    unitPriceAtJoin: 800,
    holdAmount: 1600,
    status: o.status === 'pending' ? 'authorized' : 'captured',
    chargeAmount: o.status === 'pending' ? null : 1600,
  });
  const number = `FL-${rand()}`;
  await h.t.db.insert(orders).values({
    memberId: m.id,
    number,
    method: o.method,
    status: o.status,
    contactEmail: `${o.alias.toLowerCase()}@example.test`,
    phone: '+81 90 1234 5678',
    address: o.method === 'shipping' ? ADDRESS : null,
    pickupPointId: o.method === 'pickup' ? 'pt1' : null,
    pickupCode: o.method === 'pickup' ? `P${rand()}` : null,
    voucherCode: o.method === 'voucher' ? `V${rand()}` : null,
  });
  numbers[o.alias] = number;
  return number;
}

const orderByNumber = async (number: string) => {
  const [o] = await h.t.db.select().from(orders).where(eq(orders.number, number));
  if (!o) throw new Error('order missing');
  return o;
};

beforeAll(async () => {
  h = await createHarness();
  owner = await h.makeMerchant({ name: 'Owner Farm' });
  stranger = await h.makeMerchant({ name: 'Other Farm' });
  const deal = await seedDeal(h.t.db, owner.merchantId, { title: 'Strawberries' });
  await h.t.db
    .update(deals)
    .set({
      fulfilment: {
        shipping: { countries: ['JP'], pricing: 'per_order', price: 500, dispatchDays: 2 },
        pickup: {
          points: [
            {
              id: 'pt1',
              name: 'Shibuya shop',
              address: 'Shibuya',
              hours: '10–19',
              windowDays: 7,
              capacity: null,
            },
          ],
        },
        voucher: { validUntil: '2099-12-31', instructions: 'Show the code' },
      },
    })
    .where(eq(deals.id, deal.id));
  dealId = deal.id;
  const won = await seedGroup(h.t.db, deal, { status: 'won', finalUnitPrice: 800 });
  const open = await seedGroup(h.t.db, deal, { status: 'open' });
  await seedOrder(won.id, { alias: 'Aoi', method: 'shipping', status: 'to_fulfil' });
  await seedOrder(won.id, { alias: 'Ben', method: 'shipping', status: 'to_fulfil' });
  await seedOrder(won.id, { alias: 'Cho', method: 'shipping', status: 'delivered' });
  await seedOrder(won.id, { alias: 'Dan', method: 'pickup', status: 'to_fulfil' });
  await seedOrder(won.id, { alias: 'Eri', method: 'voucher', status: 'issued' });
  openOrder = await seedOrder(open.id, { alias: 'Fay', method: 'shipping', status: 'pending' });
  const strangerDeal = await seedDeal(h.t.db, stranger.merchantId, { title: 'Not yours' });
  const strangerWon = await seedGroup(h.t.db, strangerDeal, { status: 'won' });
  strangerOrder = await seedOrder(strangerWon.id, { alias: 'Gus', method: 'shipping', status: 'to_fulfil' });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('the order list', () => {
  it('shows contact and address for won groups only, and only the merchant’s own orders', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    const { orders: list } = await api.merchantOrders.list({ dealId });
    expect(list.map((o) => o.alias).sort()).toEqual(['Aoi', 'Ben', 'Cho', 'Dan', 'Eri', 'Fay']);
    const aoi = list.find((o) => o.alias === 'Aoi');
    expect(aoi?.contact).toMatchObject({
      email: 'aoi@example.test',
      phone: '+81 90 1234 5678',
      address: ADDRESS,
    });
    expect(aoi?.contact?.addressLines).toContain('〒150-0001');
    expect(aoi?.country).toBe('JP');
    const fay = list.find((o) => o.alias === 'Fay');
    // An open group's buyer: nothing private reaches the merchant, in any field.
    expect(fay?.contact).toBeNull();
    expect(fay?.country).toBeNull();
    expect(JSON.stringify(fay)).not.toContain('fay@example.test');
    expect(JSON.stringify(fay)).not.toContain('Jingumae');
    const across = await api.merchantOrders.list({});
    expect(across.orders.some((o) => o.number === strangerOrder)).toBe(false);
  });

  it('filters by status, pickup point and country; the country filter never matches an open group', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    const toFulfil = await api.merchantOrders.list({ status: 'to_fulfil' });
    expect(toFulfil.orders.map((o) => o.alias).sort()).toEqual(['Aoi', 'Ben', 'Dan']);
    const atPoint = await api.merchantOrders.list({ pickupPointId: 'pt1' });
    expect(atPoint.orders.map((o) => o.alias)).toEqual(['Dan']);
    expect(atPoint.orders[0]?.pickupPoint).toEqual({ id: 'pt1', name: 'Shibuya shop' });
    const jp = await api.merchantOrders.list({ country: 'jp' });
    expect(jp.orders.map((o) => o.alias).sort()).toEqual(['Aoi', 'Ben', 'Cho']);
  });

  it('refuses another merchant’s deal as not found', async () => {
    const api = h.caller(stranger.user, stranger.merchantId);
    await expect(api.merchantOrders.list({ dealId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.merchantOrders.packingList({ dealId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('prints a packing list of the orders to send and a pickup list with codes', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    const packing = await api.merchantOrders.packingList({ dealId });
    expect(packing.orders.map((o) => o.alias)).toEqual(
      ['Aoi', 'Ben'].sort((a, b) => (numbers[a] ?? '').localeCompare(numbers[b] ?? '')),
    );
    expect(packing.orders[0]?.contact?.address).toEqual(ADDRESS);
    const pickup = await api.merchantOrders.pickupList({ dealId, pointId: 'pt1' });
    expect(pickup.point.name).toBe('Shibuya shop');
    expect(pickup.orders).toHaveLength(1);
    expect(pickup.orders[0]?.code).toMatch(/^P/);
  });
});

describe('one order’s steps', () => {
  it('refuses a step the order cannot take and another shop’s order, and a tracking link that is not a web address', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    const cho = await orderByNumber(numbers.Cho ?? '');
    await expect(api.merchantOrders.move({ orderId: cho.id, move: 'deliver' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This order cannot take that step now: it is delivered.',
    });
    const theirs = await orderByNumber(strangerOrder);
    await expect(
      api.merchantOrders.ship({ orderId: theirs.id, carrier: 'DHL', trackingNumber: '1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const fay = await orderByNumber(openOrder);
    // An open group's order takes no step (and says nothing about it).
    await expect(api.merchantOrders.move({ orderId: fay.id, move: 'ready' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const aoi = await orderByNumber(numbers.Aoi ?? '');
    await expect(
      api.merchantOrders.ship({
        orderId: aoi.id,
        carrier: 'DHL',
        trackingNumber: '1',
        trackingUrl: 'javascript:alert(1)',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await orderByNumber(numbers.Aoi ?? '')).status).toBe('to_fulfil');
  });

  it('marks every waiting order at a point ready, once', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    expect(await api.merchantOrders.pointReady({ dealId, pointId: 'pt1' })).toEqual({ ready: 1 });
    expect(await api.merchantOrders.pointReady({ dealId, pointId: 'pt1' })).toEqual({ ready: 0 });
    expect((await orderByNumber(numbers.Dan ?? '')).status).toBe('ready');
    await expect(api.merchantOrders.pointReady({ dealId, pointId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('the members export', () => {
  it('fills the e-mail column for won groups only, with the order’s contact e-mail', async () => {
    const { csv } = await membersCsv(h.deps, owner.merchantId, dealId);
    const line = (alias: string) => csv.split('\r\n').find((l) => l.includes(`,${alias},`)) ?? '';
    expect(line('Aoi')).toContain(',aoi@example.test,');
    expect(line('Fay')).toMatch(/,open,Fay,,2,/);
    expect(csv).not.toContain('fay@example.test');
  });
});

describe('tracking CSV', () => {
  it('previews every row’s problem and changes nothing until the whole file is valid', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    const csv = [
      'order_number,carrier,tracking_number,tracking_url',
      `${numbers.Aoi},Yamato,1111,https://track.example/1111`,
      'FL-NOSUCH,Yamato,2222,',
      `${strangerOrder},Yamato,3333,`,
      `${numbers.Aoi},Yamato,4444,`,
      ',,,',
      `${numbers.Cho},Yamato,5555,`,
      `${openOrder},Yamato,6666,`,
      `${numbers.Ben},,7777,`,
      `${numbers.Dan},Yamato,8888,`,
      `${numbers.Ben},Yamato,9999,http://track.example/9999`,
    ].join('\r\n');
    const preview = await api.merchantOrders.previewTracking({ csv });
    expect(preview.valid).toBe(false);
    expect(preview.rows.map((r) => r.error?.key ?? null)).toEqual([
      null,
      'merchantOrders.csv.unknownOrder',
      'merchantOrders.csv.otherMerchant',
      'merchantOrders.csv.duplicate',
      'merchantOrders.csv.emptyRow',
      'merchantOrders.csv.notShippable',
      'merchantOrders.csv.notShippable',
      'merchantOrders.csv.missingCarrier',
      'merchantOrders.csv.notShipping',
      'merchantOrders.csv.badTrackingUrl',
    ]);
    expect(preview.rows[3]?.error?.values).toEqual({ number: numbers.Aoi, line: 2 });
    // Another shop's order: not even its buyer's alias is shown.
    expect(preview.rows[2]?.alias).toBeNull();
    await expect(api.merchantOrders.applyTracking({ csv })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '9 rows need fixing; nothing was changed.',
    });
    // The valid first row was not applied either.
    expect((await orderByNumber(numbers.Aoi ?? '')).status).toBe('to_fulfil');
    expect((await orderByNumber(strangerOrder)).status).toBe('to_fulfil');
  });

  it('applies a valid file in one transaction, with an event per order', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    const csv = `${numbers.Aoi},Yamato,1111,https://track.example/1111\n${numbers.Ben?.toLowerCase()}, Sagawa ,2222,\n`;
    const preview = await api.merchantOrders.previewTracking({ csv });
    expect(preview.valid).toBe(true);
    expect(await api.merchantOrders.applyTracking({ csv })).toEqual({ shipped: 2 });
    const aoi = await orderByNumber(numbers.Aoi ?? '');
    expect(aoi).toMatchObject({
      status: 'shipped',
      carrier: 'Yamato',
      trackingNumber: '1111',
      trackingUrl: 'https://track.example/1111',
    });
    expect(await orderByNumber(numbers.Ben ?? '')).toMatchObject({
      status: 'shipped',
      carrier: 'Sagawa',
      trackingUrl: null,
    });
    const shippedEvents = await h.t.db.select().from(events).where(eq(events.type, 'order.shipped'));
    expect(shippedEvents.filter((e) => e.dealId === dealId)).toHaveLength(2);
    // The same file again: both rows are now shipped, so nothing is applied twice.
    await expect(api.merchantOrders.applyTracking({ csv })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('rolls back every row when one fails while applying', async () => {
    // Two files racing for one order: the second's check runs after the first commits, so it is refused whole.
    const api = h.caller(owner.user, owner.merchantId);
    await h.t.db
      .update(orders)
      .set({ status: 'to_fulfil' })
      .where(eq(orders.number, numbers.Cho ?? ''));
    const a = api.merchantOrders.applyTracking({ csv: `${numbers.Cho},Yamato,9999,` });
    const b = api.merchantOrders.applyTracking({ csv: `${numbers.Cho},Sagawa,0000,` });
    const results = await Promise.allSettled([a, b]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const cho = await orderByNumber(numbers.Cho ?? '');
    expect(cho.status).toBe('shipped');
    const eventsForCho = await h.t.db.select().from(events).where(eq(events.memberId, cho.memberId));
    expect(eventsForCho.filter((e) => e.type === 'order.shipped')).toHaveLength(1);
  });
});

describe('the pickup desk', () => {
  it('hands over once; a second scan says when and by whom', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    const dan = await orderByNumber(numbers.Dan ?? '');
    const first = await api.merchantOrders.handOver({
      code: `https://flock.test/o/${dan.number}?code=${dan.pickupCode}`,
    });
    expect(first).toMatchObject({
      outcome: 'handedOver',
      order: { alias: 'Dan', status: 'picked_up', quantity: 2 },
    });
    const second = await api.merchantOrders.handOver({ code: ` ${dan.pickupCode?.toLowerCase()} ` });
    expect(second).toMatchObject({ outcome: 'already', by: 'Owner Farm' });
    const after = await orderByNumber(dan.number);
    expect(after.handedOverBy).toBe(owner.user.id);
  });

  it('redeems a voucher code at the same desk', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    const eri = await orderByNumber(numbers.Eri ?? '');
    const r = await api.merchantOrders.handOver({ code: eri.voucherCode ?? '' });
    expect(r).toMatchObject({ outcome: 'handedOver', order: { status: 'redeemed' } });
  });

  it('refuses a voucher after its last day, wherever it still is that day', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    const deal = await seedDeal(h.t.db, owner.merchantId, { title: 'Massage' });
    await h.t.db
      .update(deals)
      .set({
        fulfilment: { shipping: null, pickup: null, voucher: { validUntil: '2020-01-31', instructions: '' } },
      })
      .where(eq(deals.id, deal.id));
    const won = await seedGroup(h.t.db, deal, { status: 'won' });
    const number = await seedOrder(won.id, { alias: 'Hana', method: 'voucher', status: 'issued' });
    const code = (await orderByNumber(number)).voucherCode ?? '';
    await expect(api.merchantOrders.handOver({ code })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This voucher has expired: it was valid until 2020-01-31.',
    });
  });

  it('refuses an unknown code and another shop’s code plainly', async () => {
    const api = h.caller(owner.user, owner.merchantId);
    await expect(api.merchantOrders.handOver({ code: 'PNOPE' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No order has the code PNOPE.',
    });
    const eri = await orderByNumber(numbers.Eri ?? '');
    const theirs = h.caller(stranger.user, stranger.merchantId);
    await expect(theirs.merchantOrders.handOver({ code: eri.voucherCode ?? '' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
