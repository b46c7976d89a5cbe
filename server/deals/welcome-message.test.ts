// A deal's welcome message (posted in its groups' rooms when members join): stored as typed (newlines and
// the {aliases} placeholder kept), refused with a per-field message when too long or holding control
// characters, and editable while a group is open, since it changes no buyer's terms.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, events, groups } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session-user';
import { appRouter } from '@/server/trpc/root';
import { createHarness, type Harness } from '@/test/harness';

let h: Harness;
let owner: { user: SessionUser; merchantId: string };

beforeAll(async () => {
  h = await createHarness();
  owner = await h.makeMerchant({ name: 'Welcome Bakery' });
});
afterAll(async () => h.close());

const validDeal = {
  title: 'Sourdough box',
  currency: 'JPY',
  listPrice: 3000,
  tiers: [{ minMembers: 3, unitPrice: 2500 }],
  windowSeconds: 86_400,
  fulfilment: { shipping: null, pickup: null, voucher: { validUntil: '2099-12-31', instructions: '' } },
};

const asOwner = () => h.caller(owner.user, owner.merchantId);

/** Calls a mutation over HTTP as the browser does, returning the error body the client sees. */
async function httpError(path: string, input: unknown) {
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    router: appRouter,
    req: new Request(`http://flock.test/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: input }),
    }),
    createContext: () => ({ deps: h.deps, user: owner.user, merchantId: owner.merchantId, headers: null }),
  });
  const body = (await res.json()) as {
    error?: { json: { message: string; data: { code: string; fields: Record<string, string> | null } } };
  };
  if (!body.error) throw new Error(`expected ${path} to fail, got ${res.status}`);
  return body.error.json;
}

async function storedWelcome(dealId: string): Promise<string | undefined> {
  const [row] = await h.t.db
    .select({ welcomeMessage: deals.welcomeMessage })
    .from(deals)
    .where(eq(deals.id, dealId));
  return row?.welcomeMessage;
}

describe("a deal's welcome message", () => {
  it('is empty unless the merchant writes one', async () => {
    const d = await asOwner().deals.create(validDeal);
    expect(d.welcomeMessage).toBe('');
    expect(await storedWelcome(d.id)).toBe('');
  });

  it('keeps newlines and the {aliases} placeholder, trimming the ends and Windows line breaks', async () => {
    const d = await asOwner().deals.create({
      ...validDeal,
      welcomeMessage: '  Welcome {aliases}!\r\nPickup is on Saturday.  ',
    });
    expect(await storedWelcome(d.id)).toBe('Welcome {aliases}!\nPickup is on Saturday.');
  });

  it('accepts 1,000 characters and refuses 1,001 with a message on the field', async () => {
    const edge = await asOwner().deals.create({ ...validDeal, welcomeMessage: 'w'.repeat(1000) });
    expect(await storedWelcome(edge.id)).toHaveLength(1000);

    const err = await httpError('deals.create', { ...validDeal, welcomeMessage: 'w'.repeat(1001) });
    expect(err.data.code).toBe('BAD_REQUEST');
    expect(err.data.fields?.welcomeMessage).toBe('The welcome message must be at most 1000 characters');
  });

  it('refuses control characters, naming the field', async () => {
    const err = await httpError('deals.create', { ...validDeal, welcomeMessage: 'Hi\u0000there' });
    expect(err.data.code).toBe('BAD_REQUEST');
    expect(err.data.fields?.welcomeMessage).toMatch(/Welcome message/);
  });

  it('may change while a group is open, recording what changed', async () => {
    const c = asOwner();
    const d = await c.deals.create(validDeal);
    await c.deals.publish({ dealId: d.id });
    await h.t.db.insert(groups).values({
      code: `w${Math.random().toString(36).slice(2, 12)}`,
      dealId: d.id,
      status: 'open',
      currency: 'JPY',
      listPrice: 3000,
      tiers: validDeal.tiers,
      minMembers: 3,
      maxMembers: 500,
      qrCutoff: 100,
      perBuyerMax: 1,
      deadline: new Date(Date.now() + 86_400_000),
    });
    const updated = await c.deals.update({ dealId: d.id, welcomeMessage: 'Hello {aliases}' });
    expect(updated.termsLocked).toBe(true);
    expect(updated.welcomeMessage).toBe('Hello {aliases}');

    const tooLong = await httpError('deals.update', { dealId: d.id, welcomeMessage: 'x'.repeat(1001) });
    expect(tooLong.data.fields?.welcomeMessage).toMatch(/1000/);
    expect(await storedWelcome(d.id)).toBe('Hello {aliases}');

    const updates = await h.t.db
      .select({ payload: events.payload })
      .from(events)
      .where(and(eq(events.dealId, d.id), eq(events.type, 'deal.updated')));
    expect(updates.map((e) => e.payload)).toEqual([{ changed: ['welcomeMessage'] }]);
  });
});
