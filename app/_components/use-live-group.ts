'use client';
// The group page's live snapshot: one SSE subscription (live.group) that starts from the server-rendered
// snapshot and resumes from the last event id after a drop. A sign-in in another tab (keeping the groups by
// e-mail) changes who is watching: on coming back to the tab, a new viewer gets a fresh stream. Edit when
// the stream's input changes.
import { lazyApi } from '@/app/_trpc/lazy-api';
import { useLocale } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';

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

// Who the browser's session is now (null when signed out); only compared with itself, never shown.
async function sessionUserId(): Promise<string | null> {
  const res = await fetch('/api/auth/get-session', { credentials: 'same-origin', cache: 'no-store' });
  const body = res.ok ? ((await res.json()) as { user?: { id?: string } } | null) : null;
  return body?.user?.id ?? null;
}

/** A number that grows each time the signed-in person changed while the tab was in the background. */
function useViewerEpoch(): number {
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    let before: Promise<string | null> | null = null;
    const away = () => {
      before = sessionUserId().catch(() => null);
    };
    const back = () => {
      const was = before;
      before = null;
      if (!was) return;
      void Promise.all([was, sessionUserId().catch(() => null)]).then(([a, b]) => {
        if (a !== b) setEpoch((n) => n + 1);
      });
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? away() : back());
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('blur', away);
    window.addEventListener('focus', back);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('blur', away);
      window.removeEventListener('focus', back);
    };
  }, []);
  return epoch;
}

/** Subscribes the group page to live snapshots for the signed-in viewer, starting from `initial`. */
export function useLiveGroup(code: string, initial: GroupSnapshot): LiveGroup {
  // The cursor is fixed for the life of the subscription; on reconnect the link sends the last tracked id itself.
  const [startCursor] = useState(() => (initial.lastEventId === null ? null : String(initial.lastEventId)));
  const [live, setLive] = useState<{ snapshot: GroupSnapshot; at: Date } | null>(null);
  const [connected, setConnected] = useState(false);
  const epoch = useViewerEpoch();
  // The page's language, so live snapshots keep the deal's words in it (a share link's hint included).
  const locale = useLocale();
  useEffect(() => {
    // A new viewer starts without a cursor, so the stream sends their own snapshot at once.
    const cursor = epoch === 0 ? startCursor : null;
    if (epoch > 0) setLive(null);
    let stop: (() => void) | null = null;
    let unmounted = false;
    // The API client loads after the page is up: the server-rendered snapshot is already on screen.
    void lazyApi().then((api) => {
      if (unmounted) return;
      const sub = api.live.group.subscribe(
        { code, lastEventId: cursor, locale },
        {
          onStarted: () => setConnected(true),
          onConnectionStateChange: (state) => setConnected(state.state === 'pending'),
          onData: (msg) =>
            setLive((prev) => ({
              snapshot: prev ? newer(prev.snapshot, msg.data) : msg.data,
              at: new Date(),
            })),
          onError: () => setConnected(false),
          onStopped: () => setConnected(false),
        },
      );
      stop = () => sub.unsubscribe();
    });
    return () => {
      unmounted = true;
      stop?.();
    };
  }, [code, startCursor, epoch, locale]);
  const snapshot = useMemo(() => (live ? newer(initial, live.snapshot) : initial), [initial, live]);
  return { snapshot, connected, lastUpdateAt: live?.at ?? null };
}
