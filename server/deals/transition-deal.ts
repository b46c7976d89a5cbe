import { eq } from 'drizzle-orm';
import { deals } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError, type ErrorKey, type Refusal } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { countDealGroups, type DealGroupCounts } from './count-deal-groups';
import { issueFields, type FulfilmentIssue } from './fulfilment-input';
import { lockDealForMerchantOrThrow, type DealRow } from './lock-deal-for-merchant';
import { merchantDealView, type MerchantDeal } from './merchant-deal-view';
import type { DealStatus } from '@/db/schema';

export type DealTransition = {
  to: DealStatus;
  /** Statuses the move is allowed from; being in `to` already is a no-op (a double click). */
  from: readonly DealStatus[];
  event: string;
  /** The sentence (errors catalog key) shown when the deal is in a status not in `from`. */
  refusal: (status: DealStatus) => ErrorKey;
  /** An extra refusal given the deal's groups, or null to allow. */
  guard?: (counts: DealGroupCounts) => Refusal | null;
  /** What the deal itself must have for the move (publish: a fulfilment option), by field; empty to allow. */
  ready?: (deal: DealRow, now: Date) => FulfilmentIssue[];
};

/** Moves a merchant's deal between statuses under a row lock and records the event; shared by publish/pause/archive. */
export async function transitionDeal(
  deps: Deps,
  merchantId: string,
  dealId: string,
  move: DealTransition,
): Promise<MerchantDeal> {
  return deps.db.transaction(async (tx) => {
    const row = await lockDealForMerchantOrThrow(tx, merchantId, dealId);
    const counts = (await countDealGroups(tx, [row.id])).get(row.id);
    if (row.status === move.to) return merchantDealView(row, counts);
    if (!move.from.includes(row.status)) throw new DomainError('CONFLICT', move.refusal(row.status));
    const refusal = counts && move.guard ? move.guard(counts) : null;
    if (refusal) throw new DomainError('CONFLICT', refusal.key, refusal.values);
    const now = deps.now();
    const missing = move.ready?.(row, now) ?? [];
    const first = missing[0];
    if (first) throw new DomainError('CONFLICT', first.message, first.values, issueFields(missing));

    const [updated] = await tx
      .update(deals)
      .set({
        status: move.to,
        updatedAt: now,
        ...(move.to === 'active' && !row.publishedAt ? { publishedAt: now } : {}),
      })
      .where(eq(deals.id, row.id))
      .returning();
    if (!updated) throw new Error('deal update returned no row');
    await recordEvent(tx, { type: move.event, dealId: row.id, payload: { from: row.status, to: move.to } });
    return merchantDealView(updated, counts);
  });
}
