'use client';
// The group page's live snapshot: one SSE subscription (live.group) that starts from the server-rendered
// snapshot and resumes from the last event id after a drop. Edit when the stream's input changes.
import { useSubscription } from '@trpc/tanstack-react-query';
import { useMemo, useState } from 'react';
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';
import { useTRPC } from '@/app/_trpc/client';

export type LiveGroup = {
  /** The newest snapshot known: the live one once it arrives, the server-rendered one before. */
  snapshot: GroupSnapshot;
  /** True while the stream is open; false while connecting, reconnecting or after a fatal error. */
  connected: boolean;
  /** When the last live snapshot arrived (client clock), null before the first. */
  lastUpdateAt: Date | null;
};

function cursorOf(s: { lastEventId: string | number | null }): number {
  return s.lastEventId === null ? -1 : Number(s.lastEventId);
}

// An older snapshot never replaces a newer one (a page re-render or a reconnect may race the stream).
function newer(a: GroupSnapshot, b: GroupSnapshot): GroupSnapshot {
  return cursorOf(b) >= cursorOf(a) ? b : a;
}

/** Subscribes the group page to live snapshots for the signed-in viewer, starting from `initial`. */
export function useLiveGroup(code: string, initial: GroupSnapshot): LiveGroup {
  const trpc = useTRPC();
  // The cursor is fixed for the life of the subscription; on reconnect the link sends the last tracked id itself.
  const [startCursor] = useState(() => (initial.lastEventId === null ? null : String(initial.lastEventId)));
  const [live, setLive] = useState<{ snapshot: GroupSnapshot; at: Date } | null>(null);
  const sub = useSubscription(
    trpc.live.group.subscriptionOptions(
      { code, lastEventId: startCursor },
      {
        onData: (msg) => setLive((prev) => ({ snapshot: prev ? newer(prev.snapshot, msg.data) : msg.data, at: new Date() })),
      },
    ),
  );
  const snapshot = useMemo(() => (live ? newer(initial, live.snapshot) : initial), [initial, live]);
  return { snapshot, connected: sub.status === 'pending', lastUpdateAt: live?.at ?? null };
}
