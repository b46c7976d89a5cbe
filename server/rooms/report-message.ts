// A member reports another member's message. Each member counts once; the third distinct report holds
// the message for staff ('reported'). A message staff approved after that stays up: only the report that
// reaches the threshold holds. Edit when reporting gains a rule.
import { eq, sql } from 'drizzle-orm';
import { roomMessages, roomReports } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { refreshRoomCursors } from './append-message';
import { withMessageAsOrThrow, type RoomCaller } from './room-access';

/** Distinct reports that hold a message for review. */
export const REPORTS_TO_HOLD = 3;

/** Reports message `messageId` as the calling member (once per member). */
export async function reportMessage(
  deps: Deps,
  caller: RoomCaller,
  input: { messageId: number },
): Promise<{ ok: true }> {
  return withMessageAsOrThrow(
    deps.db,
    caller,
    input.messageId,
    'member',
    async (tx, { room, place, message }) => {
      if (message.authorUserId === place.seat.userId) throw new DomainError('CONFLICT', 'room.reportOwn');
      if (message.authorKind !== 'member') throw new DomainError('CONFLICT', 'room.reportOnlyMembers');
      const added = await tx
        .insert(roomReports)
        .values({ messageId: message.id, userId: place.seat.userId, createdAt: deps.now() })
        .onConflictDoNothing()
        .returning({ messageId: roomReports.messageId });
      if (added.length === 0) return { ok: true };
      const reportCount = message.reportCount + 1;
      const hold = reportCount === REPORTS_TO_HOLD && message.status === 'visible';
      await tx
        .update(roomMessages)
        .set({
          reportCount: sql`${roomMessages.reportCount} + 1`,
          updatedAt: deps.now(),
          ...(hold ? { status: 'held' as const, heldReason: 'reported' } : {}),
        })
        .where(eq(roomMessages.id, message.id));
      if (hold) await refreshRoomCursors(tx, room.id);
      const payload = { roomId: room.id, messageId: message.id };
      await recordEvent(tx, { type: 'room.message_reported', payload });
      if (hold) await recordEvent(tx, { type: 'room.message_held', payload });
      return { ok: true };
    },
  );
}
