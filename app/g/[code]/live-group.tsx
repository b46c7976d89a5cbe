'use client';
// The group page's live state: one subscription per page (useLiveGroup), shared with every island
// through context. The subscription lives in a keyed child, so when the viewer changes (their first join
// creates a session) only the stream reconnects with the new cookie; the islands keep their state.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLiveGroup } from '@/app/_components/use-live-group';
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';
import { toGroupView, type GroupView, type ViewerMember } from './group-view';

type Live = { view: GroupView; viewer: ViewerMember | null; isOpener: boolean; connected: boolean };

const LiveContext = createContext<Live | null>(null);

/** The current group view and the viewer's membership (live once connected). */
export function useGroupView(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useGroupView must be used inside <GroupLiveProvider>');
  return live;
}

function LiveSource({
  initial,
  onChange,
}: {
  initial: GroupSnapshot;
  onChange: (s: GroupSnapshot, connected: boolean) => void;
}) {
  const { snapshot, connected } = useLiveGroup(initial.code, initial);
  useEffect(() => onChange(snapshot, connected), [snapshot, connected, onChange]);
  return null;
}

/** Provides the live group view to the islands of the group page. */
export function GroupLiveProvider({ initial, children }: { initial: GroupSnapshot; children: ReactNode }) {
  const [state, setState] = useState<{ snapshot: GroupSnapshot; connected: boolean } | null>(null);
  // The newest of the server render and the stream (a re-render after a join may be newer than the stream).
  const snapshot =
    state && Number(state.snapshot.lastEventId) >= Number(initial.lastEventId) ? state.snapshot : initial;
  const live = useMemo(
    () => ({ ...toGroupView(snapshot), connected: state?.connected ?? false }),
    [snapshot, state?.connected],
  );
  const onChange = useMemo(
    () => (s: GroupSnapshot, connected: boolean) => setState({ snapshot: s, connected }),
    [],
  );
  return (
    <LiveContext.Provider value={live}>
      <LiveSource key={initial.viewer?.id ?? 'visitor'} initial={initial} onChange={onChange} />
      {children}
    </LiveContext.Provider>
  );
}
