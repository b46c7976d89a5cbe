'use client';
// The countdown of the live group (hidden once the group has closed).
import { Countdown } from '@/app/_components/countdown';
import { useGroupView } from './live-group';

/** "Ends in 04:59:12" while the group is open. */
export function LiveCountdown({ serverNow }: { serverNow: string }) {
  const { view: g } = useGroupView();
  if (g.status !== 'open') return null;
  return (
    <Countdown
      deadline={g.deadline}
      serverNow={serverNow}
      className="rounded-2xl bg-white px-4 py-3 text-lg shadow-sm ring-1 ring-stone-200"
    />
  );
}
