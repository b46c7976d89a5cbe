'use client';
// The group page's live state: one subscription per page (useLiveGroup), shared with every island
// through context. The page remounts this provider when the viewer changes (after a join), so the
// stream reconnects with the new session and carries the viewer's own membership.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useLiveGroup } from '@/app/_components/use-live-group';
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';
import { toGroupView, type GroupView, type ViewerMember } from './group-view';

type Live = { view: GroupView; viewer: ViewerMember | null; connected: boolean };

const LiveContext = createContext<Live | null>(null);

/** The current group view and the viewer's membership (live once connected). */
export function useGroupView(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useGroupView must be used inside <GroupLiveProvider>');
  return live;
}

/** Provides the live group view to the islands of the group page. */
export function GroupLiveProvider({ initial, children }: { initial: GroupSnapshot; children: ReactNode }) {
  const { snapshot, connected } = useLiveGroup(initial.code, initial);
  const live = useMemo(() => ({ ...toGroupView(snapshot), connected }), [snapshot, connected]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
