'use client';
// The messages of a room, oldest first, with "load older" above them. New messages are announced politely
// to screen readers, and the list follows them down only when the reader was already at the bottom (a
// reader scrolled up to read stays where they are). Shared by the member room and the staff inbox.
import { useTranslations } from 'next-intl';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { RoomMessageView } from '@/server/rooms/types';

/** The list; `render` draws one message, `onLoadOlder` fetches the page before the first. */
export function MessageList({
  messages,
  hasOlder,
  loadingOlder,
  olderError,
  onLoadOlder,
  empty,
  render,
}: {
  messages: readonly RoomMessageView[];
  hasOlder: boolean;
  loadingOlder: boolean;
  olderError: boolean;
  onLoadOlder: () => void;
  empty: string;
  render: (m: RoomMessageView) => ReactNode;
}) {
  const t = useTranslations('rooms.list');
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastId = useRef<number | null>(null);
  const firstId = useRef<number | null>(null);
  const heightBefore = useRef(0);

  // New at the bottom: follow when the reader was there. Older at the top: keep the reader's place.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const newest = messages.at(-1)?.id ?? null;
    const oldest = messages[0]?.id ?? null;
    if (firstId.current !== null && oldest !== null && oldest < firstId.current) {
      el.scrollTop += el.scrollHeight - heightBefore.current;
    } else if (newest !== lastId.current && atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    lastId.current = newest;
    firstId.current = oldest;
    heightBefore.current = el.scrollHeight;
  }, [messages]);

  return (
    <div
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        heightBefore.current = el.scrollHeight;
      }}
      className="max-h-[60dvh] min-h-40 overflow-y-auto overscroll-contain rounded-xl bg-stone-50 p-2 ring-1 ring-stone-200 lg:max-h-[32rem]"
      data-testid="room-messages"
    >
      {hasOlder && (
        <div className="mb-2 text-center">
          <button
            type="button"
            onClick={onLoadOlder}
            disabled={loadingOlder}
            className="rounded-lg px-3 py-1.5 text-sm font-medium text-brand-700 underline disabled:opacity-60"
          >
            {loadingOlder ? t('loadingOlder') : t('loadOlder')}
          </button>
          {olderError && (
            <p role="alert" className="text-sm text-red-700">
              {t('olderFailed')}
            </p>
          )}
        </div>
      )}
      {messages.length === 0 ? <p className="p-4 text-center text-sm text-stone-600">{empty}</p> : null}
      <ol aria-label={t('label')} aria-live="polite" aria-relevant="additions" className="space-y-3">
        {messages.map((m) => (
          <li key={m.id}>{render(m)}</li>
        ))}
      </ol>
    </div>
  );
}
