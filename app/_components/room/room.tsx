'use client';
// A room as a member (or the shop's staff) uses it: heading, pinned announcement, the messages since the
// reader joined with "load older", live deltas, reports, read marks and the composer. Loaded lazily by the
// group page's room panel and the community page (default export for next/dynamic); needs a
// NextIntlClientProvider with the `rooms` namespace around it. Edit when a room gains a member feature.
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { lazyApi } from '@/app/_trpc/lazy-api';
import type { RoomDelta, RoomMessageView, RoomView } from '@/server/rooms/types';
import { Composer } from './composer';
import { MessageContent, RoomMessage } from './message';
import { MessageList } from './message-list';
import {
  applyDelta,
  fromRoom,
  isMuted,
  slowModeWait,
  withOlder,
  withOwn,
  type RoomState,
} from './room-state';
import { useLiveRoom } from './use-live-room';

/** Which room to open: its id, its group's code, or a community's code. */
export type RoomRef = { roomId: string } | { groupCode: string } | { communityCode: string };

type Phase =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string | null }
  | { phase: 'gone' }
  | { phase: 'ready'; s: RoomState };

// Duck-typed rather than instanceof TRPCClientError, so reading an error does not load the client.
function errorCode(err: unknown): string | null {
  if (err instanceof Error && 'data' in err) {
    const data = err.data as { code?: unknown } | null | undefined;
    return typeof data?.code === 'string' ? data.code : null;
  }
  return null;
}

// The server's refusal is already in the reader's language (server/localize-error.ts).
function errorWords(err: unknown): string | null {
  return err instanceof Error && err.name === 'TRPCClientError' && err.message ? err.message : null;
}

/** The pinned announcement above the messages. */
function Pinned({
  m,
  shopName,
  communityCode,
}: {
  m: RoomMessageView;
  shopName: string;
  communityCode: string | null;
}) {
  const t = useTranslations('rooms.message');
  return (
    <aside
      aria-label={t('pinned')}
      className="rounded-xl bg-amber-50 p-3 ring-1 ring-amber-200"
      data-testid="room-pinned"
    >
      <p className="text-xs font-semibold text-amber-900">{t('pinned')}</p>
      <MessageContent m={m} shopName={shopName} communityCode={communityCode} />
    </aside>
  );
}

/**
 * The room `roomRef`. `initial`: a room view already in hand (the community join's answer). `onGone`: told
 * when the room is not (or no longer) the reader's, so the page can show its join form again.
 */
export default function Room({
  roomRef,
  initial = null,
  onGone,
}: {
  roomRef: RoomRef;
  initial?: RoomView | null;
  onGone?: () => void;
}) {
  const t = useTranslations('rooms');
  const locale = useLocale();
  const [state, setState] = useState<Phase>(() =>
    initial ? { phase: 'ready', s: fromRoom(initial) } : { phase: 'loading' },
  );
  const [olderLoading, setOlderLoading] = useState(false);
  const [olderError, setOlderError] = useState(false);
  const [lastPostAt, setLastPostAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [everConnected, setEverConnected] = useState(false);
  const refKey = JSON.stringify(roomRef);

  const load = useCallback(async () => {
    try {
      const api = await lazyApi();
      const room = await api.rooms.get.query(JSON.parse(refKey) as RoomRef);
      setState((prev) => ({ phase: 'ready', s: fromRoom(room, prev.phase === 'ready' ? prev.s : null) }));
    } catch (err) {
      if (errorCode(err) === 'NOT_FOUND') {
        setState({ phase: 'gone' });
        onGone?.();
      } else
        setState((prev) => (prev.phase === 'ready' ? prev : { phase: 'failed', message: errorWords(err) }));
    }
  }, [refKey, onGone]);

  useEffect(() => {
    if (!initial) void load();
    // Only on arrival: the stream's start backfills after that.
  }, []);

  const roomId = state.phase === 'ready' ? state.s.room.id : null;
  const onDelta = useCallback((d: RoomDelta) => {
    setState((prev) => (prev.phase === 'ready' ? { phase: 'ready', s: applyDelta(prev.s, d) } : prev));
  }, []);
  // Subscribe first, then backfill: what was said between the load and the stream's start is fetched again.
  const connected = useLiveRoom(roomId, onDelta, () => void load());
  useEffect(() => {
    if (connected) setEverConnected(true);
  }, [connected]);

  const s = state.phase === 'ready' ? state.s : null;
  const slowSeconds = s?.room.slowModeSeconds ?? 0;
  const wait = slowModeWait(slowSeconds, lastPostAt, now);
  const muted = isMuted(s?.mutedUntil ?? null, now);

  // A clock for the slow-mode countdown and the end of a mute.
  useEffect(() => {
    if (wait <= 0 && !muted) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [wait > 0, muted]);

  // The newest message the reader has on screen is read (while the page is visible).
  const newestId = s?.messages.at(-1)?.id ?? null;
  const markedId = useRef(0);
  useEffect(() => {
    if (!roomId || newestId === null) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || newestId <= markedId.current) return;
      markedId.current = newestId;
      void lazyApi()
        .then((api) => api.rooms.markRead.mutate({ roomId, messageId: newestId }))
        .catch(() => {
          markedId.current = 0;
        });
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [roomId, newestId]);

  if (state.phase === 'gone') return null;
  if (state.phase === 'loading')
    return (
      <p className="rounded-2xl bg-white p-4 text-sm text-stone-600 ring-1 ring-stone-200" role="status">
        {t('panel.loading')}
      </p>
    );
  if (state.phase === 'failed')
    return (
      <div className="rounded-2xl bg-white p-4 ring-1 ring-stone-200" role="alert">
        <p className="text-sm text-stone-800">{state.message ?? t('panel.loadFailed')}</p>
        <button
          type="button"
          onClick={() => {
            setState({ phase: 'loading' });
            void load();
          }}
          className="mt-2 rounded-lg px-3 py-1.5 text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-100"
        >
          {t('panel.retry')}
        </button>
      </div>
    );

  const st = state.s;
  const room = st.room;
  const viewer = room.viewer;
  const communityCode = room.kind === 'community' ? room.code : null;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const disabledReason = st.removed
    ? t('composer.removed')
    : st.closed
      ? t('composer.closed')
      : muted && st.mutedUntil
        ? t('composer.muted', { until: when(st.mutedUntil) })
        : null;

  async function send(body: string, clientKey: string): Promise<string | null> {
    try {
      const api = await lazyApi();
      const m = await api.rooms.post.mutate({ roomId: room.id, body, clientKey });
      setState((prev) => (prev.phase === 'ready' ? { phase: 'ready', s: withOwn(prev.s, m) } : prev));
      setLastPostAt(Date.now());
      setNow(Date.now());
      return null;
    } catch (err) {
      return errorWords(err) ?? t('composer.failed');
    }
  }

  async function report(messageId: number): Promise<string | null> {
    try {
      const api = await lazyApi();
      await api.rooms.report.mutate({ messageId });
      return null;
    } catch (err) {
      return errorWords(err) ?? t('message.reportFailed');
    }
  }

  async function loadOlder() {
    const first = st.messages[0]?.id;
    if (first === undefined) return;
    setOlderLoading(true);
    setOlderError(false);
    try {
      const api = await lazyApi();
      const page = await api.rooms.history.query({ roomId: room.id, beforeId: first });
      setState((prev) =>
        prev.phase === 'ready'
          ? { phase: 'ready', s: withOlder(prev.s, page.messages, page.hasOlder) }
          : prev,
      );
    } catch {
      setOlderError(true);
    } finally {
      setOlderLoading(false);
    }
  }

  return (
    <section
      aria-labelledby={`room-${room.id}-heading`}
      className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="room"
    >
      <header>
        {/* No member count here: the stream does not carry it, and a count fixed at load would go stale. */}
        <h2 id={`room-${room.id}-heading`} className="text-lg font-semibold">
          {t('panel.heading')}
        </h2>
        <p className="mt-1 text-sm text-stone-700">
          {viewer.kind === 'member' ? t('panel.intro', { alias: viewer.alias }) : t('panel.staffIntro')}
        </p>
        {everConnected && !connected && (
          <p role="status" className="mt-1 text-xs text-amber-800">
            {t('panel.reconnecting')}
          </p>
        )}
      </header>
      {st.pinned && <Pinned m={st.pinned} shopName={room.shopName} communityCode={communityCode} />}
      <MessageList
        messages={st.messages}
        hasOlder={st.hasOlder}
        loadingOlder={olderLoading}
        olderError={olderError}
        onLoadOlder={() => void loadOlder()}
        empty={viewer.kind === 'member' ? t('list.empty') : t('list.emptyStaff')}
        render={(m) => (
          <RoomMessage
            m={m}
            shopName={room.shopName}
            communityCode={communityCode}
            onReport={viewer.kind === 'member' ? report : undefined}
          />
        )}
      />
      <Composer
        send={send}
        disabledReason={disabledReason}
        slowModeSeconds={viewer.kind === 'member' ? room.slowModeSeconds : 0}
        waitSeconds={viewer.kind === 'member' ? wait : 0}
      />
    </section>
  );
}
