import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, merchants } from '@/db/schema';
import { isCodeShaped } from './random-code';
import { shopProfileColumns } from '@/db/schema/shop-profile';

export type GroupWithDeal = Awaited<ReturnType<typeof findGroupByCode>> & {};

/** The group behind a link code with its deal's display fields, or null (codes are generated lowercase). */
export async function findGroupByCode(db: Tx, code: string) {
  if (!isCodeShaped(code)) return null;
  const variants = [...new Set([code, code.toLowerCase()])];
  const [row] = await db
    .select({
      group: groups,
      deal: {
        id: deals.id,
        slug: deals.slug,
        title: deals.title,
        description: deals.description,
        contentLocale: deals.contentLocale,
        translations: deals.translations,
        fulfilment: deals.fulfilment,
        imageUrl: deals.imageUrl,
        status: deals.status,
        stock: deals.stock,
        merchantId: deals.merchantId,
      },
      // What shoppers may read about who sells (the shop's public profile, never its owner's account).
      shop: shopProfileColumns,
    })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .where(variants.length === 1 ? eq(groups.code, code) : inArray(groups.code, variants))
    .limit(1);
  return row ?? null;
}
