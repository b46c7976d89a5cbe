// The shop's staff post a product card: one of the shop's own live deals, shown to each reader in their
// language with its current ladder and a group about to fill. Edit when a card gains a rule.
import { and, eq } from 'drizzle-orm';
import { deals } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { Locale } from '@/i18n/locales';
import { appendRoomMessage } from './append-message';
import { assertMayPost, authorNameOf } from './post-message';
import { getRoomAccessOrThrow, viewerOf, type RoomCaller } from './room-access';
import type { RoomMessageView } from './types';
import { viewMessage } from './view-messages';

/** Posts a card of deal `dealId` (the room's shop's, active) in the room, as the shop's staff. */
export async function postCard(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; dealId: string },
  locale: Locale,
): Promise<RoomMessageView> {
  const { row, place } = await deps.db.transaction(async (tx) => {
    const { room, place } = await getRoomAccessOrThrow(tx, caller, input.roomId, { lock: true });
    if (place.kind !== 'staff') throw new DomainError('NOT_FOUND', 'room.notFound');
    const [deal] = await tx
      .select({ id: deals.id, status: deals.status })
      .from(deals)
      .where(and(eq(deals.id, input.dealId), eq(deals.merchantId, room.merchantId)));
    if (!deal) throw new DomainError('NOT_FOUND', 'room.cardDealNotFound');
    if (deal.status !== 'active') throw new DomainError('CONFLICT', 'room.cardDealNotActive');
    const now = deps.now();
    await assertMayPost(tx, room, place, now);
    const row = await appendRoomMessage(tx, room, {
      authorKind: 'staff',
      authorUserId: caller.user?.id ?? null,
      authorName: await authorNameOf(tx, room, place),
      kind: 'card',
      data: { dealId: deal.id },
      now,
    });
    return { row, place };
  });
  const view = await viewMessage(deps, row, viewerOf(place), locale);
  if (!view) throw new DomainError('NOT_FOUND', 'room.messageNotFound');
  return view;
}
