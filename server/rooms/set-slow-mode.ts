// Staff set slow mode: one message per N seconds per member (0 turns it off; staff are never slowed).
// Edit when slow mode gains a rule.
import { eq } from 'drizzle-orm';
import { rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import { getRoomAsStaffOrThrow, type RoomCaller } from './room-access';

/** Sets the room's slow mode to `seconds` per member message, as the shop's staff. */
export async function setSlowMode(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; seconds: number },
): Promise<{ ok: true }> {
  return deps.db.transaction(async (tx) => {
    const room = await getRoomAsStaffOrThrow(tx, caller, input.roomId, { lock: true });
    await tx.update(rooms).set({ slowModeSeconds: input.seconds }).where(eq(rooms.id, room.id));
    await recordEvent(tx, { type: 'room.slow_mode', payload: { roomId: room.id } });
    return { ok: true };
  });
}
