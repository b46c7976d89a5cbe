// The concierge inbox's pure rules: the order and filters of the room list, the counts the console shows,
// a one-line preview of the last message, the choices staff get (mute lengths, slow mode) and where a saved
// reply goes in the draft. No React, so each rule is tested without a browser.
// Edit when the inbox gains a filter or staff a choice.
import type { RoomState } from '@/app/_components/room/room-state';
import type { InboxRoomView, RoomMessageView } from '@/server/rooms/types';

export const INBOX_FILTERS = ['all', 'unanswered', 'groups', 'communities'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** How long staff may mute a member from the inbox: 10 minutes, an hour, a day. */
export const MUTE_MINUTES = [10, 60, 1440] as const;

/** The slow modes staff may pick: off, then one message per N seconds per member. */
export const SLOW_MODE_SECONDS = [0, 10, 30, 60, 300] as const;

/** Newest activity of a row, in ms (rooms without a message sort last). */
function lastAt(r: InboxRoomView): number {
  return r.lastMessage ? new Date(r.lastMessage.at).getTime() : 0;
}

/** Rooms with a member's question waiting for a reply first, then by newest activity, then by id. */
export function sortInbox(rows: readonly InboxRoomView[]): InboxRoomView[] {
  return [...rows].sort(
    (a, b) =>
      Number(b.unanswered) - Number(a.unanswered) ||
      lastAt(b) - lastAt(a) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The rows a filter keeps, in inbox order. */
export function filterInbox(rows: readonly InboxRoomView[], filter: InboxFilter): InboxRoomView[] {
  const keep = (r: InboxRoomView): boolean =>
    filter === 'all' ||
    (filter === 'unanswered' && r.unanswered) ||
    (filter === 'groups' && r.kind === 'group') ||
    (filter === 'communities' && r.kind === 'community');
  return sortInbox(rows.filter(keep));
}

/** What the inbox's header and the console's link count: rooms waiting for a reply, unread, held. */
export function inboxTotals(rows: readonly InboxRoomView[]): {
  unanswered: number;
  unread: number;
  held: number;
} {
  return rows.reduce(
    (t, r) => ({
      unanswered: t.unanswered + (r.unanswered ? 1 : 0),
      unread: t.unread + r.unread,
      held: t.held + r.held,
    }),
    { unanswered: 0, unread: 0, held: 0 },
  );
}

/** `body` on one line (runs of whitespace as one space), cut at `max` characters (not UTF-16 units) with "…". */
export function previewText(body: string, max = 80): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The draft with `insert` put where the cursor was (replacing a selection), and where the cursor goes
 * next; a space is added where the reply would run into a word (or follow punctuation).
 */
export function insertAt(
  draft: string,
  insert: string,
  start: number,
  end: number = start,
): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start, draft.length));
  const to = Math.max(from, Math.min(end, draft.length));
  const before = draft.slice(0, from);
  const after = draft.slice(to);
  const lead = /[\p{L}\p{N}.,!?;:]$/u.test(before) ? ' ' : '';
  const trail = /^[\p{L}\p{N}]/u.test(after) ? ' ' : '';
  const text = `${before}${lead}${insert}${trail}${after}`;
  return { text, cursor: before.length + lead.length + insert.length };
}

/** The newest message id staff have on screen (what markRead reports), or 0. */
export function newestMessageId(messages: readonly RoomMessageView[]): number {
  return messages.reduce((max, m) => Math.max(max, m.id), 0);
}

/** `s` after staff approved message `id`: it shows as visible (the stream confirms it too). */
export function withApproved(s: RoomState, id: number): RoomState {
  const approve = (m: RoomMessageView): RoomMessageView =>
    m.id === id ? { ...m, status: 'visible', heldReason: null } : m;
  return { ...s, messages: s.messages.map(approve), pinned: s.pinned ? approve(s.pinned) : null };
}

/** `s` after staff deleted message `id`: gone from the list and from the pin, and never brought back. */
export function withDeleted(s: RoomState, id: number): RoomState {
  return {
    ...s,
    messages: s.messages.filter((m) => m.id !== id),
    pinned: s.pinned?.id === id ? null : s.pinned,
    deleted: new Set([...s.deleted, id]),
  };
}

/** Members' aliases staff can act on (mute, remove): authors of member messages on screen, once each. */
export function memberAliases(messages: readonly RoomMessageView[]): string[] {
  return [...new Set(messages.filter((m) => m.authorKind === 'member').map((m) => m.authorName))];
}
