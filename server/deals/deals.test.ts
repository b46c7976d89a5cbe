// Deals through the tRPC caller against real PostgreSQL: validation with per-field messages, ownership,
// the lifecycle and its events, and terms locked while a group is open.
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, events, groups } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { appRouter } from '@/server/trpc/root';
import type { SessionUser } from '@/server/auth/session-user';

let h: Harness;
let owner: { user: SessionUser; merchantId: string };
let stranger: { user: SessionUser; merchantId: string };

beforeAll(async () => {
  h = await createHarness();
  owner = await h.makeMerchant({ name: 'Ramen Co' });
  stranger = await h.makeMerchant({ name: 'Other Shop' });
});
afterAll(async () => h.close());

const validDeal = {
  title: 'Tonkotsu ramen kit',
  description: 'Four bowls.',
  currency: 'JPY',
  listPrice: 3000,
  tiers: [
    { minMembers: 3, unitPrice: 2500 },
    { minMembers: 10, unitPrice: 2000 },
  ],
  windowSeconds: 86_400,
  // A deal is published only with a way for buyers to get their order.
  fulfilment: { shipping: null, pickup: null, voucher: { validUntil: '2099-12-31', instructions: '' } },
};

const asOwner = () => h.caller(owner.user, owner.merchantId);
const asStranger = () => h.caller(stranger.user, stranger.merchantId);

/** Calls a mutation over HTTP exactly as the browser does, returning the error body the client sees. */
async function httpError(user: SessionUser, merchantId: string, path: string, input: unknown) {
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    router: appRouter,
    req: new Request(`http://flock.test/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: input }),
    }),
    createContext: () => ({ deps: h.deps, user, merchantId, headers: null }),
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

async function dealCount(): Promise<number> {
  return (await h.t.db.select({ id: deals.id }).from(deals)).length;
}

async function eventTypes(dealId: string): Promise<string[]> {
  const rows = await h.t.db
    .select({ type: events.type })
    .from(events)
    .where(eq(events.dealId, dealId))
    .orderBy(events.id);
  return rows.map((r) => r.type);
}

async function openGroupOn(dealId: string, status: 'open' | 'closing' | 'won' = 'open'): Promise<string> {
  const [g] = await h.t.db
    .insert(groups)
    .values({
      code: `g${Math.random().toString(36).slice(2, 12)}`,
      dealId,
      status,
      currency: 'JPY',
      listPrice: 3000,
      tiers: validDeal.tiers,
      minMembers: 3,
      maxMembers: 500,
      qrCutoff: 100,
      perBuyerMax: 1,
      deadline: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: groups.id });
  if (!g) throw new Error('group insert failed');
  return g.id;
}

describe('creating a deal', () => {
  it('creates a draft with the documented defaults, a readable unique slug, and a deal.created event', async () => {
    const a = await asOwner().deals.create(validDeal);
    const b = await asOwner().deals.create(validDeal);
    expect(a.status).toBe('draft');
    expect({
      maxMembers: a.maxMembers,
      qrCutoff: a.qrCutoff,
      perBuyerMax: a.perBuyerMax,
      stock: a.stock,
      imageUrl: a.imageUrl,
    }).toEqual({
      maxMembers: 500,
      qrCutoff: 100,
      perBuyerMax: 1,
      stock: null,
      imageUrl: null,
    });
    expect(a.slug).toMatch(/^tonkotsu-ramen-kit-[a-z2-9]{6}$/);
    expect(b.slug).not.toBe(a.slug);
    expect(await eventTypes(a.id)).toEqual(['deal.created']);
  });

  it('gives titles without Latin letters a usable slug', async () => {
    const d = await asOwner().deals.create({ ...validDeal, title: '豚骨ラーメン' });
    expect(d.slug).toMatch(/^deal-[a-z2-9]{6}$/);
    expect(d.title).toBe('豚骨ラーメン');
  });

  it('answers bad tiers with a message on each offending field, as the browser receives it', async () => {
    const before = await dealCount();
    const err = await httpError(owner.user, owner.merchantId, 'deals.create', {
      ...validDeal,
      tiers: [
        { minMembers: 3, unitPrice: 2500 },
        { minMembers: 10, unitPrice: 2600 },
        { minMembers: 8, unitPrice: 1000 },
      ],
    });
    expect(err.status).toBe(400);
    expect(err.data.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('Some fields need attention.');
    expect(err.data.fields?.['tiers.1.unitPrice']).toMatch(/lower than the bracket above \(¥2,500\)/);
    expect(err.data.fields?.['tiers.2.minMembers']).toMatch(/more than the bracket above \(10\)/);
    expect(await dealCount()).toBe(before);
  });

  it.each([
    ['zero list price', { listPrice: 0 }, 'listPrice', /more than zero/],
    [
      'negative tier price',
      { tiers: [{ minMembers: 2, unitPrice: -100 }] },
      'tiers.0.unitPrice',
      /more than zero/,
    ],
    ['fractional price', { listPrice: 29.99 }, 'listPrice', /whole number/],
    ['unknown currency', { currency: 'XYZ' }, 'currency', /"XYZ"/],
    ['window over 30 days', { windowSeconds: 2_592_001 }, 'windowSeconds', /at most 30 days/],
    ['window under a minute', { windowSeconds: 30 }, 'windowSeconds', /at least 60 seconds/],
    [
      'first tier above list price',
      { tiers: [{ minMembers: 2, unitPrice: 3500 }] },
      'tiers.0.unitPrice',
      /list price \(¥3,000\)/,
    ],
    ['last tier beyond group size', { maxMembers: 5 }, 'tiers.1.minMembers', /at most 5/],
    ['cutoff beyond group size', { maxMembers: 50, qrCutoff: 60 }, 'qrCutoff', /group size \(50\)/],
    ['group size over 5000', { maxMembers: 5001 }, 'maxMembers', /at most 5000/],
    ['per-buyer over 100', { perBuyerMax: 101 }, 'perBuyerMax', /at most 100/],
    ['empty title', { title: '   ' }, 'title', /title/],
    ['title over 120', { title: 'x'.repeat(121) }, 'title', /120/],
    ['script image', { imageUrl: 'javascript:alert(1)' }, 'imageUrl', /https/],
    ['image outside uploads', { imageUrl: '/uploads/../etc/passwd' }, 'imageUrl', /uploaded file/],
    ['image elsewhere on the site', { imageUrl: '/api/trpc/x.png' }, 'imageUrl', /uploaded file/],
    ['zero stock', { stock: 0 }, 'stock', /at least 1/],
  ])('refuses %s with a per-field message', async (_name, change, field, message) => {
    const before = await dealCount();
    const err = await httpError(owner.user, owner.merchantId, 'deals.create', { ...validDeal, ...change });
    expect(err.data.code).toBe('BAD_REQUEST');
    expect(err.data.fields?.[field]).toMatch(message);
    expect(await dealCount()).toBe(before);
  });

  it('accepts the edges: a 6-day window, an https image, an uploaded image, stock', async () => {
    const d = await asOwner().deals.create({
      ...validDeal,
      windowSeconds: 518_400,
      imageUrl: 'https://cdn.example.com/a.jpg',
      stock: 40,
    });
    expect(d.windowSeconds).toBe(518_400);
    expect(d.stock).toBe(40);
    const e = await asOwner().deals.create({ ...validDeal, imageUrl: '/uploads/2024/ramen.webp' });
    expect(e.imageUrl).toBe('/uploads/2024/ramen.webp');
  });
});

describe('who may touch a deal', () => {
  it("lets a stranger merchant neither see nor change another merchant's deal, and changes nothing", async () => {
    const d = await asOwner().deals.create(validDeal);
    const [before] = await h.t.db.select().from(deals).where(eq(deals.id, d.id));
    const eventsBefore = await eventTypes(d.id);
    const s = asStranger();
    const attempts = [
      () => s.deals.get({ dealId: d.id }),
      () => s.deals.update({ dealId: d.id, title: 'Mine now', tiers: [{ minMembers: 2, unitPrice: 1 }] }),
      () => s.deals.publish({ dealId: d.id }),
      () => s.deals.pause({ dealId: d.id }),
      () => s.deals.archive({ dealId: d.id }),
    ];
    for (const attempt of attempts) {
      const err = await rejection(attempt());
      // NOT_FOUND, exactly like a deal that does not exist: never FORBIDDEN, which would reveal it.
      expect(err.code).toBe('NOT_FOUND');
      expect(err.message).toBe('We could not find that deal.');
    }
    const [after] = await h.t.db.select().from(deals).where(eq(deals.id, d.id));
    expect(after).toEqual(before);
    expect(await eventTypes(d.id)).toEqual(eventsBefore);
    expect((await s.deals.list()).map((x) => x.id)).not.toContain(d.id);
  });

  it('refuses buyers (no merchant profile) with FORBIDDEN and signed-out callers with UNAUTHORIZED', async () => {
    const d = await asOwner().deals.create(validDeal);
    const buyer = await h.makeUser();
    const asBuyer = h.caller(buyer, null);
    for (const attempt of [
      () => asBuyer.deals.create(validDeal),
      () => asBuyer.deals.update({ dealId: d.id, title: 'x' }),
      () => asBuyer.deals.list(),
    ]) {
      expect((await rejection(attempt())).code).toBe('FORBIDDEN');
    }
    expect((await rejection(h.caller(null).deals.publish({ dealId: d.id }))).code).toBe('UNAUTHORIZED');
    const [row] = await h.t.db
      .select({ title: deals.title, status: deals.status })
      .from(deals)
      .where(eq(deals.id, d.id));
    expect(row).toEqual({ title: validDeal.title, status: 'draft' });
  });
});

describe('the lifecycle', () => {
  it('publishes, pauses, republishes and archives, writing one event per change', async () => {
    const c = asOwner();
    const d = await c.deals.create(validDeal);
    // A draft is not public.
    expect((await rejection(h.caller(null).deals.bySlug({ slug: d.slug }))).code).toBe('NOT_FOUND');
    expect((await rejection(c.deals.pause({ dealId: d.id }))).message).toMatch(/not published yet/);

    const live = await c.deals.publish({ dealId: d.id });
    expect(live.status).toBe('active');
    expect(live.publishedAt).toBeInstanceOf(Date);
    // A double click is harmless and records nothing.
    await c.deals.publish({ dealId: d.id });

    const pub = await h.caller(null).deals.bySlug({ slug: d.slug });
    expect(pub).toMatchObject({
      status: 'active',
      acceptingNewGroups: true,
      minMembers: 3,
      bestPrice: 2000,
      bestSavings: { amount: 1000, percent: 33 },
    });
    expect(pub.ladder.map((s) => [s.minMembers, s.unitPrice, s.membersNeeded])).toEqual([
      [3, 2500, 3],
      [10, 2000, 10],
    ]);
    // The shop's public profile only: nothing of its owner's account.
    expect(pub.merchant).toEqual({
      name: 'Ramen Co',
      logoUrl: null,
      about: '',
      contactEmail: null,
      shippingPolicy: '',
      returnsPolicy: '',
    });
    expect(Object.keys(pub)).not.toContain('merchantId');
    expect(Object.keys(pub)).not.toContain('stockTaken');

    await c.deals.pause({ dealId: d.id });
    const paused = await h.caller(null).deals.bySlug({ slug: d.slug });
    expect(paused).toMatchObject({ status: 'paused', acceptingNewGroups: false });
    expect((await h.caller(null).deals.listActive()).map((x) => x.slug)).not.toContain(d.slug);

    await c.deals.publish({ dealId: d.id });
    await c.deals.archive({ dealId: d.id });
    expect((await rejection(h.caller(null).deals.bySlug({ slug: d.slug }))).code).toBe('NOT_FOUND');
    expect((await rejection(c.deals.publish({ dealId: d.id }))).message).toMatch(/archived/);
    expect((await rejection(c.deals.update({ dealId: d.id, title: 'Again' }))).code).toBe('CONFLICT');

    expect(await eventTypes(d.id)).toEqual([
      'deal.created',
      'deal.published',
      'deal.paused',
      'deal.published',
      'deal.archived',
    ]);
  });

  it('lists active deals for the home page with prices and open-group counts', async () => {
    const d = await asOwner().deals.create({ ...validDeal, title: 'Gyoza box' });
    await asOwner().deals.publish({ dealId: d.id });
    await openGroupOn(d.id);
    await openGroupOn(d.id, 'won');
    const card = (await h.caller(null).deals.listActive()).find((x) => x.slug === d.slug);
    expect(card).toEqual({
      slug: d.slug,
      title: 'Gyoza box',
      titleLocale: 'en',
      imageUrl: null,
      currency: 'JPY',
      listPrice: 3000,
      firstPrice: 2500,
      bestPrice: 2000,
      bestSavingsPercent: 33,
      openGroups: 1,
      merchantName: 'Ramen Co',
    });
    const mine = (await asOwner().deals.list()).find((x) => x.id === d.id);
    expect(mine?.groups).toEqual({ open: 1, won: 1, failed: 0 });
    expect(mine?.termsLocked).toBe(true);
  });
});

describe('editing a deal', () => {
  it('locks tiers, prices, window and limits while a group is open, but not the title', async () => {
    const c = asOwner();
    const d = await c.deals.create(validDeal);
    await c.deals.publish({ dealId: d.id });
    const groupId = await openGroupOn(d.id);

    const newTiers = [{ minMembers: 2, unitPrice: 2400 }];
    for (const change of [
      { tiers: newTiers },
      { listPrice: 3200 },
      { currency: 'USD' },
      { windowSeconds: 3600 },
      { maxMembers: 200 },
      { perBuyerMax: 2 },
    ]) {
      const err = await rejection(c.deals.update({ dealId: d.id, ...change }));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toMatch(/group is open/);
    }
    const [row] = await h.t.db
      .select({ tiers: deals.tiers, listPrice: deals.listPrice })
      .from(deals)
      .where(eq(deals.id, d.id));
    expect(row).toEqual({ tiers: validDeal.tiers, listPrice: 3000 });

    // A form that resubmits unchanged terms with a new title goes through.
    const renamed = await c.deals.update({
      dealId: d.id,
      ...validDeal,
      title: 'Tonkotsu ramen kit (new recipe)',
      imageUrl: '/uploads/r.png',
    });
    expect(renamed.title).toBe('Tonkotsu ramen kit (new recipe)');
    expect(renamed.slug).toBe(d.slug);
    expect((await rejection(c.deals.archive({ dealId: d.id }))).message).toMatch(/1 open group/);

    // A closing group still locks them; a finished one does not.
    await h.t.db.update(groups).set({ status: 'closing' }).where(eq(groups.id, groupId));
    expect((await rejection(c.deals.update({ dealId: d.id, tiers: newTiers }))).code).toBe('CONFLICT');
    await h.t.db.update(groups).set({ status: 'won' }).where(eq(groups.id, groupId));
    const changed = await c.deals.update({ dealId: d.id, tiers: newTiers });
    expect(changed.tiers).toEqual(newTiers);
    expect(changed.termsLocked).toBe(false);

    const updates = await h.t.db
      .select({ payload: events.payload })
      .from(events)
      .where(and(eq(events.dealId, d.id), eq(events.type, 'deal.updated')))
      .orderBy(events.id);
    expect(updates.map((e) => e.payload)).toEqual([
      { changed: ['title', 'imageUrl'] },
      { changed: ['tiers'] },
    ]);
  });

  it('checks a partial change against the rest of the deal, with per-field messages', async () => {
    const c = asOwner();
    const d = await c.deals.create({ ...validDeal, maxMembers: 50, qrCutoff: 20 });
    const cutoff = await httpError(owner.user, owner.merchantId, 'deals.update', {
      dealId: d.id,
      qrCutoff: 80,
    });
    expect(cutoff.data.code).toBe('BAD_REQUEST');
    expect(cutoff.data.fields?.qrCutoff).toMatch(/group size \(50\)/);
    const tier = await httpError(owner.user, owner.merchantId, 'deals.update', {
      dealId: d.id,
      maxMembers: 8,
    });
    expect(tier.data.fields?.['tiers.1.minMembers']).toMatch(/at most 8/);
    const [row] = await h.t.db
      .select({ maxMembers: deals.maxMembers, qrCutoff: deals.qrCutoff })
      .from(deals)
      .where(eq(deals.id, d.id));
    expect(row).toEqual({ maxMembers: 50, qrCutoff: 20 });
  });

  it('refuses stock below the units already taken, and clears stock with null', async () => {
    const c = asOwner();
    const d = await c.deals.create({ ...validDeal, stock: 30 });
    await h.t.db.update(deals).set({ stockTaken: 12 }).where(eq(deals.id, d.id));
    const err = await httpError(owner.user, owner.merchantId, 'deals.update', { dealId: d.id, stock: 10 });
    expect(err.data.fields?.stock).toMatch(/12 units already taken/);
    expect((await c.deals.update({ dealId: d.id, stock: 12 })).stock).toBe(12);
    expect((await c.deals.update({ dealId: d.id, stock: null })).stock).toBeNull();
  });
});
