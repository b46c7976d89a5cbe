import { deals } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError, parseOrThrow } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import type { DealInput } from './deal-input';
import { dealInputSchema } from './deal-schemas';
import { fulfilmentTimeIssues, issueFields } from './fulfilment-input';
import { makeSlug } from './make-slug';
import { merchantDealView, type MerchantDeal } from './merchant-deal-view';

/** Creates a draft deal for a merchant, with a unique slug, and records deal.created. */
export async function createDeal(deps: Deps, merchantId: string, input: DealInput): Promise<MerchantDeal> {
  const values = parseOrThrow(dealInputSchema, input);
  const now = deps.now();
  const late = fulfilmentTimeIssues(values.fulfilment, values.windowSeconds, now);
  if (late.length > 0)
    throw new DomainError('INVALID_INPUT', 'request.fieldsNeedAttention', undefined, issueFields(late));
  return deps.db.transaction(async (tx) => {
    // The random suffix makes a clash rare; on one, try another suffix rather than fail the merchant.
    for (let attempt = 0; attempt < 5; attempt++) {
      const [row] = await tx
        .insert(deals)
        .values({
          ...values,
          merchantId,
          slug: makeSlug(values.title),
          status: 'draft',
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: deals.slug })
        .returning();
      if (!row) continue;
      await recordEvent(tx, {
        type: 'deal.created',
        dealId: row.id,
        payload: { merchantId, slug: row.slug, title: row.title },
      });
      return merchantDealView(row, undefined);
    }
    throw new Error('Could not find a free slug after 5 attempts');
  });
}
