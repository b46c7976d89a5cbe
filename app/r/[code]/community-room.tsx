'use client';
// The community's room on its page, for a member or the shop's staff: its code loads after the page is up.
// When the room is no longer the reader's (they were removed, or left in another tab) the page renders again.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { LazyRoom } from '@/app/_components/room/lazy-room';
import { lazyApi } from '@/app/_trpc/lazy-api';
import type { RoomView } from '@/server/rooms/types';

/** A member's way out of the community (asked to confirm); the page then shows the join form again. */
function LeaveCommunity({ roomId, title }: { roomId: string; title: string }) {
  const t = useTranslations('rooms.community');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function leave() {
    if (!window.confirm(t('leaveConfirm', { title }))) return;
    setBusy(true);
    setError(null);
    try {
      await (await lazyApi()).rooms.leaveCommunity.mutate({ roomId });
      router.refresh();
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : t('leaveFailed'));
      setBusy(false);
    }
  }
  return (
    <div className="mt-3">
      <button
        type="button"
        onClick={leave}
        disabled={busy}
        className="text-sm font-semibold text-stone-700 underline disabled:opacity-60"
      >
        {busy ? t('leaving') : t('leave')}
      </button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The room of community `code`, starting from the server's view of it; a member may leave it. */
export function CommunityRoom({ code, initial }: { code: string; initial: RoomView }) {
  const router = useRouter();
  const gone = useCallback(() => router.refresh(), [router]);
  return (
    <div>
      <LazyRoom roomRef={{ communityCode: code }} initial={initial} onGone={gone} />
      {initial.viewer.kind === 'member' && <LeaveCommunity roomId={initial.id} title={initial.title} />}
    </div>
  );
}
