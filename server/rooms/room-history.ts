// Older messages of a room, a page at a time, under the same rule as the room itself (rule 15).
// Edit when history gains a filter.
import type { Deps } from '@/server/deps';
import type { Locale } from '@/i18n/locales';
import { messagePage } from './get-room';
import { getRoomAccessOrThrow, viewerOf, type RoomCaller } from './room-access';
import type { RoomMessageView } from './types';
import { viewMessages } from './view-messages';

/** The page of messages the caller may see just before `beforeId`, oldest first. */
export async function roomHistory(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; beforeId: number },
  locale: Locale,
): Promise<{ messages: RoomMessageView[]; hasOlder: boolean }> {
  const { room, place } = await getRoomAccessOrThrow(deps.db, caller, input.roomId);
  const viewer = viewerOf(place);
  const page = await messagePage(deps.db, room.id, viewer, input.beforeId);
  return { messages: await viewMessages(deps, page.rows, viewer, locale), hasOlder: page.hasOlder };
}
