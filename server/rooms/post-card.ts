// The shop's staff post a product card: one of the shop's own live deals, shown to each reader in their
// language with its current ladder and a group about to fill. Edit when a card gains a rule.
import { and, eq } from 'drizzle-orm';
import { deals } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { Locale } from '@/i18n/locales';
import { postAsStaff } from './post-as-staff';
import type { RoomCaller } from './room-access';
import type { RoomMessageView } from './types';

/** Posts a card of deal `dealId` (the room's shop's, active) in the room, as the shop's staff. */
export async function postCard(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; dealId: string },
  locale: Locale,
): Promise<RoomMessageView> {
  return postAsStaff(deps, caller, input.roomId, locale, async (tx, room) => {
    const [deal] = await tx
      .select({ id: deals.id, status: deals.status })
      .from(deals)
      .where(and(eq(deals.id, input.dealId), eq(deals.merchantId, room.merchantId)));
    if (!deal) throw new DomainError('NOT_FOUND', 'room.cardDealNotFound');
    if (deal.status !== 'active') throw new DomainError('CONFLICT', 'room.cardDealNotActive');
    return { kind: 'card', data: { dealId: deal.id } };
  });
}
