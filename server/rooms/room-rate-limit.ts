// Members' posting limits, counted from room_messages in the posting transaction (no in-memory state, so
// every app instance agrees): slow mode, a per-member rate and a room-wide rate. Only the poster over a
// limit is refused; nothing already posted is dropped. Staff are never limited.
// Edit when a limit changes.
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { roomMessages } from '@/db/schema';
import { DomainError } from '@/server/errors';
import type { RoomMemberRow, RoomRow } from './room-access';

/** A member posts at most this many messages per window. */
export const MEMBER_RATE = { messages: 8, windowMs: 30_000 } as const;
/** A room takes at most this many members' messages per window. */
export const ROOM_RATE = { messages: 40, windowMs: 10_000 } as const;

/**
 * Refuses a member's post that slow mode or a rate limit forbids at `now`. Call with the room row locked
 * (the posting transaction), so concurrent posts count each other.
 */
export async function checkMemberPostRate(
  tx: Tx,
  room: Pick<RoomRow, 'id' | 'slowModeSeconds'>,
  seat: Pick<RoomMemberRow, 'userId' | 'lastPostAt'>,
  now: Date,
): Promise<void> {
  if (room.slowModeSeconds > 0 && seat.lastPostAt) {
    const waitMs = seat.lastPostAt.getTime() + room.slowModeSeconds * 1000 - now.getTime();
    if (waitMs > 0) throw new DomainError('CONFLICT', 'room.slowMode', { seconds: Math.ceil(waitMs / 1000) });
  }
  if (await reached(tx, room.id, now, MEMBER_RATE, seat.userId))
    throw new DomainError('RATE_LIMITED', 'room.tooFast');
  if (await reached(tx, room.id, now, ROOM_RATE, null))
    throw new DomainError('RATE_LIMITED', 'room.roomBusy');
}

// True when the limit's last allowed message (the n-th newest) is inside the window. Reads at most n rows
// from the newest end of an index, however long the room's history.
async function reached(
  tx: Tx,
  roomId: string,
  now: Date,
  limit: { messages: number; windowMs: number },
  userId: string | null,
): Promise<boolean> {
  const rows = await tx
    .select({ at: roomMessages.createdAt })
    .from(roomMessages)
    .where(
      and(
        eq(roomMessages.roomId, roomId),
        eq(roomMessages.authorKind, 'member'),
        userId === null ? undefined : eq(roomMessages.authorUserId, userId),
      ),
    )
    .orderBy(userId === null ? desc(roomMessages.id) : desc(roomMessages.createdAt))
    .limit(limit.messages);
  const nth = rows[limit.messages - 1];
  return nth !== undefined && nth.at.getTime() > now.getTime() - limit.windowMs;
}
