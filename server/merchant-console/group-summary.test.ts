// The console names a group by its opener's alias, else its first member's; an empty group has none.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { groups } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { summarizeGroups } from './group-summary';
import { seedDeal, seedGroup, seedMember } from './seed-console-history';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

it('names each group after its opener, else its first member, and leaves an empty group unnamed', async () => {
  const db = h.t.db;
  const deal = await seedDeal(db, (await h.makeMerchant()).merchantId);
  const seed = { unitPriceAtJoin: 800, holdAmount: 800, quantity: 1, status: 'authorized' } as const;
  const opener = await h.makeUser();
  const byOpener = await seedGroup(db, deal, { status: 'open', openedByUserId: opener.id });
  await seedMember(db, byOpener.id, {
    ...seed,
    userId: (await h.makeUser()).id,
    alias: 'Early',
    reservedAt: new Date(1000),
  });
  await seedMember(db, byOpener.id, {
    ...seed,
    userId: opener.id,
    alias: 'Opener',
    reservedAt: new Date(2000),
  });
  const byMerchant = await seedGroup(db, deal, { status: 'open' });
  await seedMember(db, byMerchant.id, {
    ...seed,
    userId: (await h.makeUser()).id,
    alias: 'Second',
    reservedAt: new Date(2000),
  });
  await seedMember(db, byMerchant.id, {
    ...seed,
    userId: (await h.makeUser()).id,
    alias: 'First',
    reservedAt: new Date(1000),
  });
  const empty = await seedGroup(db, deal, { status: 'open' });
  const rows = await db.select().from(groups).where(eq(groups.dealId, deal.id));
  const names = new Map((await summarizeGroups(db, rows, 'http://x')).map((g) => [g.id, g.leadAlias]));
  expect(names.get(byOpener.id)).toBe('Opener');
  expect(names.get(byMerchant.id)).toBe('First');
  expect(names.get(empty.id)).toBeNull();
});
