// A shop opens a community: a standing room with its own link and QR code, outliving any one deal.
import { rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import { randomCode } from '@/server/groups/random-code';
import type { Locale } from '@/i18n/locales';
import { getRoomForViewer } from '../get-room';
import type { RoomView } from '../types';
import type { CreateCommunityInput } from './community-input';

/** Opens a community of shop `merchantId` (a random 10-character code for its link); returns it as staff see it. */
export async function createCommunity(
  deps: Deps,
  merchantId: string,
  input: CreateCommunityInput,
  locale: Locale,
): Promise<RoomView> {
  const roomId = await deps.db.transaction(async (tx) => {
    const [room] = await tx
      .insert(rooms)
      .values({
        kind: 'community',
        merchantId,
        code: randomCode(10),
        title: input.title,
        description: input.description,
        createdAt: deps.now(),
      })
      .returning();
    if (!room) throw new Error('community insert returned no row');
    await recordEvent(tx, { type: 'room.created', payload: { roomId: room.id } });
    return room.id;
  });
  return getRoomForViewer(deps, { user: null, merchantId }, { roomId }, locale);
}
