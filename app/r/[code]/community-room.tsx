'use client';
// The community's room on its page, for a member or the shop's staff: its code loads after the page is up.
// When the room is no longer the reader's (they were removed, or left in another tab) the page renders again.
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import type { RoomView } from '@/server/rooms/types';

function Loading() {
  const t = useTranslations('rooms.panel');
  return (
    <p className="rounded-2xl bg-white p-4 text-sm text-stone-600 ring-1 ring-stone-200" role="status">
      {t('loading')}
    </p>
  );
}

const Room = dynamic(() => import('@/app/_components/room/room'), { ssr: false, loading: () => <Loading /> });

/** The room of community `code`, starting from the server's view of it. */
export function CommunityRoom({ code, initial }: { code: string; initial: RoomView }) {
  const router = useRouter();
  const gone = useCallback(() => router.refresh(), [router]);
  return <Room roomRef={{ communityCode: code }} initial={initial} onGone={gone} />;
}
