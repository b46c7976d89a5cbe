// The shop's staff post an image uploaded through the app's own upload route (/uploads/<name>); no other
// address is accepted, so a room never shows an image from elsewhere. Edit when images gain a rule.
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { Locale } from '@/i18n/locales';
import { appendRoomMessage } from './append-message';
import { assertMayPost, authorNameOf } from './post-message';
import { getRoomAccessOrThrow, viewerOf, type RoomCaller } from './room-access';
import { UPLOAD_URL } from './room-input';
import type { RoomMessageView } from './types';
import { viewMessage } from './view-messages';

/** Posts an uploaded image in the room, as the shop's staff. */
export async function postImage(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; url: string; width: number; height: number },
  locale: Locale,
): Promise<RoomMessageView> {
  if (!UPLOAD_URL.test(input.url)) throw new DomainError('INVALID_INPUT', 'room.imageNotUploaded');
  const { row, place } = await deps.db.transaction(async (tx) => {
    const { room, place } = await getRoomAccessOrThrow(tx, caller, input.roomId, { lock: true });
    if (place.kind !== 'staff') throw new DomainError('NOT_FOUND', 'room.notFound');
    const now = deps.now();
    await assertMayPost(tx, room, place, now);
    const row = await appendRoomMessage(tx, room, {
      authorKind: 'staff',
      authorUserId: caller.user?.id ?? null,
      authorName: await authorNameOf(tx, room, place),
      kind: 'image',
      data: { url: input.url, width: input.width, height: input.height },
      now,
    });
    return { row, place };
  });
  const view = await viewMessage(deps, row, viewerOf(place), locale);
  if (!view) throw new DomainError('NOT_FOUND', 'room.messageNotFound');
  return view;
}
