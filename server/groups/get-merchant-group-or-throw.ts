import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups } from '@/db/schema';
import { DomainError } from '@/server/errors';

/** The group if it belongs to one of `merchantId`'s deals; otherwise NOT_FOUND (another merchant's group does not exist for you). */
export async function getMerchantGroupOrThrow(
  tx: Tx,
  merchantId: string,
  groupId: string,
  opts: { lock?: boolean } = {},
) {
  const q = tx
    .select({
      g: groups,
      dealTitle: deals.title,
      deal: { title: deals.title, contentLocale: deals.contentLocale, translations: deals.translations },
    })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(and(eq(groups.id, groupId), eq(deals.merchantId, merchantId)));
  const [row] = opts.lock ? await q.for('update', { of: groups }) : await q;
  if (!row) throw new DomainError('NOT_FOUND', 'group.notAmongYours');
  return row;
}
