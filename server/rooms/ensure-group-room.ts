// A group's room: made in the transaction that opens the group, and lazily for groups opened before rooms
// existed (the first time a member move or a page needs it). One per group (rooms.group_id is unique).
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, rooms } from '@/db/schema';
import { recordEvent } from '@/server/events/record-event';
import type { RoomRow } from './room-access';

/** The room of group `group` (made now if it has none), locked for update in `tx`. */
export async function ensureGroupRoom(tx: Tx, group: { id: string; dealId: string }): Promise<RoomRow> {
  const [found] = await tx.select().from(rooms).where(eq(rooms.groupId, group.id)).for('update');
  if (found) return found;
  const [deal] = await tx
    .select({ merchantId: deals.merchantId })
    .from(deals)
    .where(eq(deals.id, group.dealId));
  if (!deal) throw new Error(`group ${group.id} has no deal`);
  const made = await tx
    .insert(rooms)
    .values({ kind: 'group', merchantId: deal.merchantId, groupId: group.id, dealId: group.dealId })
    .onConflictDoNothing()
    .returning({ id: rooms.id });
  for (const r of made)
    await recordEvent(tx, {
      type: 'room.created',
      dealId: group.dealId,
      groupId: group.id,
      payload: { roomId: r.id },
    });
  const [room] = await tx.select().from(rooms).where(eq(rooms.groupId, group.id)).for('update');
  if (!room) throw new Error(`room of group ${group.id} was not made`);
  return room;
}
