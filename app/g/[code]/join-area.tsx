'use client';
// Chooses what sits where the join form goes: the form, the viewer's membership, or (closed) a way on.
import Link from 'next/link';
import { JoinForm } from './join-form';
import { useGroupView } from './live-group';
import { MemberPanel } from './member-panel';

// A reserved member (hold not yet confirmed) keeps the form: it shows the outcome of their attempt, and a
// new attempt resumes the same membership.
const HOLDING = ['authorized', 'captured'];

/** The join form while the viewer may join; their membership once they have; a link on once it closed. */
export function JoinArea(props: {
  inviteCode: string | null;
  channel: string | null;
  demoMode: boolean;
  publishableKey: string | null;
  suggestedAlias: string;
}) {
  const { view: g, viewer } = useGroupView();
  if (viewer && HOLDING.includes(viewer.status)) return <MemberPanel viewer={viewer} />;
  if (g.status !== 'open') {
    return (
      <p className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <Link href={`/d/${g.dealSlug}`} className="font-semibold text-brand-700 underline">
          Start a new group on this deal
        </Link>
      </p>
    );
  }
  if (g.seatsTaken >= g.maxMembers) return null;
  if (g.inviteOnly && !props.inviteCode) return null;
  return <JoinForm code={g.code} {...props} />;
}
