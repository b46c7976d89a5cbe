// Test data for the groups tests: deals inserted as rows (independent of the deals services) and groups
// opened through openGroup. Edit when a test needs another kind of deal.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { deals, groups, merchants, user, type DealStatus, type TierRow } from '@/db/schema';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import type { Deps } from '@/server/deps';
import { openGroup } from './open-group';

export type DealOverrides = Partial<{
  tiers: TierRow[];
  listPrice: number;
  currency: string;
  windowSeconds: number;
  maxMembers: number;
  qrCutoff: number;
  perBuyerMax: number;
  stock: number | null;
  status: DealStatus;
  fulfilment: FulfilmentOptions;
}>;

/** The fulfilment of a test deal unless a test gives its own: a voucher, so a join needs only an e-mail. */
export const TEST_FULFILMENT: FulfilmentOptions = {
  shipping: null,
  pickup: null,
  voucher: { validUntil: '2099-12-31', instructions: 'Show the code at the counter.' },
};

/** A join's order choice for TEST_FULFILMENT. */
export const VOUCHER_CHOICE = { method: 'voucher', contactEmail: 'buyer@example.test' } as const;

/** Inserts an active deal (with its own merchant) and returns its id. */
export async function makeDeal(
  deps: Deps,
  o: DealOverrides = {},
): Promise<{ dealId: string; merchantId: string }> {
  const uid = randomUUID();
  await deps.db
    .insert(user)
    .values({ id: uid, email: `merchant-${uid.slice(0, 8)}@example.test`, name: 'Merchant' });
  const [m] = await deps.db
    .insert(merchants)
    .values({ userId: uid, name: 'Test Shop' })
    .returning({ id: merchants.id });
  if (!m) throw new Error('merchant insert failed');
  const [d] = await deps.db
    .insert(deals)
    .values({
      merchantId: m.id,
      slug: `deal-${randomUUID().slice(0, 8)}`,
      title: 'Ceramic mug',
      description: 'A good mug',
      currency: o.currency ?? 'USD',
      listPrice: o.listPrice ?? 2000,
      tiers: o.tiers ?? [
        { minMembers: 1, unitPrice: 1500 },
        { minMembers: 2, unitPrice: 1200 },
        { minMembers: 3, unitPrice: 1000 },
      ],
      windowSeconds: o.windowSeconds ?? 24 * 3600,
      maxMembers: o.maxMembers ?? 500,
      qrCutoff: o.qrCutoff ?? 100,
      perBuyerMax: o.perBuyerMax ?? 3,
      stock: o.stock ?? null,
      status: o.status ?? 'active',
      fulfilment: o.fulfilment ?? TEST_FULFILMENT,
      publishedAt: new Date(),
    })
    .returning({ id: deals.id });
  if (!d) throw new Error('deal insert failed');
  return { dealId: d.id, merchantId: m.id };
}

/** An active deal with one open group on it. */
export async function makeGroup(
  deps: Deps,
  o: DealOverrides = {},
): Promise<{ dealId: string; groupId: string; code: string }> {
  const { dealId, merchantId } = await makeDeal(deps, o);
  const g = await openGroup(deps, { merchantId }, { dealId });
  return { dealId, groupId: g.id, code: g.code };
}

/** Reads a group row. */
export async function readGroup(deps: Deps, groupId: string) {
  const [g] = await deps.db.select().from(groups).where(eq(groups.id, groupId));
  if (!g) throw new Error('no such group');
  return g;
}
