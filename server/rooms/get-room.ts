// A room as one reader sees it: its title in the reader's language, their place, the pinned message and the
// newest 50 messages they may see (a member: only those after they joined; staff: all). Nothing about other
// people but aliases (rules 7 and 15). Edit when RoomView gains a fact.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, merchants, roomMessages } from '@/db/schema';
import { dealTitleFor } from '@/server/deals/deal-content';
import type { Deps } from '@/server/deps';
import type { Locale } from '@/i18n/locales';
import { communityUrl } from './communities/invite-link';
import { isVisibleTo } from './message-view';
import {
  getRoomAccessOrThrow,
  isRoomClosed,
  resolveRoomRef,
  viewerOf,
  visibleToWhere,
  type RoomMessageRow,
  type RoomPlace,
  type RoomRow,
  type RoomCaller,
  type RoomViewer,
} from './room-access';
import type { RoomRef } from './room-input';
import type { RoomView } from './types';
import { viewMessage, viewMessages } from './view-messages';

/** How many messages a page of a room holds. */
export const ROOM_PAGE = 50;

/** The room `ref` names as the caller sees it, or NOT_FOUND when they have no place in it. */
export async function getRoomForViewer(
  deps: Deps,
  caller: RoomCaller,
  ref: RoomRef,
  locale: Locale,
): Promise<RoomView> {
  const db = deps.db;
  const roomId = await resolveRoomRef(db, ref);
  const { room, place } = await getRoomAccessOrThrow(db, caller, roomId);
  const viewer = viewerOf(place);
  const page = await messagePage(db, room.id, viewer, null);
  const pinnedRow = await pinnedRowOf(db, room, viewer);
  const now = deps.now();
  const about = await aboutRoom(db, room, locale);
  return {
    id: room.id,
    kind: room.kind,
    title: about.title,
    description: room.kind === 'community' ? room.description : '',
    shopName: about.shopName,
    code: about.code,
    viewer: viewerView(deps, room, place, now),
    memberCount: room.memberCount,
    slowModeSeconds: room.slowModeSeconds,
    closed: isRoomClosed(room, now),
    pinned: pinnedRow ? await viewMessage(deps, pinnedRow, viewer, locale) : null,
    messages: await viewMessages(deps, page.rows, viewer, locale),
    hasOlder: page.hasOlder,
  };
}

/** Up to ROOM_PAGE messages `viewer` may see, newest before `beforeId` (or the newest), oldest first. */
export async function messagePage(
  tx: Tx,
  roomId: string,
  viewer: RoomViewer,
  beforeId: number | null,
): Promise<{ rows: RoomMessageRow[]; hasOlder: boolean }> {
  const rows = await tx
    .select()
    .from(roomMessages)
    .where(
      beforeId === null
        ? visibleToWhere(roomId, viewer)
        : and(visibleToWhere(roomId, viewer), lt(roomMessages.id, beforeId)),
    )
    .orderBy(desc(roomMessages.id))
    .limit(ROOM_PAGE + 1);
  return { rows: rows.slice(0, ROOM_PAGE).reverse(), hasOlder: rows.length > ROOM_PAGE };
}

// The pinned message, when the reader may see it (a member sees a pin from before they joined only if it
// is after their history start: rule 15 has no exception for pins).
async function pinnedRowOf(tx: Tx, room: RoomRow, viewer: RoomViewer): Promise<RoomMessageRow | null> {
  if (room.pinnedMessageId === null) return null;
  const [row] = await tx.select().from(roomMessages).where(eq(roomMessages.id, room.pinnedMessageId));
  return row && row.roomId === room.id && isVisibleTo(row, viewer) ? row : null;
}

async function aboutRoom(
  tx: Tx,
  room: RoomRow,
  locale: Locale,
): Promise<{ title: string; shopName: string; code: string }> {
  const [shop] = await tx
    .select({ name: merchants.name })
    .from(merchants)
    .where(eq(merchants.id, room.merchantId));
  const shopName = shop?.name ?? '';
  if (room.kind === 'community') return { title: room.title, shopName, code: room.code ?? '' };
  const [g] = room.groupId
    ? await tx
        .select({
          code: groups.code,
          title: deals.title,
          contentLocale: deals.contentLocale,
          translations: deals.translations,
        })
        .from(groups)
        .innerJoin(deals, eq(deals.id, groups.dealId))
        .where(eq(groups.id, room.groupId))
    : [];
  return { title: g ? dealTitleFor(g, locale).title : room.title, shopName, code: g?.code ?? '' };
}

function viewerView(deps: Deps, room: RoomRow, place: RoomPlace, now: Date): RoomView['viewer'] {
  if (place.kind === 'staff') return { kind: 'staff' };
  const muted = place.seat.mutedUntil;
  return {
    kind: 'member',
    alias: place.seat.alias,
    mutedUntil: muted && muted.getTime() > now.getTime() ? muted.toISOString() : null,
    inviteUrl:
      room.kind === 'community' && room.code && place.seat.inviteCode
        ? communityUrl(deps.appUrl, room.code, place.seat.inviteCode)
        : null,
  };
}
