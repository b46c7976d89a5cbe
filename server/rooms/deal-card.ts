// A shop's deal as a room's product card: the reader's language, the current price ladder, and a group of
// that deal about to fill that the plain link still admits (the deal page's own list, reused).
// Edit when a card shows another fact of its deal.
import { inArray } from 'drizzle-orm';
import { deals } from '@/db/schema';
import { dealTitleFor } from '@/server/deals/deal-content';
import type { Deps } from '@/server/deps';
import { listGroupsAboutToFill } from '@/server/groups/list-groups-about-to-fill';
import type { Locale } from '@/i18n/locales';
import type { DealCardView } from './types';

/** The cards of `dealIds` for a reader in `locale`, by deal id (deals that no longer exist are absent). */
export async function dealCardViews(
  deps: Deps,
  dealIds: readonly string[],
  locale: Locale,
): Promise<Map<string, DealCardView>> {
  const out = new Map<string, DealCardView>();
  if (dealIds.length === 0) return out;
  const rows = await deps.db
    .select()
    .from(deals)
    .where(inArray(deals.id, [...dealIds]));
  for (const d of rows) {
    const open = d.status === 'active';
    out.set(d.id, {
      dealId: d.id,
      slug: d.slug,
      title: dealTitleFor(d, locale).title,
      imageUrl: d.imageUrl,
      currency: d.currency,
      listPrice: d.listPrice,
      tiers: d.tiers.map((t) => ({ minMembers: t.minMembers, unitPrice: t.unitPrice })),
      open,
      aboutToFill: open ? await aboutToFill(deps, d.id) : null,
    });
  }
  return out;
}

/** One deal's card for a reader in `locale`, or null when the deal no longer exists. */
export async function dealCardView(deps: Deps, dealId: string, locale: Locale): Promise<DealCardView | null> {
  return (await dealCardViews(deps, [dealId], locale)).get(dealId) ?? null;
}

// The open group closest to its next price. A group already at its best price needs nobody, so it is not
// "about to fill" (words true in every state, rule 12): it is offered only while a next bracket exists.
async function aboutToFill(deps: Deps, dealId: string): Promise<DealCardView['aboutToFill']> {
  const groups = await listGroupsAboutToFill(deps, { dealId, limit: 6 });
  const best = groups.find((g) => g.next !== null);
  return best?.next ? { code: best.code, membersNeeded: best.next.membersNeeded } : null;
}
