// A member or the shop's staff posts text in a room. In order: the caller's place (NOT_FOUND otherwise), a
// retry of the same clientKey (the first post, unchanged), the room open, the member not muted, slow mode
// and the rate limits, then the shop's filters (members' links, keywords) decide whether it waits for
// staff. Edit when a posting rule changes.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { merchants, roomMembers, roomMessages } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { Locale } from '@/i18n/locales';
import { appendRoomMessage } from './append-message';
import { notifyRoomPost } from './notify-room-post';
import {
  getRoomAccessOrThrow,
  isRoomClosed,
  viewerOf,
  type RoomCaller,
  type RoomMessageRow,
  type RoomPlace,
  type RoomRow,
} from './room-access';
import { checkMemberPostRate } from './room-rate-limit';
import { readRoomSettings } from './room-settings';
import type { RoomMessageView } from './types';
import { viewMessage } from './view-messages';

// A web address as people type one: a scheme, "www.", or a name ending in a common top-level domain.
const LINK =
  /(\bhttps?:\/\/|\bwww\.|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|org|info|biz|io|co|me|ly|gl|app|shop|store|xyz|top|site|online|link|cn|jp|hk|tw|uk|us|ru|de|fr)\b)/i;

/** Posts `body` in the room as the caller (a member by alias, staff as the shop); a retried clientKey returns the first post. */
export async function postMessage(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; body: string; clientKey: string },
  locale: Locale,
): Promise<RoomMessageView> {
  const { row, place } = await deps.db.transaction(async (tx) => {
    // The room row's lock orders the room's posts: the rate counts and the retry check see each other.
    const { room, place } = await getRoomAccessOrThrow(tx, caller, input.roomId, { lock: true });
    const authorUserId = caller.user?.id ?? null;
    const earlier = await findByClientKey(tx, room.id, place, authorUserId, input.clientKey);
    if (earlier) return { row: earlier, place };
    const now = deps.now();
    await assertMayPost(tx, room, place, now);
    const heldReason = place.kind === 'member' ? await heldReasonOf(tx, room, input.body) : null;
    const row = await appendRoomMessage(tx, room, {
      authorKind: place.kind,
      authorUserId,
      authorName: await authorNameOf(tx, room, place),
      kind: 'text',
      body: input.body,
      data: { clientKey: input.clientKey },
      heldReason,
      now,
    });
    await afterPost(tx, room, place, row, now);
    await notifyRoomPost(tx, room, row);
    return { row, place };
  });
  const view = await viewMessage(deps, row, viewerOf(place), locale);
  if (!view) throw new DomainError('NOT_FOUND', 'room.messageNotFound');
  return view;
}

/** Refuses a post the room's state or the poster's forbids at `now`: closed, muted, slow mode, rate limits. */
export async function assertMayPost(tx: Tx, room: RoomRow, place: RoomPlace, now: Date): Promise<void> {
  if (isRoomClosed(room, now)) throw new DomainError('CONFLICT', 'room.closed');
  if (place.kind !== 'member') return;
  const muted = place.seat.mutedUntil;
  if (muted && muted.getTime() > now.getTime())
    throw new DomainError('FORBIDDEN', 'room.muted', { until: { date: muted.toISOString() } });
  await checkMemberPostRate(tx, room, place.seat, now);
}

/** The name a post shows: the member's alias, or the shop's name for staff. */
export async function authorNameOf(tx: Tx, room: RoomRow, place: RoomPlace): Promise<string> {
  if (place.kind === 'member') return place.seat.alias;
  const [m] = await tx
    .select({ name: merchants.name })
    .from(merchants)
    .where(eq(merchants.id, room.merchantId));
  return m?.name ?? '';
}

/** After a post: a member's slow-mode clock starts, and the poster has read up to their own message. */
export async function afterPost(
  tx: Tx,
  room: RoomRow,
  place: RoomPlace,
  row: RoomMessageRow,
  now: Date,
): Promise<void> {
  if (place.kind !== 'member') return;
  await tx
    .update(roomMembers)
    .set({
      lastPostAt: now,
      lastReadMessageId: sql`greatest(${roomMembers.lastReadMessageId}, ${row.id})`,
    })
    .where(and(eq(roomMembers.roomId, room.id), eq(roomMembers.userId, place.seat.userId)));
}

async function findByClientKey(
  tx: Tx,
  roomId: string,
  place: RoomPlace,
  authorUserId: string | null,
  clientKey: string,
): Promise<RoomMessageRow | null> {
  if (authorUserId === null) return null;
  const [row] = await tx
    .select()
    .from(roomMessages)
    .where(
      and(
        eq(roomMessages.roomId, roomId),
        eq(roomMessages.authorKind, place.kind),
        eq(roomMessages.authorUserId, authorUserId),
        sql`${roomMessages.data}->>'clientKey' = ${clientKey}`,
      ),
    )
    .limit(1);
  return row ?? null;
}

// Why a member's message waits for staff, if it does: a word of the shop's filter, or a link while the
// shop holds members' links (the default).
async function heldReasonOf(tx: Tx, room: RoomRow, body: string): Promise<'keyword' | 'link' | null> {
  const settings = await readRoomSettings(tx, room.merchantId);
  const text = body.toLocaleLowerCase();
  if (settings.keywords.some((k) => k !== '' && text.includes(k.toLocaleLowerCase()))) return 'keyword';
  if (settings.holdMemberLinks && LINK.test(body)) return 'link';
  return null;
}
