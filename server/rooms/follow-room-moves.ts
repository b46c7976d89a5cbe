// A group's room follows its membership, in the moves' transaction (applyMoves calls this after the
// counters are current): a member whose hold is placed gets a seat that reads only what comes after it; a
// member who leaves, or whose hold is lost while the group is open, loses the room; the joins of a burst
// share one "joined" line and one welcome; a cheaper bracket reached is said once in the room.
//
// Decisions (where the issue is silent):
// - A member released or charged at the close keeps the room: they were in the group when it ended, and
//   the won / failed line is for them. Only leaving (or losing the hold) while the group is open loses it.
// - A burst is the run of joins while the room's newest message is its "joined" line (and that burst's
//   welcome) and that line is younger than JOIN_BURST_MS. A newcomer of a running burst reads from the
//   burst's line, which names them (only that line and the welcome follow it, both about the burst).
// - Staff removal outlives a leave: a member removed by staff who leaves and joins again stays removed.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, merchants, roomMembers, roomMessages } from '@/db/schema';
import { recordEvents, type EventInput } from '@/server/events/record-event';
import { currentTierIndex, type Tier } from '@/server/pricing';
import { appendRoomMessage } from './append-message';
import { ensureGroupRoom } from './ensure-group-room';
import { recountRoomMembers, type RoomRow } from './room-access';

/** A "joined" line younger than this takes the next joins instead of a new line. */
export const JOIN_BURST_MS = 2 * 60_000;
/** How many aliases a "joined" line names before it counts the others. */
export const JOINED_NAMES = 3;

/** Moves that give a seat in the room, and moves (while the group is open) that take it away. */
const SEAT_MOVES: ReadonlySet<string> = new Set(['authorize']);
const LEAVE_MOVES: ReadonlySet<string> = new Set(['leaveAuthorized', 'holdLost']);

type GroupNow = {
  id: string;
  dealId: string;
  tiers: Tier[];
  confirmedCount: number;
  currency: string;
};
type MovedMember = { name: string; member: { id: string; userId: string; alias: string } };

/** Follows `moved` (just applied to `g`, whose confirmed count was `confirmedBefore`) in the group's room. */
export async function followRoomMoves(
  tx: Tx,
  g: GroupNow,
  moved: readonly MovedMember[],
  confirmedBefore: number,
  now: Date,
): Promise<void> {
  const joins = moved.filter((m) => SEAT_MOVES.has(m.name)).map((m) => m.member);
  const leaves = moved.filter((m) => LEAVE_MOVES.has(m.name)).map((m) => m.member);
  const tierBefore = currentTierIndex(g.tiers, confirmedBefore);
  const tierNow = currentTierIndex(g.tiers, g.confirmedCount);
  const unlocked = g.confirmedCount > confirmedBefore && tierNow > tierBefore && tierNow > 0;
  if (joins.length === 0 && leaves.length === 0 && !unlocked) return;

  const room = await ensureGroupRoom(tx, g);
  const events: EventInput[] = [];
  if (leaves.length > 0) {
    const gone = await tx
      .update(roomMembers)
      .set({ leftAt: now })
      .where(
        and(
          eq(roomMembers.roomId, room.id),
          inArray(
            roomMembers.memberId,
            leaves.map((m) => m.id),
          ),
          isNull(roomMembers.leftAt),
        ),
      )
      .returning({ memberId: roomMembers.memberId });
    for (const r of gone)
      events.push({
        type: 'room.member_left',
        groupId: g.id,
        memberId: r.memberId,
        payload: { roomId: room.id },
      });
  }
  if (joins.length > 0) {
    const burst = await runningBurst(tx, room, now);
    // A newcomer reads from now on, or from the running burst's line that names them.
    const historyFrom = burst ? burst.line.id - 1 : room.lastMessageId;
    // One statement for the batch (a join batch may seat dozens); a returning member gets a fresh seat.
    await tx
      .insert(roomMembers)
      .values(
        joins.map((m) => ({
          roomId: room.id,
          userId: m.userId,
          alias: m.alias,
          memberId: m.id,
          historyFrom,
          joinedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [roomMembers.roomId, roomMembers.userId],
        set: {
          alias: sql`excluded.alias`,
          memberId: sql`excluded.member_id`,
          historyFrom,
          joinedAt: now,
          leftAt: null,
        },
      });
    for (const m of joins) {
      events.push({
        type: 'room.member_joined',
        groupId: g.id,
        memberId: m.id,
        payload: { roomId: room.id },
      });
    }
    await announceJoins(
      tx,
      room,
      g,
      burst,
      joins.map((m) => m.alias),
      now,
    );
  }
  await recountRoomMembers(tx, room.id);
  await recordEvents(tx, events);
  if (unlocked) {
    const price = g.tiers[tierNow]?.unitPrice;
    if (price !== undefined)
      await appendRoomMessage(tx, room, {
        ...systemLine('bracketUnlocked', { price, currency: g.currency }),
        now,
      });
  }
}

/** A system line's message input (words rendered per reader from rooms.system.<key>). */
export function systemLine(
  key: string,
  values: Record<string, string | number>,
  extra: Record<string, unknown> = {},
) {
  return {
    authorKind: 'system' as const,
    authorName: '',
    kind: 'system' as const,
    data: { key, values, ...extra },
  };
}

type RoomMessage = typeof roomMessages.$inferSelect;
type Burst = { line: RoomMessage; welcome: RoomMessage | null };

/** The running join burst: the room's newest message is its "joined" line (or that line's welcome), young enough. */
async function runningBurst(tx: Tx, room: RoomRow, now: Date): Promise<Burst | null> {
  const newest = await tx
    .select()
    .from(roomMessages)
    .where(eq(roomMessages.roomId, room.id))
    .orderBy(sql`${roomMessages.id} desc`)
    .limit(2);
  const [first, second] = newest;
  if (!first) return null;
  const isJoined = (m: RoomMessage): boolean =>
    m.kind === 'system' && m.data['key'] === 'joined' && m.status === 'visible';
  const young = (m: RoomMessage) => now.getTime() - m.createdAt.getTime() < JOIN_BURST_MS;
  if (isJoined(first)) return young(first) ? { line: first, welcome: null } : null;
  if (
    second &&
    first.kind === 'welcome' &&
    isJoined(second) &&
    first.data['burstLineId'] === second.id &&
    young(second)
  )
    return { line: second, welcome: first };
  return null;
}

/** Names `aliases` in the running burst's line (and its welcome), or starts a new burst with its welcome. */
async function announceJoins(
  tx: Tx,
  room: RoomRow,
  g: GroupNow,
  burst: Burst | null,
  aliases: string[],
  now: Date,
): Promise<void> {
  const template = await welcomeOf(tx, g.dealId);
  if (burst) {
    const all = [...aliasesOf(burst.line), ...aliases];
    const updates: EventInput[] = [];
    await tx
      .update(roomMessages)
      .set({ data: joinedData(all), updatedAt: now })
      .where(eq(roomMessages.id, burst.line.id));
    updates.push(updatedEvent(room, burst.line.id));
    if (burst.welcome && template) {
      const text = fillWelcome(template.text, all);
      await tx
        .update(roomMessages)
        .set({ body: text, data: { text, burstLineId: burst.line.id }, updatedAt: now })
        .where(eq(roomMessages.id, burst.welcome.id));
      updates.push(updatedEvent(room, burst.welcome.id));
    }
    await recordEvents(tx, updates);
    return;
  }
  const line = await appendRoomMessage(tx, room, {
    authorKind: 'system',
    authorName: '',
    kind: 'system',
    data: joinedData(aliases),
    now,
  });
  if (!template) return;
  const text = fillWelcome(template.text, aliases);
  await appendRoomMessage(tx, room, {
    authorKind: 'staff',
    authorName: template.shopName,
    kind: 'welcome',
    body: text,
    data: { text, burstLineId: line.id },
    now,
  });
}

function updatedEvent(room: RoomRow, messageId: number): EventInput {
  return { type: 'room.message_updated', groupId: room.groupId, payload: { roomId: room.id, messageId } };
}

/** The data of a "joined" line naming `aliases`: the first three by name, the rest counted. */
export function joinedData(aliases: string[]) {
  return {
    key: 'joined',
    values: {
      names: aliases.slice(0, JOINED_NAMES).join(', '),
      others: Math.max(0, aliases.length - JOINED_NAMES),
    },
    aliases,
  };
}

function aliasesOf(line: RoomMessage): string[] {
  const a = line.data['aliases'];
  return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
}

/** The deal's welcome template with {aliases} filled in as plain text. */
export function fillWelcome(template: string, aliases: string[]): string {
  return template.replaceAll('{aliases}', aliases.join(', '));
}

async function welcomeOf(tx: Tx, dealId: string): Promise<{ text: string; shopName: string } | null> {
  const [d] = await tx
    .select({ text: deals.welcomeMessage, shopName: merchants.name })
    .from(deals)
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .where(eq(deals.id, dealId));
  return d && d.text.trim() !== '' ? { text: d.text.trim(), shopName: d.shopName } : null;
}
