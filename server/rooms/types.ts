// The shapes that leave the rooms area: what a reader's browser gets (aliases only, DESIGN rules 7 and
// 15) and the router contract the pages are built against. Edit when a view needs another fact.
import type { RoomAuthorKind, RoomKind, RoomMessageKind, SavedReply } from '@/db/schema';

/** A product card: one of the shop's deals as a room shows it. */
export type DealCardView = {
  dealId: string;
  slug: string;
  title: string;
  imageUrl: string | null;
  currency: string;
  listPrice: number;
  /** Unit price of each tier, cheapest last. */
  tiers: { minMembers: number; unitPrice: number }[];
  /** The deal is active: a group can be opened or joined. */
  open: boolean;
  /** A group of this deal about to fill, to join (code and how many more it needs), if any. */
  aboutToFill: { code: string; membersNeeded: number } | null;
};

/** One message as a reader sees it. Never an e-mail, user id or phone: the author is an alias or the shop. */
export type RoomMessageView = {
  id: number;
  kind: RoomMessageKind;
  authorKind: RoomAuthorKind;
  /** Alias (members) or the shop's name (staff); '' for system lines. */
  authorName: string;
  /** The reader wrote it (to show "held for review" to its author, and no report button). */
  mine: boolean;
  /** Plain text (rendered as text, URLs auto-linked by the page); '' for cards and system lines. */
  body: string;
  /** system lines: a catalog key under rooms.system and its values, rendered in the reader's language. */
  system: { key: string; values: Record<string, string | number> } | null;
  card: DealCardView | null;
  image: { url: string; width: number; height: number } | null;
  /** held: waiting for staff (only its author and staff see it); the reason for staff. */
  status: 'visible' | 'held';
  heldReason: 'link' | 'keyword' | 'reported' | null;
  /** Staff only: how many members reported it. */
  reportCount: number;
  createdAt: string;
};

/** A room as one reader sees it. */
export type RoomView = {
  id: string;
  kind: RoomKind;
  /** Community: its name; group room: the deal's title in the reader's language. */
  title: string;
  description: string;
  shopName: string;
  /** The group's code (group rooms) or the community's code. */
  code: string;
  /** The reader's place: a member (with alias), staff of the shop, or neither (then nothing else is sent). */
  viewer:
    | { kind: 'member'; alias: string; mutedUntil: string | null; inviteUrl: string | null }
    | { kind: 'staff' };
  memberCount: number;
  slowModeSeconds: number;
  /** Posting is closed (the room's group closed long enough ago, or the community is archived). */
  closed: boolean;
  pinned: RoomMessageView | null;
  /** The newest messages the reader may see, oldest first (at most 50); older with `rooms.history`. */
  messages: RoomMessageView[];
  /** True when older visible messages exist before `messages[0]`. */
  hasOlder: boolean;
};

/** A row of the concierge inbox. */
export type InboxRoomView = {
  id: string;
  kind: RoomKind;
  title: string;
  code: string;
  groupStatus: 'open' | 'closing' | 'won' | 'failed' | 'canceled' | null;
  memberCount: number;
  /** A member's message not yet followed by a staff reply. */
  unanswered: boolean;
  unread: number;
  held: number;
  lastMessage: { authorName: string; body: string; at: string } | null;
};

export type RoomSettingsView = {
  keywords: string[];
  closeAfterDays: number;
  deleteAfterDays: number;
  savedReplies: SavedReply[];
  holdMemberLinks: boolean;
};

/*
 * Router contract (server/trpc/routers/rooms.ts, registered as `rooms`; staff procedures need the signed-in
 * merchant, member procedures a session). Every procedure that names a room the caller is not in answers
 * NOT_FOUND (never "forbidden": a room's existence is not revealed).
 *
 *  member or staff:
 *   rooms.get({ roomId } | { groupCode } | { communityCode }) → RoomView
 *   rooms.history({ roomId, beforeId }) → { messages: RoomMessageView[]; hasOlder: boolean }
 *   rooms.post({ roomId, body, clientKey }) → RoomMessageView        (clientKey: idempotency per author)
 *   rooms.markRead({ roomId, messageId }) → { ok: true }
 *  member:
 *   rooms.report({ messageId }) → { ok: true }
 *   rooms.joinCommunity({ code, alias, inviteCode? }) → RoomView
 *   rooms.leaveCommunity({ roomId }) → { ok: true }
 *  staff:
 *   rooms.inbox() → InboxRoomView[]
 *   rooms.postCard({ roomId, dealId }) → RoomMessageView
 *   rooms.postImage({ roomId, url, width, height }) → RoomMessageView  (url from the existing upload route)
 *   rooms.pin({ roomId, messageId | null }) → { ok: true }
 *   rooms.deleteMessage({ messageId }) → { ok: true }
 *   rooms.approve({ messageId }) → { ok: true }                       (a held message becomes visible)
 *   rooms.muteMember({ roomId, alias, minutes }) → { mutedUntil }
 *   rooms.removeMember({ roomId, alias }) → { ok: true }
 *   rooms.setSlowMode({ roomId, seconds }) → { ok: true }
 *   rooms.createCommunity({ title, description }) → RoomView
 *   rooms.archiveCommunity({ roomId }) → { ok: true }
 *   rooms.settings() → RoomSettingsView ; rooms.updateSettings(Partial<RoomSettingsView>) → RoomSettingsView
 *  live (server/trpc/routers/live.ts):
 *   live.room({ roomId, lastEventId? }) → tracked(eventId, RoomDelta)
 *   live.inbox({ lastEventId? }) → tracked(eventId, { roomId })   (staff: something changed in that room)
 */

/** What a room stream yields: new or changed messages (visible to this reader), deletions, the pin. */
export type RoomDelta = {
  messages: RoomMessageView[];
  deletedIds: number[];
  pinned?: RoomMessageView | null;
  /** The reader was removed, left, or the room closed: the page stops posting. */
  state?: { closed: boolean; removed: boolean; mutedUntil: string | null };
};
