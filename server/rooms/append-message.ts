// The one insert of a room message (members' and staff's posts, cards, images, system lines, welcomes):
// it moves the room's cursors (newest message; newest visible member and staff message, which say whether
// a member's question is unanswered; a welcome is no answer) and records the event in the caller's transaction (rule 10).
// Edit when a message gains a stored fact or the room another cursor.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  roomMessages,
  rooms,
  type RoomAuthorKind,
  type RoomMessageData,
  type RoomMessageKind,
} from '@/db/schema';
import { recordEvent } from '@/server/events/record-event';
import type { RoomMessageRow, RoomRow } from './room-access';

export type AppendInput = {
  authorKind: RoomAuthorKind;
  authorUserId?: string | null;
  authorName: string;
  kind: RoomMessageKind;
  body?: string;
  data?: RoomMessageData;
  /** Held for staff review (members' links, keyword matches); visible when omitted. */
  heldReason?: 'link' | 'keyword' | null;
  /** The services' clock (rate limits and slow mode count by it); the database's when omitted. */
  now?: Date;
};

/** Inserts one message into `room` in `tx`, moves the room's cursors and records its event; returns the row. */
export async function appendRoomMessage(
  tx: Tx,
  room: Pick<RoomRow, 'id'>,
  input: AppendInput,
): Promise<RoomMessageRow> {
  const held = input.heldReason ? input.heldReason : null;
  const [row] = await tx
    .insert(roomMessages)
    .values({
      roomId: room.id,
      authorKind: input.authorKind,
      authorUserId: input.authorUserId ?? null,
      authorName: input.authorName,
      kind: input.kind,
      body: input.body ?? '',
      data: input.data ?? {},
      status: held ? 'held' : 'visible',
      heldReason: held,
      ...(input.now ? { createdAt: input.now, updatedAt: input.now } : {}),
    })
    .returning();
  if (!row) throw new Error('room message insert returned no row');
  const visible = row.status === 'visible';
  await tx
    .update(rooms)
    .set({
      lastMessageId: sql`greatest(${rooms.lastMessageId}, ${row.id})`,
      lastMessageAt: row.createdAt,
      ...(visible && row.authorKind === 'member'
        ? { lastMemberMessageId: sql`greatest(${rooms.lastMemberMessageId}, ${row.id})` }
        : {}),
      ...(visible && row.authorKind === 'staff' && row.kind !== 'welcome'
        ? { lastStaffMessageId: sql`greatest(${rooms.lastStaffMessageId}, ${row.id})` }
        : {}),
    })
    .where(eq(rooms.id, room.id));
  await recordEvent(tx, {
    type: visible ? 'room.message_posted' : 'room.message_held',
    payload: { roomId: room.id, messageId: row.id },
  });
  return row;
}

/**
 * Sets the room's newest visible member and staff message ids again from its messages, after one stops
 * being visible (deleted, or held by reports), so an unanswered question is never a message nobody sees.
 */
export async function refreshRoomCursors(tx: Tx, roomId: string): Promise<void> {
  const newest = (authorKind: RoomAuthorKind, extra = sql``) => sql`coalesce((
    select max(m.id) from ${roomMessages} m
    where m.room_id = ${roomId} and m.author_kind = ${authorKind} and m.status = 'visible' ${extra}
  ), 0)`;
  await tx
    .update(rooms)
    .set({
      lastMemberMessageId: newest('member'),
      lastStaffMessageId: newest('staff', sql`and m.kind <> 'welcome'`),
    })
    .where(eq(rooms.id, roomId));
}
