import { eq } from 'drizzle-orm';
import { deals } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError, parseOrThrow } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { chosenFulfilment } from './chosen-fulfilment';
import { countDealGroups } from './count-deal-groups';
import { DEAL_FIELDS, dealPatchSchema, TERMS_FIELDS, type DealPatch, type DealValues } from './deal-input';
import { dealValuesSchema } from './deal-schemas';
import {
  fulfilmentChangeIssues,
  fulfilmentTimeIssues,
  publicFulfilment,
  issueFields,
} from './fulfilment-input';
import { lockDealForMerchantOrThrow } from './lock-deal-for-merchant';
import { merchantDealView, type MerchantDeal } from './merchant-deal-view';

// jsonb hands object keys back in its own order, so tiers are compared as [minMembers, unitPrice] pairs,
// translations as sorted [locale, title, description] rows and fulfilment options field by field.
function comparable(key: keyof DealValues, value: DealValues[keyof DealValues]): string {
  if (key === 'fulfilment' && value !== null && typeof value === 'object' && 'shipping' in value)
    return JSON.stringify(publicFulfilment(value));
  if (Array.isArray(value)) return JSON.stringify(value.map((t) => [t.minMembers, t.unitPrice]));
  if (value !== null && typeof value === 'object')
    return JSON.stringify(
      Object.entries(value)
        .map(([locale, t]) => [locale, t?.title, t?.description])
        .sort(),
    );
  return JSON.stringify(value);
}

/**
 * Changes a merchant's deal. Title, description and image may change at any time; the terms (currency,
 * prices, tiers, window, limits) only while no group on the deal is open or closing. The slug never
 * changes, because links to it are already in people's chats. The fulfilment options may change while a
 * group is open, within fulfilmentChangeIssues (adding, or only getting better for buyers).
 */
export async function updateDeal(
  deps: Deps,
  merchantId: string,
  dealId: string,
  patch: DealPatch,
): Promise<MerchantDeal> {
  const changes = parseOrThrow(dealPatchSchema, patch);
  return deps.db.transaction(async (tx) => {
    const row = await lockDealForMerchantOrThrow(tx, merchantId, dealId);
    if (row.status === 'archived') throw new DomainError('CONFLICT', 'deal.archivedNoEdit');

    const current: DealValues = Object.fromEntries(DEAL_FIELDS.map((k) => [k, row[k]])) as DealValues;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    // Every rule is checked on the deal as it would be, so a patch cannot break one with another field.
    const next = parseOrThrow(dealValuesSchema, { ...current, ...defined });
    const changed = DEAL_FIELDS.filter((k) => comparable(k, next[k]) !== comparable(k, current[k]));
    const counts = (await countDealGroups(tx, [row.id])).get(row.id);
    if (changed.length === 0) return merchantDealView(row, counts);

    const lockedTerms = changed.filter((k) => (TERMS_FIELDS as readonly string[]).includes(k));
    if (lockedTerms.length > 0 && (counts?.open ?? 0) > 0) {
      throw new DomainError('CONFLICT', 'deal.termsLocked');
    }
    if (changed.includes('fulfilment')) {
      // Options members joined on keep what they promised while their group is open (FULFILMENT-OPTIONS.md).
      if ((counts?.open ?? 0) > 0) {
        const chosen = await chosenFulfilment(tx, row.id);
        const locked = fulfilmentChangeIssues(current.fulfilment, next.fulfilment, chosen);
        const first = locked[0];
        if (first) throw new DomainError('CONFLICT', first.message, first.values, issueFields(locked));
      }
      const late = fulfilmentTimeIssues(next.fulfilment, next.windowSeconds, deps.now());
      if (late.length > 0)
        throw new DomainError('INVALID_INPUT', 'request.fieldsNeedAttention', undefined, issueFields(late));
    }
    if (next.stock !== null && next.stock < row.stockTaken) {
      throw new DomainError('INVALID_INPUT', 'request.fieldsNeedAttention', undefined, {
        stock: { key: 'deal.stockBelowTaken', values: { taken: row.stockTaken } },
      });
    }

    const [updated] = await tx
      .update(deals)
      .set({ ...next, updatedAt: deps.now() })
      .where(eq(deals.id, row.id))
      .returning();
    if (!updated) throw new Error('deal update returned no row');
    await recordEvent(tx, { type: 'deal.updated', dealId: row.id, payload: { changed } });
    return merchantDealView(updated, counts);
  });
}
