// Retention: once a room is past its purge_at (the shop's deleteAfterDays after its group closed or the
// community was archived), its messages and their reports are deleted. The room row stays (the group page
// and the inbox still know the room existed; it just has nothing to read).
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { roomMessages, rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';

/** Deletes the messages of every room past its purge_at; returns how many rooms lost messages. */
export async function purgeRooms(deps: Deps): Promise<number> {
  const now = deps.now();
  const due = await deps.db
    .select({ id: rooms.id, groupId: rooms.groupId })
    .from(rooms)
    .where(
      and(
        isNotNull(rooms.purgeAt),
        lte(rooms.purgeAt, now),
        sql`exists (select 1 from room_messages m where m.room_id = ${rooms.id})`,
      ),
    );
  let purged = 0;
  for (const room of due) {
    await deps.db.transaction(async (tx) => {
      await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, room.id)).for('update');
      // Reports go with their messages (room_reports cascades).
      const gone = await tx
        .delete(roomMessages)
        .where(eq(roomMessages.roomId, room.id))
        .returning({ id: roomMessages.id });
      if (gone.length === 0) return;
      await tx.update(rooms).set({ pinnedMessageId: null }).where(eq(rooms.id, room.id));
      await recordEvent(tx, {
        type: 'room.purged',
        groupId: room.groupId,
        payload: { roomId: room.id, messages: gone.length },
      });
      purged += 1;
    });
  }
  return purged;
}
