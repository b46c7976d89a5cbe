// Staff pin one visible message as the room's announcement, or unpin it. Edit when pinning gains a rule.
import { and, eq } from 'drizzle-orm';
import { roomMessages, rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { getRoomAsStaffOrThrow, type RoomCaller } from './room-access';

/** Pins message `messageId` in the room (null unpins), as the shop's staff. */
export async function pinMessage(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; messageId: number | null },
): Promise<{ ok: true }> {
  return deps.db.transaction(async (tx) => {
    const room = await getRoomAsStaffOrThrow(tx, caller, input.roomId, { lock: true });
    if (input.messageId !== null) {
      const [m] = await tx
        .select({ status: roomMessages.status })
        .from(roomMessages)
        .where(and(eq(roomMessages.id, input.messageId), eq(roomMessages.roomId, room.id)));
      if (!m || m.status === 'deleted') throw new DomainError('NOT_FOUND', 'room.messageNotFound');
      if (m.status !== 'visible') throw new DomainError('CONFLICT', 'room.pinHeld');
    }
    await tx.update(rooms).set({ pinnedMessageId: input.messageId }).where(eq(rooms.id, room.id));
    await recordEvent(tx, {
      type: 'room.pinned',
      payload: { roomId: room.id, ...(input.messageId !== null ? { messageId: input.messageId } : {}) },
    });
    return { ok: true };
  });
}
