// Staff delete a message: gone for everyone (its words are blanked in storage too), unpinned if pinned.
// Edit when deleting gains a rule.
import { eq } from 'drizzle-orm';
import { roomMessages, rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import { refreshRoomCursors } from './append-message';
import { withMessageAsOrThrow, type RoomCaller } from './room-access';

/** Deletes message `messageId`, as the shop's staff. */
export async function deleteMessage(
  deps: Deps,
  caller: RoomCaller,
  input: { messageId: number },
): Promise<{ ok: true }> {
  return withMessageAsOrThrow(deps.db, caller, input.messageId, 'staff', async (tx, { room, message }) => {
    const clientKey = message.data['clientKey'];
    await tx
      .update(roomMessages)
      .set({
        status: 'deleted',
        body: '',
        data: typeof clientKey === 'string' ? { clientKey } : {},
        updatedAt: deps.now(),
      })
      .where(eq(roomMessages.id, message.id));
    if (room.pinnedMessageId === message.id)
      await tx.update(rooms).set({ pinnedMessageId: null }).where(eq(rooms.id, room.id));
    await refreshRoomCursors(tx, room.id);
    await recordEvent(tx, {
      type: 'room.message_deleted',
      payload: { roomId: room.id, messageId: message.id },
    });
    return { ok: true };
  });
}
