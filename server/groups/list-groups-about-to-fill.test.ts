import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { openGroup } from './open-group';
import { makeDeal, VOUCHER_CHOICE } from './test-factory';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

const slugOf = async (dealId: string) =>
  (await h.deps.db.select({ slug: deals.slug }).from(deals).where(eq(deals.id, dealId)))[0]?.slug ?? '';

const join = async (code: string, alias: string, paymentMethod?: string) => {
  const u = await h.makeUser({ anonymous: true });
  return h.caller(u).groups.join({
    code,
    alias,
    quantity: 1,
    fulfilment: VOUCHER_CHOICE,
    idempotencyKey: randomUUID(),
    paymentMethod,
  });
};

describe('groups about to fill (the deal page and home page lists)', () => {
  it('never lists a group nobody has joined, whether a shopper or the merchant opened it', async () => {
    const { dealId, merchantId } = await makeDeal(h.deps, {
      tiers: [
        { minMembers: 3, unitPrice: 2600 },
        { minMembers: 6, unitPrice: 2300 },
      ],
    });
    const slug = await slugOf(dealId);
    const list = () => h.caller(null).groups.aboutToFill({ slug });

    const shopper = await h.makeUser({ anonymous: true });
    const byShopper = await openGroup(h.deps, shopper, { dealId });
    const byMerchant = await openGroup(h.deps, { merchantId }, { dealId });
    expect(await list()).toEqual([]);

    // A seat reserved while the card is still being confirmed is not yet a member who joined.
    const reserved = await join(byShopper.code, 'Ana');
    expect(reserved.member.status).toBe('reserved');
    expect(await list()).toEqual([]);

    await join(byMerchant.code, 'Ben', 'pm_card_visa');
    const listed = await list();
    expect(listed.map((g) => g.code)).toContain(byMerchant.code);
    const ben = listed.find((g) => g.code === byMerchant.code);
    expect(ben).toMatchObject({ aliases: ['Ben'], confirmedCount: 1 });
    // The list carries the brackets, so a page can say "2 more people needed to go ahead at $26.00".
    expect(ben?.tiers).toEqual([
      { minMembers: 3, unitPrice: 2600 },
      { minMembers: 6, unitPrice: 2300 },
    ]);
  });
});
