'use client';
// A room's state as both the member room (room.tsx) and the staff inbox (merchant/inbox/staff-room.tsx)
// hold it: the first load, live deltas with a backfill on each (re)start of the stream, older pages, and
// the read mark on the newest message on screen. Edit when a room's loading or stream changes for both.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from '@/server/trpc/root';
import type { RoomDelta, RoomMessageView, RoomView } from '@/server/rooms/types';
import { applyDelta, fromRoom, withOlder, withOwn, type RoomState } from './room-state';
import { useLiveRoom } from './use-live-room';

/** Which room to open: its id, its group's code, or a community's code. */
export type RoomRef = { roomId: string } | { groupCode: string } | { communityCode: string };

/** Where a room's view stands: loading, failed (with the server's words), gone, or ready. */
export type RoomPhase =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string | null }
  | { phase: 'gone' }
  | { phase: 'ready'; s: RoomState };

/** The API client the room talks through (loaded lazily by the member room, from context in the console). */
export type RoomApi = () => Promise<TRPCClient<AppRouter>>;

// Duck-typed rather than instanceof TRPCClientError, so reading an error does not load the client.
/** The tRPC error code of `err`, or null. */
export function errorCode(err: unknown): string | null {
  if (err instanceof Error && 'data' in err) {
    const data = err.data as { code?: unknown } | null | undefined;
    return typeof data?.code === 'string' ? data.code : null;
  }
  return null;
}

/**
 * Room `roomRef` through `api`. `initial`: a view already in hand (no load on arrival). `describe` turns a
 * refusal into words; `onGone` is told when the room is not (or no longer) the reader's; `onChange` after
 * each live delta or own message.
 */
export function useRoomState({
  roomRef,
  api,
  describe,
  initial = null,
  onGone,
  onChange,
}: {
  roomRef: RoomRef;
  api: RoomApi;
  describe: (err: unknown) => string | null;
  initial?: RoomView | null;
  onGone?: () => void;
  onChange?: () => void;
}) {
  const [state, setState] = useState<RoomPhase>(() =>
    initial ? { phase: 'ready', s: fromRoom(initial) } : { phase: 'loading' },
  );
  const [olderLoading, setOlderLoading] = useState(false);
  const [olderError, setOlderError] = useState(false);
  const [everConnected, setEverConnected] = useState(false);
  const refKey = JSON.stringify(roomRef);
  // The latest callbacks, so a parent's new arrow neither reloads the room nor restarts the stream.
  const calls = useRef({ describe, onGone, onChange });
  calls.current = { describe, onGone, onChange };
  const hadInitial = useRef(initial !== null);

  const update = useCallback((f: (s: RoomState) => RoomState) => {
    setState((prev) => (prev.phase === 'ready' ? { phase: 'ready', s: f(prev.s) } : prev));
  }, []);

  const load = useCallback(async () => {
    try {
      const room = await (await api()).rooms.get.query(JSON.parse(refKey) as RoomRef);
      setState((prev) => ({ phase: 'ready', s: fromRoom(room, prev.phase === 'ready' ? prev.s : null) }));
    } catch (err) {
      if (errorCode(err) === 'NOT_FOUND') {
        setState({ phase: 'gone' });
        calls.current.onGone?.();
      } else
        setState((prev) =>
          prev.phase === 'ready' ? prev : { phase: 'failed', message: calls.current.describe(err) },
        );
    }
  }, [api, refKey]);

  useEffect(() => {
    // A view in hand needs no load on arrival: the stream's start backfills after that.
    if (!hadInitial.current) void load();
  }, [load]);

  const roomId = state.phase === 'ready' ? state.s.room.id : null;
  const onDelta = useCallback(
    (d: RoomDelta) => {
      update((s) => applyDelta(s, d));
      calls.current.onChange?.();
    },
    [update],
  );
  // Subscribe first, then backfill: what was said between the load and the stream's start is fetched again.
  const connected = useLiveRoom(roomId, onDelta, () => void load());
  useEffect(() => {
    if (connected) setEverConnected(true);
  }, [connected]);

  /** Shows the reader's own message `m` (the stream confirms it too). */
  const addOwn = useCallback(
    (m: RoomMessageView) => {
      update((s) => withOwn(s, m));
      calls.current.onChange?.();
    },
    [update],
  );

  /** Loads the page of messages before the oldest on screen. */
  const loadOlder = useCallback(async () => {
    const s = state.phase === 'ready' ? state.s : null;
    const first = s?.messages[0]?.id;
    if (!s || first === undefined) return;
    setOlderLoading(true);
    setOlderError(false);
    try {
      const page = await (await api()).rooms.history.query({ roomId: s.room.id, beforeId: first });
      update((x) => withOlder(x, page.messages, page.hasOlder));
    } catch {
      setOlderError(true);
    } finally {
      setOlderLoading(false);
    }
  }, [api, state, update]);

  /** Starts over after a failed load. */
  const retry = useCallback(() => {
    setState({ phase: 'loading' });
    void load();
  }, [load]);

  const shown = state.phase === 'ready' ? state.s : null;
  return {
    state,
    update,
    addOwn,
    retry,
    connected,
    everConnected,
    /** MessageList's props for the messages on screen and their older pages. */
    list: {
      messages: shown?.messages ?? [],
      hasOlder: shown?.hasOlder ?? false,
      loadingOlder: olderLoading,
      olderError,
      onLoadOlder: () => void loadOlder(),
    },
  };
}

/**
 * Marks message `newestId` of room `roomId` read while the page is visible (0 or null: nothing yet);
 * `onMarked` after the server took it.
 */
export function useMarkRead(
  api: RoomApi,
  roomId: string | null,
  newestId: number | null,
  onMarked?: () => void,
): void {
  const markedId = useRef(0);
  const marked = useRef(onMarked);
  marked.current = onMarked;
  useEffect(() => {
    if (!roomId || !newestId) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || newestId <= markedId.current) return;
      markedId.current = newestId;
      void api()
        .then((c) => c.rooms.markRead.mutate({ roomId, messageId: newestId }))
        .then(() => marked.current?.())
        .catch(() => {
          markedId.current = 0;
        });
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [api, roomId, newestId]);
}
