import { describe, expect, it } from 'vitest';
import { fixtureMessage } from '@/app/_components/room/message-fixture';
import { fromRoom } from '@/app/_components/room/room-state';
import type { InboxRoomView, RoomMessageView, RoomView } from '@/server/rooms/types';
import {
  filterInbox,
  inboxTotals,
  insertAt,
  memberAliases,
  newestMessageId,
  previewText,
  sortInbox,
  withApproved,
  withDeleted,
} from './inbox-model';
import { fixtureRow } from './inbox-fixture';

const row = (id: string, patch: Partial<InboxRoomView> = {}): InboxRoomView =>
  fixtureRow({ id, title: `Room ${id}`, code: id, ...patch });
const at = (iso: string) => ({ authorName: 'Ben', body: 'hi', at: iso });

const message = (id: number, patch: Partial<RoomMessageView> = {}): RoomMessageView =>
  fixtureMessage({ id, body: `message ${id}`, createdAt: '2026-05-01T10:00:00.000Z', ...patch });

const room = (messages: RoomMessageView[], pinned: RoomMessageView | null = null): RoomView => ({
  id: 'r1',
  kind: 'group',
  title: 'Ramen kit',
  description: '',
  shopName: 'Ramen Co',
  code: 'abc',
  viewer: { kind: 'staff' },
  memberCount: 2,
  slowModeSeconds: 0,
  closed: false,
  pinned,
  messages,
  hasOlder: false,
});

describe('the inbox order', () => {
  it('puts rooms with a question waiting first, then the newest activity, quiet rooms last', () => {
    const rows = [
      row('quiet'),
      row('old-question', { unanswered: true, lastMessage: at('2026-05-01T09:00:00Z') }),
      row('recent', { lastMessage: at('2026-05-01T12:00:00Z') }),
      row('new-question', { unanswered: true, lastMessage: at('2026-05-01T11:00:00Z') }),
      row('older', { lastMessage: at('2026-05-01T08:00:00Z') }),
    ];
    expect(sortInbox(rows).map((r) => r.id)).toEqual([
      'new-question',
      'old-question',
      'recent',
      'older',
      'quiet',
    ]);
  });

  it('filters to waiting rooms, groups or communities, keeping the order', () => {
    const rows = [
      row('g1', { lastMessage: at('2026-05-01T12:00:00Z') }),
      row('c1', { kind: 'community', groupStatus: null, unanswered: true }),
      row('g2', { unanswered: true, lastMessage: at('2026-05-01T10:00:00Z') }),
    ];
    expect(filterInbox(rows, 'unanswered').map((r) => r.id)).toEqual(['g2', 'c1']);
    expect(filterInbox(rows, 'groups').map((r) => r.id)).toEqual(['g2', 'g1']);
    expect(filterInbox(rows, 'communities').map((r) => r.id)).toEqual(['c1']);
    expect(filterInbox(rows, 'all')).toHaveLength(3);
  });

  it('counts rooms waiting for a reply, unread and held messages across rooms', () => {
    const rows = [
      row('a', { unanswered: true, unread: 3, held: 1 }),
      row('b', { unread: 2 }),
      row('c', { unanswered: true, held: 2 }),
    ];
    expect(inboxTotals(rows)).toEqual({ unanswered: 2, unread: 5, held: 3 });
    expect(inboxTotals([])).toEqual({ unanswered: 0, unread: 0, held: 0 });
  });
});

describe('the last message preview', () => {
  it('shows a multi-line message on one line', () => {
    expect(previewText('Is pickup\n\non  Saturday?\t')).toBe('Is pickup on Saturday?');
  });

  it('cuts long text by characters, never splitting an emoji', () => {
    const long = `${'😀'.repeat(100)}`;
    const cut = previewText(long, 10);
    expect([...cut]).toHaveLength(10);
    expect(cut.endsWith('😀…')).toBe(true);
    expect(previewText('short', 10)).toBe('short');
  });
});

describe('inserting a saved reply', () => {
  it('goes where the cursor is, spaced from the words around it, with the cursor after it', () => {
    expect(insertAt('Hello there', 'Pickup is Saturday.', 5)).toEqual({
      text: 'Hello Pickup is Saturday. there',
      cursor: 25,
    });
    expect(insertAt('', 'Thanks!', 0)).toEqual({ text: 'Thanks!', cursor: 7 });
    expect(insertAt('Hi ', 'Thanks!', 3)).toEqual({ text: 'Hi Thanks!', cursor: 10 });
  });

  it('replaces a selection, and clamps a cursor beyond the text', () => {
    expect(insertAt('Hi XXX!', 'Ben', 3, 6).text).toBe('Hi Ben!');
    expect(insertAt('Hi', 'Ben', 99)).toEqual({ text: 'Hi Ben', cursor: 6 });
  });
});

describe('moderation on screen', () => {
  it('shows an approved message as visible, in the list and in the pin', () => {
    const held = message(2, { status: 'held', heldReason: 'link' });
    const s = withApproved(fromRoom(room([message(1), held], held)), 2);
    expect(s.messages.find((m) => m.id === 2)).toMatchObject({ status: 'visible', heldReason: null });
    expect(s.pinned).toMatchObject({ id: 2, status: 'visible' });
    expect(s.messages.find((m) => m.id === 1)?.status).toBe('visible');
  });

  it('removes a deleted message from the list and the pin', () => {
    const s = withDeleted(fromRoom(room([message(1), message(2)], message(2))), 2);
    expect(s.messages.map((m) => m.id)).toEqual([1]);
    expect(s.pinned).toBeNull();
    expect(s.deleted.has(2)).toBe(true);
  });

  it('offers members (not staff or system lines) for mute and remove, each alias once', () => {
    const ms = [
      message(1, { authorName: 'Ben' }),
      message(2, { authorKind: 'staff', authorName: 'Ramen Co' }),
      message(3, { authorName: 'Chen' }),
      message(4, { authorName: 'Ben' }),
      message(5, { kind: 'system', authorKind: 'system', authorName: '' }),
    ];
    expect(memberAliases(ms)).toEqual(['Ben', 'Chen']);
    expect(newestMessageId(ms)).toBe(5);
    expect(newestMessageId([])).toBe(0);
  });
});
