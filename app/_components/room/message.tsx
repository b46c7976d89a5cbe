'use client';
// One message of a room as its reader sees it: the author (an alias, or the shop's name with a staff
// badge), the text with safe links, a product card, a picture, a welcome, or a system line in the reader's
// language; the author's own held message says it waits for the shop. Shared with the staff inbox, which
// adds its moderation buttons through `actions`.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState, type ReactNode } from 'react';
import type { RoomMessageView } from '@/server/rooms/types';
import { LinkedText } from './linked-text';
import { ProductCard } from './product-card';
import { systemLine, systemLineGroupCode, type SystemWords } from './system-line';

/** The time of a message: the hour today, the date and hour before. */
export function messageTime(iso: string, locale: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(
    locale,
    sameDay
      ? { hour: 'numeric', minute: '2-digit' }
      : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  ).format(d);
}

/** A system line's sentence in the reader's language. */
export function SystemLine({ m }: { m: RoomMessageView }) {
  const t = useTranslations('rooms.system');
  const locale = useLocale();
  const w = useMemo<SystemWords>(() => ({ t: (key, values) => t(key, values), locale }), [t, locale]);
  if (!m.system) return null;
  const code = systemLineGroupCode(m.system.key, m.system.values);
  return (
    <p className="px-2 py-1 text-center text-sm text-stone-600" data-testid="room-system">
      {systemLine(w, m.system.key, m.system.values)}
      {code && (
        <>
          {' '}
          <Link href={`/g/${code}`} className="font-semibold text-brand-700 underline">
            {t('openGroup')}
          </Link>
        </>
      )}
    </p>
  );
}

/** The report button a member sees on others' messages: one tap, then it says it was reported. */
function ReportButton({ name, onReport }: { name: string; onReport: () => Promise<string | null> }) {
  const t = useTranslations('rooms.message');
  const [state, setState] = useState<'idle' | 'sending' | 'done' | 'failed'>('idle');
  const [error, setError] = useState<string | null>(null);
  if (state === 'done')
    return (
      <p role="status" className="text-xs text-stone-600">
        {t('reported')}
      </p>
    );
  return (
    <>
      <button
        type="button"
        disabled={state === 'sending'}
        aria-label={t('reportLabel', { name })}
        onClick={async () => {
          setState('sending');
          const failed = await onReport();
          setError(failed);
          setState(failed === null ? 'done' : 'failed');
        }}
        className="text-xs text-stone-500 underline hover:text-stone-800 disabled:opacity-60"
      >
        {state === 'sending' ? t('reporting') : t('report')}
      </button>
      {state === 'failed' && (
        <p role="alert" className="text-xs text-red-700">
          {error || t('reportFailed')}
        </p>
      )}
    </>
  );
}

/** The content of a message without its frame: text, welcome, card or picture. */
export function MessageContent({
  m,
  shopName,
  communityCode,
}: {
  m: RoomMessageView;
  shopName: string;
  communityCode: string | null;
}) {
  const t = useTranslations('rooms.message');
  if (m.kind === 'card') return m.card ? <ProductCard card={m.card} communityCode={communityCode} /> : null;
  if (m.kind === 'image' && m.image)
    return (
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={m.image.url}
        width={m.image.width}
        height={m.image.height}
        alt={t('imageAlt', { shop: shopName })}
        loading="lazy"
        className="mt-1 h-auto max-h-80 w-auto max-w-full rounded-lg bg-stone-200"
      />
    );
  return (
    <p className="break-words whitespace-pre-wrap text-stone-900">
      <LinkedText text={m.body} />
    </p>
  );
}

/**
 * One message. `onReport` (members, on others' messages) reports it and answers an error sentence or null;
 * `actions` are the staff inbox's buttons.
 */
export function RoomMessage({
  m,
  shopName,
  communityCode,
  onReport,
  actions,
}: {
  m: RoomMessageView;
  shopName: string;
  communityCode: string | null;
  onReport?: (id: number) => Promise<string | null>;
  actions?: ReactNode;
}) {
  const t = useTranslations('rooms.message');
  const locale = useLocale();
  if (m.kind === 'system') return <SystemLine m={m} />;
  const staff = m.authorKind === 'staff' || m.authorKind === 'system';
  const name = m.authorName || shopName;
  const held = m.status === 'held';
  return (
    <article
      className={`flex flex-col ${m.mine ? 'items-end' : 'items-start'}`}
      data-testid="room-message"
      data-message-id={m.id}
    >
      <header className="flex flex-wrap items-baseline gap-x-2 px-1 text-xs text-stone-600">
        <span className="font-semibold text-stone-800">{m.mine ? t('you') : name}</span>
        {staff && (
          <span className="rounded bg-brand-100 px-1.5 py-0.5 font-semibold text-brand-700">
            {t('staffBadge')}
          </span>
        )}
        {m.kind === 'welcome' && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-900">
            {t('welcome')}
          </span>
        )}
        <time dateTime={m.createdAt}>{messageTime(m.createdAt, locale)}</time>
      </header>
      <div
        className={`mt-0.5 max-w-[85%] rounded-2xl px-3 py-2 ${
          held
            ? 'ring-dashed bg-stone-100 ring-1 ring-stone-300'
            : m.mine
              ? 'bg-brand-50 ring-1 ring-brand-100'
              : staff
                ? 'bg-white ring-1 ring-brand-500/40'
                : 'bg-white ring-1 ring-stone-200'
        }`}
      >
        <MessageContent m={m} shopName={shopName} communityCode={communityCode} />
        {held && (
          <p className="mt-1 text-xs font-medium text-stone-600" data-testid="room-held">
            {m.heldReason ? t(`heldReason.${m.heldReason}`) : t('held')}
          </p>
        )}
        {m.reportCount > 0 && (
          <p className="mt-1 text-xs text-red-700">{t('reports', { count: m.reportCount })}</p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3 px-1">
        {onReport && !m.mine && !staff && !held && (
          <ReportButton name={name} onReport={() => onReport(m.id)} />
        )}
        {actions}
      </div>
    </article>
  );
}
