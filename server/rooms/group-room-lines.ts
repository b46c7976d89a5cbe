// What a group's room says when the group's fate is told (closing soon, won, failed) and when its room
// closes: the close sets closes_at and purge_at from the shop's retention settings.
//
// Decisions: a canceled group gets no line (it neither won nor failed; the members' e-mails say why), but
// its room closes and is purged on the same schedule. "Closing soon" is said once per room, at the 3-hour
// reminder.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { roomMessages, rooms } from '@/db/schema';
import { recordEvent } from '@/server/events/record-event';
import { appendRoomMessage } from './append-message';
import { ensureGroupRoom } from './ensure-group-room';
import { systemLine } from './follow-room-moves';
import { daysAfter, retentionOf } from './retention';

type ClosedGroup = { id: string; dealId: string; finalUnitPrice: number | null; currency: string };

/** Says `outcome` in the group's room and schedules the room's close and purge from `closedAt`. */
export async function closeGroupRoom(
  tx: Tx,
  g: ClosedGroup,
  outcome: 'won' | 'failed' | 'canceled',
  closedAt: Date,
): Promise<void> {
  const room = await ensureGroupRoom(tx, g);
  if (outcome === 'won' && g.finalUnitPrice !== null)
    await appendRoomMessage(tx, room, systemLine('won', { price: g.finalUnitPrice, currency: g.currency }));
  else if (outcome === 'failed') await appendRoomMessage(tx, room, systemLine('failed', {}));
  const r = await retentionOf(tx, room.merchantId);
  const closesAt = daysAfter(closedAt, r.closeAfterDays);
  const purgeAt = daysAfter(closedAt, r.deleteAfterDays);
  await tx.update(rooms).set({ closesAt, purgeAt }).where(eq(rooms.id, room.id));
  await recordEvent(tx, {
    type: 'room.closing_scheduled',
    dealId: g.dealId,
    groupId: g.id,
    payload: { roomId: room.id, closesAt: closesAt.toISOString(), purgeAt: purgeAt.toISOString() },
  });
}

/** Says "closing in `hours` hours" in the group's room, once per room; true when it was said now. */
export async function postClosingSoonLine(
  tx: Tx,
  g: { id: string; dealId: string },
  hours: number,
): Promise<boolean> {
  const room = await ensureGroupRoom(tx, g);
  const said = await tx
    .select({ id: roomMessages.id })
    .from(roomMessages)
    .where(
      and(
        eq(roomMessages.roomId, room.id),
        eq(roomMessages.kind, 'system'),
        sql`${roomMessages.data}->>'key' = 'closingSoon'`,
      ),
    )
    .limit(1);
  if (said.length > 0) return false;
  await appendRoomMessage(tx, room, systemLine('closingSoon', { hours }));
  return true;
}
