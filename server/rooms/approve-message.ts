// Staff approve a held message (a member's link, a keyword match, or reported): it becomes visible to every
// member who may read it. Approving a visible message changes nothing. Edit when review gains a rule.
import { eq, sql } from 'drizzle-orm';
import { roomMessages, rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import { notifyRoomPost } from './notify-room-post';
import { withMessageAsOrThrow, type RoomCaller } from './room-access';

/** Makes held message `messageId` visible, as the shop's staff. */
export async function approveMessage(
  deps: Deps,
  caller: RoomCaller,
  input: { messageId: number },
): Promise<{ ok: true }> {
  return withMessageAsOrThrow(deps.db, caller, input.messageId, 'staff', async (tx, { room, message }) => {
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
