// Test support: inserts deals, groups, members and visits exactly as given, so console and insights
// tests can state a history and assert the figures computed from it. Not used by the app.
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { deals, groups, members, visits } from '@/db/schema';
import type { TierRow } from '@/db/schema';

const code = () => randomBytes(6).toString('hex');

/** Inserts an active deal for a merchant. */
export async function seedDeal(
  db: Db,
  merchantId: string,
  o: { listPrice?: number; tiers?: TierRow[]; currency?: string; title?: string } = {},
) {
  const [d] = await db
    .insert(deals)
    .values({
      merchantId,
      slug: `seed-${code()}`,
      title: o.title ?? 'Seeded deal',
      currency: o.currency ?? 'USD',
      listPrice: o.listPrice ?? 1000,
      tiers: o.tiers ?? [
        { minMembers: 2, unitPrice: 800 },
        { minMembers: 4, unitPrice: 600 },
      ],
      windowSeconds: 86_400,
      maxMembers: 10,
      qrCutoff: 10,
      perBuyerMax: 3,
      status: 'active',
    })
    .returning();
  if (!d) throw new Error('deal insert failed');
  return d;
}

type GroupSeed = Partial<typeof groups.$inferInsert> & { status: (typeof groups.$inferInsert)['status'] };

/** Inserts a group on a deal with the deal's terms frozen and the given status and counters. */
export async function seedGroup(db: Db, deal: typeof deals.$inferSelect, o: GroupSeed) {
  const [g] = await db
    .insert(groups)
    .values({
      code: code(),
      dealId: deal.id,
      currency: deal.currency,
      listPrice: deal.listPrice,
      tiers: deal.tiers,
      minMembers: deal.tiers[0]?.minMembers ?? 1,
      maxMembers: deal.maxMembers,
      qrCutoff: deal.qrCutoff,
      perBuyerMax: deal.perBuyerMax,
      deadline: new Date(Date.now() + 86_400_000),
      ...o,
    })
    .returning();
  if (!g) throw new Error('group insert failed');
  return g;
}

type MemberSeed = Omit<typeof members.$inferInsert, 'groupId' | 'inviteCode' | 'alias'> & { alias?: string };

/** Inserts a member into a group as given. */
export async function seedMember(db: Db, groupId: string, o: MemberSeed) {
  const [m] = await db
    .insert(members)
    .values({ alias: o.alias ?? `buyer-${code()}`, inviteCode: code(), groupId, ...o })
    .returning();
  if (!m) throw new Error('member insert failed');
  return m;
}

/** Inserts `n` page visits on a deal from a channel. */
export async function seedVisits(db: Db, dealId: string, channel: string, n: number) {
  if (n > 0) await db.insert(visits).values(Array.from({ length: n }, () => ({ dealId, channel })));
}
