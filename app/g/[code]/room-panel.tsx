'use client';
// The group's room on the group page, for its members only (the page mounts this only for a member; it
// hides again if they leave). The room's code loads after the page is up, so visitors and the first
// paint pay nothing for it; its words come from the `rooms` namespace the page passes around this panel.
import { LazyRoom } from '@/app/_components/room/lazy-room';
import { useGroupView } from './live-group';

/** Statuses that have no seat in the room: not yet holding, or gone while the group was open. */
const NO_SEAT: readonly string[] = ['reserved', 'left', 'expired'];

/** The room of group `code` for the viewing member. */
export function RoomPanel({ code }: { code: string }) {
  const { viewer } = useGroupView();
  if (!viewer || NO_SEAT.includes(viewer.status)) return null;
  // A new status (a hold confirmed, a close) opens the room afresh: the seat may have just been given.
  return (
    <div id="room" className="scroll-mt-4">
      <LazyRoom key={viewer.status} roomRef={{ groupCode: code }} />
    </div>
  );
}
