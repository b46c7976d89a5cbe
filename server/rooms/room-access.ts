// Who may read and act in a room: its shop's staff (the signed-in merchant that owns it) or a member with a
// live seat (not left, not removed). Anyone else gets NOT_FOUND: a room's existence is never revealed.
// Also the one definition of which messages a reader may see (DESIGN rule 15). Edit when a new kind of
// reader appears.
import { and, eq, gt, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { groups, roomMembers, roomMessages, rooms } from '@/db/schema';
import { DomainError } from '@/server/errors';
import type { RoomRef } from './room-input';

export type RoomRow = typeof rooms.$inferSelect;
export type RoomMemberRow = typeof roomMembers.$inferSelect;
export type RoomMessageRow = typeof roomMessages.$inferSelect;

/** Who is asking: the session's user (if any) and their merchant profile (if any). */
export type RoomCaller = { user: { id: string } | null; merchantId: string | null };

/** The caller's place in a room. */
export type RoomPlace = { kind: 'staff'; merchantId: string } | { kind: 'member'; seat: RoomMemberRow };

/** The reader as message views need it: staff, or a member (their user id and where their history starts). */
export type RoomViewer = { kind: 'staff' } | { kind: 'member'; userId: string; historyFrom: number };

/** The caller's place in `room`, or null when they have none. */
export async function placeIn(tx: Tx, caller: RoomCaller, room: RoomRow): Promise<RoomPlace | null> {
  if (caller.merchantId !== null && caller.merchantId === room.merchantId)
    return { kind: 'staff', merchantId: caller.merchantId };
  if (!caller.user) return null;
  const [seat] = await tx
    .select()
    .from(roomMembers)
    .where(liveSeatWhere(room.id, eq(roomMembers.userId, caller.user.id)));
  return seat ? { kind: 'member', seat } : null;
}

/** Sets the room's member count to its live seats (not left, not removed), in the caller's transaction. */
export async function recountRoomMembers(tx: Tx, roomId: string): Promise<void> {
  await tx
    .update(rooms)
    .set({
      memberCount: sql`(select count(*)::int from ${roomMembers} rm where rm.room_id = ${roomId}
        and rm.left_at is null and rm.removed_at is null)`,
    })
    .where(eq(rooms.id, roomId));
}

/** The room's live seats (not left, not removed) that also match `who` (a user, an alias, an invite code). */
export function liveSeatWhere(roomId: string, who: SQL): SQL | undefined {
  return and(eq(roomMembers.roomId, roomId), who, isNull(roomMembers.leftAt), isNull(roomMembers.removedAt));
}

/** The room `roomId` and the caller's place in it (locked for update when `lock`), or NOT_FOUND. */
export async function getRoomAccessOrThrow(
  tx: Tx,
  caller: RoomCaller,
  roomId: string,
  opts: { lock?: boolean } = {},
): Promise<{ room: RoomRow; place: RoomPlace }> {
  const q = tx.select().from(rooms).where(eq(rooms.id, roomId));
  const [room] = opts.lock ? await q.for('update') : await q;
  const place = room ? await placeIn(tx, caller, room) : null;
  if (!room || !place) throw new DomainError('NOT_FOUND', 'room.notFound');
  return { room, place };
}

/** Like getRoomAccessOrThrow, for the shop's staff only (members and strangers get NOT_FOUND). */
export async function getRoomAsStaffOrThrow(
  tx: Tx,
  caller: RoomCaller,
  roomId: string,
  opts: { lock?: boolean } = {},
): Promise<RoomRow> {
  const { room, place } = await getRoomAccessOrThrow(tx, caller, roomId, opts);
  if (place.kind !== 'staff') throw new DomainError('NOT_FOUND', 'room.notFound');
  return room;
}

/** The id of the room `ref` names (by id, its group's code, or a community's code), or NOT_FOUND. */
export async function resolveRoomRef(tx: Tx, ref: RoomRef): Promise<string> {
  if ('roomId' in ref) return ref.roomId;
  const [row] =
    'groupCode' in ref
      ? await tx
          .select({ id: rooms.id })
          .from(rooms)
          .innerJoin(groups, eq(groups.id, rooms.groupId))
          .where(eq(groups.code, ref.groupCode))
      : await tx
          .select({ id: rooms.id })
          .from(rooms)
          .where(and(eq(rooms.kind, 'community'), eq(rooms.code, ref.communityCode)));
  if (!row) throw new DomainError('NOT_FOUND', 'room.notFound');
  return row.id;
}

/** The reader of a place, for message views. */
export function viewerOf(place: RoomPlace): RoomViewer {
  return place.kind === 'staff'
    ? { kind: 'staff' }
    : { kind: 'member', userId: place.seat.userId, historyFrom: place.seat.historyFrom };
}

/**
 * The messages of `roomId` a reader may see: never deleted ones; held ones only for staff and their
 * author; for a member only those after their seat's history_from (rule 15).
 */
export function visibleToWhere(roomId: string, viewer: RoomViewer): SQL {
  const notDeleted = and(eq(roomMessages.roomId, roomId), ne(roomMessages.status, 'deleted'));
  if (viewer.kind === 'staff') return notDeleted ?? eq(roomMessages.roomId, roomId);
  const cond = and(
    notDeleted,
    gt(roomMessages.id, viewer.historyFrom),
    or(
      eq(roomMessages.status, 'visible'),
      and(eq(roomMessages.status, 'held'), eq(roomMessages.authorUserId, viewer.userId)),
    ),
  );
  return cond ?? eq(roomMessages.roomId, roomId);
}

/** A message the caller may see, with its room and the caller's place there, or NOT_FOUND. */
export async function getMessageAccessOrThrow(
  tx: Tx,
  caller: RoomCaller,
  messageId: number,
  opts: { lock?: boolean } = {},
): Promise<{ room: RoomRow; place: RoomPlace; message: RoomMessageRow }> {
  const [found] = await tx
    .select({ roomId: roomMessages.roomId })
    .from(roomMessages)
    .where(eq(roomMessages.id, messageId));
  if (!found) throw new DomainError('NOT_FOUND', 'room.messageNotFound');
  const { room, place } = await getRoomAccessOrThrow(tx, caller, found.roomId, opts);
  const q = tx
    .select()
    .from(roomMessages)
    .where(and(eq(roomMessages.id, messageId), visibleToWhere(room.id, viewerOf(place))));
  const [message] = opts.lock ? await q.for('update') : await q;
  if (!message) throw new DomainError('NOT_FOUND', 'room.messageNotFound');
  return { room, place, message };
}

/**
 * For one place's actions on a message (staff moderating, a member reporting): runs `fn` in a transaction
 * with the message and its room locked, after getMessageAccessOrThrow; a caller of another kind gets NOT_FOUND.
 */
export async function withMessageAsOrThrow<K extends RoomPlace['kind'], T>(
  db: Db,
  caller: RoomCaller,
  messageId: number,
  kind: K,
  fn: (
    tx: Tx,
    access: { room: RoomRow; place: Extract<RoomPlace, { kind: K }>; message: RoomMessageRow },
  ) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const { room, place, message } = await getMessageAccessOrThrow(tx, caller, messageId, { lock: true });
    if (!placeIs(place, kind)) throw new DomainError('NOT_FOUND', 'room.messageNotFound');
    return fn(tx, { room, place, message });
  });
}

function placeIs<K extends RoomPlace['kind']>(
  place: RoomPlace,
  kind: K,
): place is Extract<RoomPlace, { kind: K }> {
  return place.kind === kind;
}

/** True when the room takes no new messages: archived, or past its closing time. */
export function isRoomClosed(room: Pick<RoomRow, 'archivedAt' | 'closesAt'>, now: Date): boolean {
  return room.archivedAt !== null || (room.closesAt !== null && room.closesAt.getTime() <= now.getTime());
}
