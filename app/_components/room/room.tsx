'use client';
// A room as a member (or the shop's staff) uses it: heading, pinned announcement, the messages since the
// reader joined with "load older", live deltas, reports, read marks and the composer. Loaded lazily by the
// group page's room panel and the community page (default export for next/dynamic); needs a
// NextIntlClientProvider with the `rooms` namespace around it. Edit when a room gains a member feature.
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState, type ComponentProps } from 'react';
import { lazyApi } from '@/app/_trpc/lazy-api';
import type { RoomView } from '@/server/rooms/types';
import { Composer } from './composer';
import { MessageContent, RoomMessage } from './message';
import { MessageList } from './message-list';
import { RoomNotReady } from './room-status';
import { isMuted, slowModeWait } from './room-state';
import { useMarkRead, useRoomState, type RoomRef } from './use-room-state';

export type { RoomRef };

// The server's refusal is already in the reader's language (server/localize-error.ts).
function errorWords(err: unknown): string | null {
  return err instanceof Error && err.name === 'TRPCClientError' && err.message ? err.message : null;
}

/** The pinned announcement above the messages. */
function Pinned(props: ComponentProps<typeof MessageContent>) {
  const t = useTranslations('rooms.message');
  return (
    <aside
      aria-label={t('pinned')}
      className="rounded-xl bg-amber-50 p-3 ring-1 ring-amber-200"
      data-testid="room-pinned"
    >
      <p className="text-xs font-semibold text-amber-900">{t('pinned')}</p>
      <MessageContent {...props} />
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
  const { state, addOwn, retry, connected, everConnected, list } = useRoomState({
    roomRef,
    api: lazyApi,
    describe: errorWords,
    initial,
    onGone,
  });
  const [lastPostAt, setLastPostAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

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
  useMarkRead(lazyApi, s?.room.id ?? null, s?.messages.at(-1)?.id ?? null);

  if (state.phase === 'gone') return null;
  if (state.phase !== 'ready') return <RoomNotReady state={state} onRetry={retry} />;

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
      addOwn(m);
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
        {...list}
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
