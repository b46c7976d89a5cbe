// A room message for the room and inbox unit tests: Ben's visible text message, changed by the test's
// `patch`. Tests only. Edit when RoomMessageView gains a field.
import type { RoomMessageView } from '@/server/rooms/types';

/** Ben's visible text message no. 1 with an empty body, then `patch`. */
export function fixtureMessage(patch: Partial<RoomMessageView> = {}): RoomMessageView {
  return {
    id: 1,
    kind: 'text',
    authorKind: 'member',
    authorName: 'Ben',
    mine: false,
    body: '',
    system: null,
    card: null,
    image: null,
    status: 'visible',
    heldReason: null,
    reportCount: 0,
    createdAt: '2026-11-30T10:00:00.000Z',
    ...patch,
  };
}
