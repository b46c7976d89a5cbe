// Test data for the rooms tests: a group's room (the group opened through openGroup, the room made if the
// open did not make it) and seats inserted directly, each reading from the room's newest message at the
// time, as a join gives them; and the callers the router tests act through (the shop's staff, a seated
// member, a buyer joining by card). Edit when a test needs another kind of room, seat or caller.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { deals, groups, roomMembers, rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import type { Harness } from '@/test/harness';
import { makeGroup, VOUCHER_CHOICE, type DealOverrides } from '@/server/groups/test-factory';
import { recountRoomMembers, type RoomMemberRow, type RoomRow } from './room-access';

type JoinInput = Parameters<ReturnType<Harness['caller']>['groups']['join']>[0];

export type TestRoom = { roomId: string; groupId: string; code: string; dealId: string; merchantId: string };

/** An active deal (with its own shop) and an open group on it, with the group's room. */
export async function makeRoom(deps: Deps, o: DealOverrides = {}): Promise<TestRoom> {
  const g = await makeGroup(deps, o);
  const room = await groupRoom(deps, g.groupId);
  return { roomId: room.id, groupId: g.groupId, code: g.code, dealId: g.dealId, merchantId: room.merchantId };
}

/** The room of group `groupId` (made when the group has none yet). */
export async function groupRoom(deps: Deps, groupId: string): Promise<RoomRow> {
  const [g] = await deps.db.select().from(groups).where(eq(groups.id, groupId));
  if (!g) throw new Error('no such group');
  const [d] = await deps.db
    .select({ merchantId: deals.merchantId })
    .from(deals)
    .where(eq(deals.id, g.dealId));
  if (!d) throw new Error('group without deal');
  await deps.db
    .insert(rooms)
    .values({ kind: 'group', merchantId: d.merchantId, groupId, dealId: g.dealId })
    .onConflictDoNothing();
  const [room] = await deps.db.select().from(rooms).where(eq(rooms.groupId, groupId));
  if (!room) throw new Error('room not made');
  return room;
}

/**
 * Seats `userId` in the room as `alias`, reading from the room's newest message now (a seat the join
 * already gave is kept as it is). Returns the seat's history start.
 */
export async function seatMember(
  deps: Deps,
  roomId: string,
  userId: string,
  alias: string,
  memberId: string | null = null,
): Promise<number> {
  const [room] = await deps.db.select().from(rooms).where(eq(rooms.id, roomId));
  if (!room) throw new Error('no such room');
  await deps.db
    .insert(roomMembers)
    .values({ roomId, userId, alias, memberId, historyFrom: room.lastMessageId, joinedAt: deps.now() })
    .onConflictDoNothing();
  await recountRoomMembers(deps.db, roomId);
  const [seat] = await deps.db
    .select({ historyFrom: roomMembers.historyFrom })
    .from(roomMembers)
    .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)));
  if (!seat) throw new Error('seat not made');
  return seat.historyFrom;
}

/** A room (see makeRoom) and a caller acting as its shop's staff. */
export async function roomWithStaff(
  h: Harness,
): Promise<{ r: TestRoom; staff: ReturnType<Harness['caller']> }> {
  const r = await makeRoom(h.deps);
  return { r, staff: h.caller(await h.makeUser(), r.merchantId) };
}

/** A new user seated in room `r` as `alias` (see seatMember), and a caller acting as them. */
export async function seatCaller(
  h: Harness,
  r: TestRoom,
  alias: string,
  o: { email?: string; name?: string } = {},
): Promise<{ u: Awaited<ReturnType<Harness['makeUser']>>; c: ReturnType<Harness['caller']> }> {
  const u = await h.makeUser(o);
  await seatMember(h.deps, r.roomId, u.id, alias);
  return { u, c: h.caller(u) };
}

/** The seat of `userId` in room `roomId`, left or removed included; throws when there is none. */
export async function getSeatOrThrow(deps: Deps, roomId: string, userId: string): Promise<RoomMemberRow> {
  const [s] = await deps.db
    .select()
    .from(roomMembers)
    .where(and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)));
  if (!s) throw new Error('no seat');
  return s;
}

/** `user` joins group `code` as `alias` through the groups router: one seat, a test card, a voucher by default. */
export function joinWithCard(
  h: Harness,
  user: Parameters<Harness['caller']>[0],
  code: string,
  alias: string,
  fulfilment: JoinInput['fulfilment'] = VOUCHER_CHOICE,
) {
  return h.caller(user).groups.join({
    code,
    alias,
    quantity: 1,
    fulfilment,
    idempotencyKey: randomUUID(),
    paymentMethod: 'pm_card_visa',
  });
}
