// Merchant profiles through the tRPC caller: who may become a merchant, one profile per user, edits.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, merchants } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

async function profilesOf(userId: string) {
  return h.t.db.select().from(merchants).where(eq(merchants.userId, userId));
}

describe('merchant profiles', () => {
  it('turns a signed-in user into a merchant once, and records it', async () => {
    const u = await h.makeUser({ email: 'shop@example.test' });
    const c = h.caller(u, null);
    expect(await c.merchant.profile()).toBeNull();

    const p = await c.merchant.createProfile({ name: '  Kyoto Tea  ', defaultCurrency: 'JPY' });
    expect(p).toMatchObject({ name: 'Kyoto Tea', defaultCurrency: 'JPY', logoUrl: null });
    expect(Object.keys(p)).not.toContain('userId');
    expect(await c.merchant.profile()).toEqual(p);

    await expect(
      c.merchant.createProfile({ name: 'Second shop', defaultCurrency: 'USD' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'You already have a merchant profile.',
    });
    expect(await profilesOf(u.id)).toHaveLength(1);

    const created = await h.t.db
      .select({ payload: events.payload })
      .from(events)
      .where(eq(events.type, 'merchant.created'));
    expect(created.map((e) => e.payload)).toEqual([{ merchantId: p.id }]);
  });

  it('refuses guest (anonymous) accounts and signed-out callers', async () => {
    const guest = await h.makeUser({ anonymous: true });
    await expect(
      h.caller(guest, null).merchant.createProfile({ name: 'Pop-up', defaultCurrency: 'USD' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/email and a password/),
    });
    expect(await profilesOf(guest.id)).toHaveLength(0);
    await expect(
      h.caller(null).merchant.createProfile({ name: 'x', defaultCurrency: 'USD' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses an unknown currency, an empty name and an unsafe logo', async () => {
    const u = await h.makeUser();
    const c = h.caller(u, null);
    for (const bad of [
      { name: 'Shop', defaultCurrency: 'ABC' },
      { name: ' ', defaultCurrency: 'USD' },
      { name: 'Shop', defaultCurrency: 'USD', logoUrl: 'http://insecure.example/logo.png' },
    ]) {
      await expect(c.merchant.createProfile(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await profilesOf(u.id)).toHaveLength(0);
  });

  it('lets a merchant edit their own profile, and only a merchant', async () => {
    const m = await h.makeMerchant({ name: 'Old name' });
    const c = h.caller(m.user, m.merchantId);
    const p = await c.merchant.updateProfile({
      name: 'New name',
      logoUrl: 'https://cdn.example.com/logo.png',
    });
    expect(p).toMatchObject({
      id: m.merchantId,
      name: 'New name',
      defaultCurrency: 'USD',
      logoUrl: 'https://cdn.example.com/logo.png',
    });
    expect((await c.merchant.updateProfile({ logoUrl: null })).logoUrl).toBeNull();
    await expect(c.merchant.updateProfile({ defaultCurrency: 'usd' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });

    const buyer = await h.makeUser();
    await expect(h.caller(buyer, null).merchant.updateProfile({ name: 'Hijack' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const [row] = await h.t.db
      .select({ name: merchants.name })
      .from(merchants)
      .where(eq(merchants.id, m.merchantId));
    expect(row?.name).toBe('New name');
  });
});
