// The staff-only posts that are not text (product cards, images): the room locked, staff only, the room open,
// one message appended as the shop, and the poster's view of it. Edit when staff-only posting gains a rule.
import type { Tx } from '@/db/client';
import type { RoomMessageData, RoomMessageKind } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { Locale } from '@/i18n/locales';
import { appendRoomMessage } from './append-message';
import { assertMayPost, authorNameOf } from './post-message';
import { getRoomAccessOrThrow, viewerOf, type RoomCaller, type RoomRow } from './room-access';
import type { RoomMessageView } from './types';
import { viewMessage } from './view-messages';

/** Posts in room `roomId` as the shop's staff what `content` makes (it may refuse) once the room is locked. */
export async function postAsStaff(
  deps: Deps,
  caller: RoomCaller,
  roomId: string,
  locale: Locale,
  content: (tx: Tx, room: RoomRow) => Promise<{ kind: RoomMessageKind; data: RoomMessageData }>,
): Promise<RoomMessageView> {
  const { row, place } = await deps.db.transaction(async (tx) => {
    const { room, place } = await getRoomAccessOrThrow(tx, caller, roomId, { lock: true });
    if (place.kind !== 'staff') throw new DomainError('NOT_FOUND', 'room.notFound');
    const { kind, data } = await content(tx, room);
    const now = deps.now();
    await assertMayPost(tx, room, place, now);
    const row = await appendRoomMessage(tx, room, {
      authorKind: 'staff',
      authorUserId: caller.user?.id ?? null,
      authorName: await authorNameOf(tx, room, place),
      kind,
      data,
      now,
    });
    return { row, place };
  });
  const view = await viewMessage(deps, row, viewerOf(place), locale);
  if (!view) throw new DomainError('NOT_FOUND', 'room.messageNotFound');
  return view;
}
