// An inbox row for the inbox's unit tests: a quiet open group room, changed by the test's `patch`.
// Tests only. Edit when InboxRoomView gains a field.
import type { InboxRoomView } from '@/server/rooms/types';

/** The quiet group room "Ramen kit" (3 members, no message), then `patch`. */
export function fixtureRow(patch: Partial<InboxRoomView> = {}): InboxRoomView {
  return {
    id: '6f1c1e43-3a0e-4a43-9d55-7d1d0f6f1a01',
    kind: 'group',
    title: 'Ramen kit',
    code: 'abc123',
    groupStatus: 'open',
    memberCount: 3,
    unanswered: false,
    unread: 0,
    held: 0,
    lastMessage: null,
    ...patch,
  };
}
