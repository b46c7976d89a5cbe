import { desc, eq, sql } from 'drizzle-orm';
import { deals, groups, merchants } from '@/db/schema';
import type { Deps } from '@/server/deps';
import type { Locale } from '@/i18n/locales';
import { savings } from '@/server/pricing';
import { dealTitleFor } from './deal-content';

/** A deal card on the home page. */
export type ActiveDealCard = {
  slug: string;
  /** In the reader's language when the merchant wrote one (titleLocale says which). */
  title: string;
  titleLocale: Locale;
  imageUrl: string | null;
  currency: string;
  listPrice: number;
  /** The price once a group tips (first tier) and the lowest price a full ladder reaches (last tier). */
  firstPrice: number;
  bestPrice: number;
  bestSavingsPercent: number;
  openGroups: number;
  merchantName: string;
};

/** Active deals for the home page, most recently published first, titled for a reader in `locale`. */
export async function listActiveDeals(
  deps: Deps,
  locale: Locale,
  opts: { limit?: number } = {},
): Promise<ActiveDealCard[]> {
  const openGroups = sql<number>`(select count(*)::int from ${groups} where ${groups.dealId} = ${deals.id} and ${groups.status} in ('open', 'closing'))`;
  const rows = await deps.db
    .select({
      slug: deals.slug,
      title: deals.title,
      contentLocale: deals.contentLocale,
      translations: deals.translations,
      imageUrl: deals.imageUrl,
      currency: deals.currency,
      listPrice: deals.listPrice,
      tiers: deals.tiers,
      openGroups,
      merchantName: merchants.name,
    })
    .from(deals)
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .where(eq(deals.status, 'active'))
    .orderBy(sql`${deals.publishedAt} desc nulls last`, desc(deals.createdAt))
    .limit(Math.min(Math.max(opts.limit ?? 24, 1), 100));
  return rows.flatMap(({ tiers, title, contentLocale, translations, ...r }) => {
    const first = tiers[0];
    const last = tiers[tiers.length - 1];
    if (!first || !last) return [];
    return [
      {
        ...r,
        ...dealTitleFor({ title, contentLocale, translations }, locale),
        firstPrice: first.unitPrice,
        bestPrice: last.unitPrice,
        bestSavingsPercent: savings(r.listPrice, last.unitPrice).percent,
      },
    ];
  });
}
