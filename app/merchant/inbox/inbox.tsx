'use client';
// The concierge inbox's client: the room list (refetched whenever live.inbox reports a change in one of the
// shop's rooms) with its filters and counts, and the open room beside it (below it on a phone, where the
// list hides while a room is open). The open room is kept in the address (?room=) without a reload.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import { buttonClass } from '@/app/merchant/_components/field';
import { when } from '@/app/merchant/_lib/format';
import type { InboxRoomView } from '@/server/rooms/types';
import { filterInbox, INBOX_FILTERS, inboxTotals, previewText, type InboxFilter } from './inbox-model';
import { StaffRoom } from './staff-room';

/** One room of the list: title, kind, group status, members, waiting/unread/held marks and the last message. */
export function RoomRow({
  r,
  selected,
  onOpen,
}: {
  r: InboxRoomView;
  selected: boolean;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations('merchant.inbox');
  const tw = useTranslations('merchant.words');
  const locale = useLocale();
  const last = r.lastMessage;
  return (
    <li>
      <a
        href={`/merchant/inbox?room=${r.id}`}
        aria-current={selected ? 'true' : undefined}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          onOpen(r.id);
        }}
        className={`block rounded-xl p-3 ring-1 ${
          selected ? 'bg-brand-50 ring-brand-500' : 'bg-white ring-stone-200 hover:bg-stone-50'
        }`}
        data-testid="inbox-row"
      >
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className={`min-w-0 flex-1 truncate ${r.unanswered ? 'font-bold' : 'font-semibold'}`}>
            {r.title}
          </span>
          {r.unread > 0 ? (
            <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">
              {t('unread', { count: r.unread })}
            </span>
          ) : null}
        </span>
        <span className="mt-1 flex flex-wrap gap-x-2 gap-y-1 text-xs text-stone-600">
          <span>{r.kind === 'community' ? t('kindCommunity') : t('kindGroup')}</span>
          {r.groupStatus ? <span>{tw('groupStatus', { status: r.groupStatus })}</span> : null}
          <span>{t('members', { count: r.memberCount })}</span>
          {r.unanswered ? (
            <span className="rounded bg-amber-100 px-1.5 font-semibold text-amber-900">{t('waiting')}</span>
          ) : null}
          {r.held > 0 ? (
            <span className="rounded bg-red-50 px-1.5 font-semibold text-red-800">
              {t('held', { count: r.held })}
            </span>
          ) : null}
        </span>
        <span className="mt-1 block truncate text-sm text-stone-700">
          {last
            ? last.body
              ? t('lastFrom', { name: last.authorName, body: previewText(last.body) })
              : t('noText')
            : t('noMessages')}
          {last ? <span className="text-xs text-stone-500"> · {when(last.at, locale)}</span> : null}
        </span>
      </a>
    </li>
  );
}

/** The inbox page's body; `initial` is the server's render of the list (never "Loading…" on arrival). */
export function Inbox({
  shopName,
  initial,
  initialRoomId,
}: {
  shopName: string;
  initial: InboxRoomView[];
  initialRoomId: string | null;
}) {
  const t = useTranslations('merchant.inbox');
  const tw = useTranslations('merchant.words');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const q = useQuery({ ...trpc.rooms.inbox.queryOptions(), initialData: initial });
  const [filter, setFilter] = useState<InboxFilter>('all');
  const [roomId, setRoomId] = useState<string | null>(initialRoomId);

  const refetch = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.rooms.inbox.queryKey() });
  }, [queryClient, trpc]);
  const live = useSubscription(trpc.live.inbox.subscriptionOptions({}, { onData: refetch }));

  // The browser's back and forward buttons move between the list and the rooms opened.
  useEffect(() => {
    const follow = () => setRoomId(new URLSearchParams(window.location.search).get('room'));
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);

  const open = (id: string | null) => {
    setRoomId(id);
    window.history.pushState(null, '', id ? `/merchant/inbox?room=${id}` : '/merchant/inbox');
  };

  const rows = q.data;
  const shown = filterInbox(rows, filter);
  const totals = inboxTotals(rows);

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div>
          <p className="text-sm">
            <Link href="/merchant" className="font-semibold text-brand-700 underline">
              ← {shopName}
            </Link>
          </p>
          <h1 className="text-2xl font-bold">{t('title')}</h1>
          <p className="text-sm text-stone-500" aria-live="polite">
            {live.status === 'pending' ? t('live') : t('connecting')}
          </p>
        </div>
        <span className="ml-auto flex flex-wrap gap-2">
          <Link href="/merchant/communities" className={buttonClass.secondary}>
            {t('communitiesLink')}
          </Link>
          <Link href="/merchant/rooms/settings" className={buttonClass.secondary}>
            {t('settingsLink')}
          </Link>
        </span>
      </div>
      <p className="mb-3 text-sm text-stone-600">{t('intro')}</p>

      <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <section aria-label={t('roomsLabel')} className={roomId ? 'hidden lg:block' : ''}>
          <p className="mb-2 text-sm font-medium text-stone-700" aria-live="polite">
            {t('totals', { unanswered: totals.unanswered, held: totals.held })}
          </p>
          <div className="mb-3 flex flex-wrap gap-2 text-sm" role="group" aria-label={t('filterLabel')}>
            {INBOX_FILTERS.map((f) => (
              <button
                key={f}
                type="button"
                aria-pressed={filter === f}
                onClick={() => setFilter(f)}
                className={`rounded-full px-3 py-1 ${filter === f ? 'bg-stone-900 text-white' : 'bg-stone-200 text-stone-800'}`}
              >
                {t(`filter.${f}`)}
              </button>
            ))}
          </div>
          {q.error ? (
            <p role="alert" className="text-sm text-red-700">
              {tw('genericError')}
            </p>
          ) : null}
          {rows.length === 0 ? (
            <div className="rounded-xl border border-dashed border-stone-300 p-6 text-center text-sm text-stone-600">
              {t('empty')}
            </div>
          ) : shown.length === 0 ? (
            <p className="text-sm text-stone-600">{t('emptyFilter')}</p>
          ) : (
            <ul className="space-y-2" data-testid="inbox-rooms">
              {shown.map((r) => (
                <RoomRow key={r.id} r={r} selected={r.id === roomId} onOpen={open} />
              ))}
            </ul>
          )}
        </section>
        <div className={roomId ? '' : 'hidden lg:block'}>
          {roomId ? (
            <StaffRoom
              key={roomId}
              roomId={roomId}
              memberCount={rows.find((r) => r.id === roomId)?.memberCount ?? null}
              onChanged={refetch}
              onBack={() => open(null)}
            />
          ) : (
            <p className="rounded-2xl border border-dashed border-stone-300 p-8 text-center text-sm text-stone-600">
              {t('choose')}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
