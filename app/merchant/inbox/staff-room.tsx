'use client';
// One room as the shop's staff run it from the concierge inbox: every message (staff see all, held ones
// included), live; moderation on each message (approve a held one, pin or unpin, delete) and on each
// member's alias (mute 10 min / 1 h / 1 day, let them post again, remove from the room); slow mode; the
// staff composer. The newest message on screen is marked read while the page is visible.
import { useTranslations, useLocale } from 'next-intl';
import { useCallback, useState } from 'react';
import { MessageContent, RoomMessage } from '@/app/_components/room/message';
import { MessageList } from '@/app/_components/room/message-list';
import { RoomNotReady } from '@/app/_components/room/room-status';
import { useMarkRead, useRoomState } from '@/app/_components/room/use-room-state';
import { useTRPCClient } from '@/app/_trpc/client';
import { buttonClass, inputClass } from '@/app/merchant/_components/field';
import { ConfirmDialog } from '@/app/merchant/_components/confirm-dialog';
import type { RoomMessageView } from '@/server/rooms/types';
import { MUTE_MINUTES, newestMessageId, SLOW_MODE_SECONDS, withApproved, withDeleted } from './inbox-model';
import { StaffComposer } from './staff-composer';

type Confirm = { kind: 'delete'; id: number } | { kind: 'remove'; alias: string } | null;

// The server's refusal is already in the reader's language (server/localize-error.ts).
function errorWords(err: unknown): string | null {
  return err instanceof Error && err.message ? err.message : null;
}

/** The room `roomId`; `onChanged` after anything that changes the inbox's counts; `onBack` to the list. */
export function StaffRoom({
  roomId,
  memberCount,
  onChanged,
  onBack,
}: {
  roomId: string;
  /** From the inbox list, which refetches on every room event (the room view's count is fixed at load). */
  memberCount: number | null;
  onChanged: () => void;
  onBack: () => void;
}) {
  const t = useTranslations('merchant.inbox');
  const tw = useTranslations('merchant.words');
  const tr = useTranslations('rooms');
  const locale = useLocale();
  const client = useTRPCClient();
  const api = useCallback(() => Promise.resolve(client), [client]);
  const { state, update, addOwn, retry, connected, everConnected, list } = useRoomState({
    roomRef: { roomId },
    api,
    describe: errorWords,
    onChange: onChanged,
  });
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [busy, setBusy] = useState(false);
  const [openAlias, setOpenAlias] = useState<number | null>(null);

  // The newest message on screen is read while the page is visible; the inbox's unread count follows.
  const s = state.phase === 'ready' ? state.s : null;
  useMarkRead(api, roomId, s ? newestMessageId(s.messages) : 0, onChanged);

  /** Runs a moderation call; shows its refusal, or `done` (a sentence) when it says one. */
  async function act(call: () => Promise<string | null>): Promise<boolean> {
    setBusy(true);
    setNotice(null);
    try {
      const done = await call();
      if (done) setNotice({ kind: 'ok', text: done });
      onChanged();
      return true;
    } catch (err) {
      setNotice({ kind: 'error', text: errorWords(err) ?? tw('genericError') });
      return false;
    } finally {
      setBusy(false);
    }
  }

  if (state.phase === 'gone')
    return (
      <div className="rounded-2xl bg-white p-4 ring-1 ring-stone-200" role="status">
        <p className="text-sm text-stone-800">{t('gone')}</p>
        <button type="button" onClick={onBack} className={`${buttonClass.secondary} mt-2`}>
          {t('back')}
        </button>
      </div>
    );
  if (state.phase !== 'ready')
    return (
      <RoomNotReady
        state={state}
        onRetry={retry}
        loadFailed={t('loadFailed')}
        retryLabel={t('retry')}
        retryClassName={`${buttonClass.secondary} mt-2`}
      />
    );

  const st = state.s;
  const room = st.room;
  const communityCode = room.kind === 'community' ? room.code : null;
  const pageHref = room.kind === 'community' ? `/r/${room.code}` : `/g/${room.code}`;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  /** Posts the staff's own message through `call`: null when shown, or the refusal in words. */
  const own = async (call: () => Promise<RoomMessageView>): Promise<string | null> => {
    try {
      addOwn(await call());
      return null;
    } catch (err) {
      return errorWords(err) ?? tr('composer.failed');
    }
  };

  const pin = (m: RoomMessageView | null) =>
    act(async () => {
      await client.rooms.pin.mutate({ roomId, messageId: m ? m.id : null });
      update((x) => ({ ...x, pinned: m }));
      return null;
    });

  const mute = (alias: string, minutes: number) =>
    act(async () => {
      const r = await client.rooms.muteMember.mutate({ roomId, alias, minutes });
      setOpenAlias(null);
      return minutes === 0 || r.mutedUntil === null
        ? t('unmuted', { alias })
        : t('mutedUntil', { alias, until: when(r.mutedUntil) });
    });

  function actions(m: RoomMessageView) {
    if (m.kind === 'system') return null;
    const member = m.authorKind === 'member';
    const aliasOpen = openAlias === m.id;
    const pinned = st.pinned?.id === m.id;
    return (
      <div className="flex flex-col gap-1" role="group" aria-label={t('messageActions')}>
        <div className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
          {m.status === 'held' ? (
            <button
              type="button"
              disabled={busy}
              className="font-semibold text-green-800 underline disabled:opacity-60"
              onClick={() =>
                void act(async () => {
                  await client.rooms.approve.mutate({ messageId: m.id });
                  update((x) => withApproved(x, m.id));
                  return null;
                })
              }
            >
              {t('approve')}
            </button>
          ) : (
            <button
              type="button"
              disabled={busy}
              className="text-stone-700 underline disabled:opacity-60"
              onClick={() => void pin(pinned ? null : m)}
            >
              {pinned ? t('unpin') : t('pin')}
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            className="text-red-800 underline disabled:opacity-60"
            onClick={() => setConfirm({ kind: 'delete', id: m.id })}
          >
            {t('delete')}
          </button>
          {member ? (
            <button
              type="button"
              aria-expanded={aliasOpen}
              aria-controls={`alias-${m.id}`}
              className="text-stone-700 underline"
              onClick={() => setOpenAlias(aliasOpen ? null : m.id)}
            >
              {t('memberActions', { alias: m.authorName })}
            </button>
          ) : null}
        </div>
        {member && aliasOpen ? (
          <div
            id={`alias-${m.id}`}
            className="flex flex-wrap items-center gap-2 rounded-lg bg-stone-100 p-2 text-xs"
          >
            <span className="font-semibold">{t('mute', { alias: m.authorName })}</span>
            {MUTE_MINUTES.map((min) => (
              <button
                key={min}
                type="button"
                disabled={busy}
                className="rounded border border-stone-300 bg-white px-2 py-1 disabled:opacity-60"
                onClick={() => void mute(m.authorName, min)}
              >
                {t('muteFor', { minutes: min })}
              </button>
            ))}
            <button
              type="button"
              disabled={busy}
              className="rounded border border-stone-300 bg-white px-2 py-1 disabled:opacity-60"
              onClick={() => void mute(m.authorName, 0)}
            >
              {t('unmute', { alias: m.authorName })}
            </button>
            <button
              type="button"
              disabled={busy}
              className="rounded border border-red-300 bg-white px-2 py-1 text-red-800 disabled:opacity-60"
              onClick={() => setConfirm({ kind: 'remove', alias: m.authorName })}
            >
              {t('remove', { alias: m.authorName })}
            </button>
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <section
      aria-labelledby={`inbox-room-${room.id}`}
      className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="inbox-room"
    >
      <header className="space-y-2">
        <button
          type="button"
          onClick={onBack}
          className="text-sm font-semibold text-brand-700 underline lg:hidden"
        >
          ← {t('back')}
        </button>
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h2 id={`inbox-room-${room.id}`} className="text-lg font-semibold">
            {room.title}
          </h2>
          <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs font-semibold text-stone-700">
            {room.kind === 'community' ? t('kindCommunity') : t('kindGroup')}
          </span>
          <span className="text-sm text-stone-600">
            {t('members', { count: memberCount ?? room.memberCount })}
          </span>
          <a href={pageHref} className="ml-auto text-sm text-brand-700 underline">
            {room.kind === 'community' ? t('communityPage') : t('groupPage')}
          </a>
        </div>
        <p className="text-sm text-stone-600">{tr('panel.staffIntro')}</p>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`slow-${room.id}`} className="text-sm font-semibold text-stone-800">
            {t('slowMode')}
          </label>
          <select
            id={`slow-${room.id}`}
            value={room.slowModeSeconds}
            disabled={busy || st.closed}
            aria-describedby={`slow-${room.id}-hint`}
            onChange={(e) => {
              const seconds = Number(e.target.value);
              void act(async () => {
                await client.rooms.setSlowMode.mutate({ roomId, seconds });
                update((x) => ({ ...x, room: { ...x.room, slowModeSeconds: seconds } }));
                return null;
              });
            }}
            className={`${inputClass} w-auto text-sm`}
          >
            {[...new Set([...SLOW_MODE_SECONDS, room.slowModeSeconds])]
              .sort((a, b) => a - b)
              .map((sec) => (
                <option key={sec} value={sec}>
                  {sec === 0 ? t('slowModeOff') : t('slowModeEvery', { seconds: sec })}
                </option>
              ))}
          </select>
          <span id={`slow-${room.id}-hint`} className="text-xs text-stone-500">
            {t('slowModeHint')}
          </span>
        </div>
        {everConnected && !connected ? (
          <p role="status" className="text-xs text-amber-800">
            {t('reconnecting')}
          </p>
        ) : null}
      </header>

      {st.pinned ? (
        <aside aria-label={t('pinned')} className="rounded-xl bg-amber-50 p-3 ring-1 ring-amber-200">
          <div className="flex items-baseline justify-between gap-2">
            <p className="text-xs font-semibold text-amber-900">{t('pinned')}</p>
            <button
              type="button"
              disabled={busy}
              className="text-xs text-stone-700 underline disabled:opacity-60"
              onClick={() => void pin(null)}
            >
              {t('unpin')}
            </button>
          </div>
          <MessageContent m={st.pinned} shopName={room.shopName} communityCode={communityCode} />
        </aside>
      ) : null}

      <p aria-live="polite" className="text-sm empty:hidden">
        {notice?.kind === 'ok' ? <span className="text-green-800">{notice.text}</span> : null}
      </p>
      {notice?.kind === 'error' ? (
        <p role="alert" className="text-sm text-red-700">
          {notice.text}
        </p>
      ) : null}

      <MessageList
        {...list}
        empty={tr('list.emptyStaff')}
        render={(m) => (
          <RoomMessage m={m} shopName={room.shopName} communityCode={communityCode} actions={actions(m)} />
        )}
      />

      <StaffComposer
        shopName={room.shopName}
        disabledReason={st.closed ? t('closed') : null}
        send={(body, clientKey) => own(() => client.rooms.post.mutate({ roomId, body, clientKey }))}
        sendCard={(dealId) => own(() => client.rooms.postCard.mutate({ roomId, dealId }))}
        sendImage={(image) => own(() => client.rooms.postImage.mutate({ roomId, ...image }))}
      />

      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.kind === 'remove' ? t('removeTitle', { alias: confirm.alias }) : t('deleteTitle')}
        confirmLabel={confirm?.kind === 'remove' ? t('remove', { alias: confirm.alias }) : t('delete')}
        danger
        busy={busy}
        onClose={() => setConfirm(null)}
        onConfirm={() => {
          const c = confirm;
          if (!c) return;
          void act(async () => {
            if (c.kind === 'delete') {
              await client.rooms.deleteMessage.mutate({ messageId: c.id });
              update((x) => withDeleted(x, c.id));
              return null;
            }
            await client.rooms.removeMember.mutate({ roomId, alias: c.alias });
            setOpenAlias(null);
            return t('removed', { alias: c.alias });
          }).then(() => setConfirm(null));
        }}
      >
        <p>{confirm?.kind === 'remove' ? t('removeBody') : t('deleteBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
