// Staff approve a held message (a member's link, a keyword match, or reported): it becomes visible to every
// member who may read it. Approving a visible message changes nothing. Edit when review gains a rule.
import { eq, sql } from 'drizzle-orm';
import { roomMessages, rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { notifyRoomPost } from './notify-room-post';
import { getMessageAccessOrThrow, type RoomCaller } from './room-access';

/** Makes held message `messageId` visible, as the shop's staff. */
export async function approveMessage(
  deps: Deps,
  caller: RoomCaller,
  input: { messageId: number },
): Promise<{ ok: true }> {
  return deps.db.transaction(async (tx) => {
    const { room, place, message } = await getMessageAccessOrThrow(tx, caller, input.messageId, {
      lock: true,
    });
    if (place.kind !== 'staff') throw new DomainError('NOT_FOUND', 'room.messageNotFound');
    if (message.status !== 'held') return { ok: true };
    const [approved] = await tx
      .update(roomMessages)
      .set({ status: 'visible', heldReason: null, updatedAt: deps.now() })
      .where(eq(roomMessages.id, message.id))
      .returning();
    // Held, it told nobody; approved, it is said now (replies and mentions notify).
    if (approved) await notifyRoomPost(tx, room, approved);
    if (message.authorKind === 'member')
      await tx
        .update(rooms)
        .set({ lastMemberMessageId: sql`greatest(${rooms.lastMemberMessageId}, ${message.id})` })
        .where(eq(rooms.id, room.id));
    await recordEvent(tx, {
      type: 'room.message_approved',
      payload: { roomId: room.id, messageId: message.id },
    });
    return { ok: true };
  });
}
