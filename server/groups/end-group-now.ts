import type { Deps } from '@/server/deps';
import { catalogWord, DomainError } from '@/server/errors';
import { closeGroup, type CloseResult } from './close-group';
import { getMerchantGroupOrThrow } from './get-merchant-group-or-throw';

/** The merchant ends an open group early: it closes with reason "merchant" by the usual rules (won if at its minimum). */
export async function endGroupNow(
  deps: Deps,
  input: { merchantId: string; groupId: string },
): Promise<Extract<CloseResult, { closed: true }>> {
  return deps.db.transaction(async (tx) => {
    await getMerchantGroupOrThrow(tx, input.merchantId, input.groupId, { lock: true });
    const r = await closeGroup(deps, input.groupId, 'merchant', tx);
    if (!r.closed)
      throw new DomainError('GROUP_CLOSED', 'group.alreadyStatus', {
        status: catalogWord(`groupStatus.${r.status}`, r.status),
      });
    return r;
  });
}
