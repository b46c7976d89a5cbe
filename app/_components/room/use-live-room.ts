'use client';
// A room's live deltas: one SSE subscription (live.room) per open room. After a drop the link resumes
// from the last tracked event id by itself; `onStarted` runs on every (re)start so the page can backfill
// what the stream began after (subscribe first, then backfill). Edit when the stream's input changes.
import { useLocale } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { isLocale } from '@/i18n/locales';
import { lazyApi } from '@/app/_trpc/lazy-api';
import type { RoomDelta } from '@/server/rooms/types';

/** Subscribes to room `roomId` (null: not yet known); answers whether the stream is open. */
export function useLiveRoom(
  roomId: string | null,
  onDelta: (d: RoomDelta) => void,
  onStarted: () => void,
): boolean {
  const [connected, setConnected] = useState(false);
  // An EventSource sends no headers: the page's language goes in the input (product cards' titles).
  const pageLocale = useLocale();
  const locale = isLocale(pageLocale) ? pageLocale : undefined;
  // The latest callbacks, without restarting the stream when the page re-renders.
  const handlers = useRef({ onDelta, onStarted });
  useEffect(() => {
    handlers.current = { onDelta, onStarted };
  });
  useEffect(() => {
    if (!roomId) return;
    let stop: (() => void) | null = null;
    let unmounted = false;
    void lazyApi().then((api) => {
      if (unmounted) return;
      const sub = api.live.room.subscribe(
        { roomId, locale },
        {
          onStarted: () => {
            setConnected(true);
            handlers.current.onStarted();
          },
          onConnectionStateChange: (state) => setConnected(state.state === 'pending'),
          onData: (msg) => handlers.current.onDelta(msg.data),
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
  }, [roomId, locale]);
  return connected;
}
