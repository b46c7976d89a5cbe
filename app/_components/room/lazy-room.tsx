'use client';
// The member room loaded after the page is up (next/dynamic, no server render), with "loading" in its
// place meanwhile: used by the group page's room panel and the community page. Edit with how they load it.
import dynamic from 'next/dynamic';
import { RoomLoading } from './room-status';

/** The room (room.tsx), its code fetched on first render; needs the `rooms` namespace around it. */
export const LazyRoom = dynamic(() => import('./room'), { ssr: false, loading: () => <RoomLoading /> });
