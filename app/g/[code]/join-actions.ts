// Who may join from this page, and the move to the join form: shared by the join area and the phone's
// bottom bar, so both always agree.
import type { GroupView, ViewerMember } from './group-view';

/** Statuses whose holder sees their membership instead of the join form. */
export const HOLDING: readonly string[] = ['authorized', 'captured'];

/** True when the page offers this viewer the join form. */
export function mayJoin(g: GroupView, viewer: ViewerMember | null, hasInvite: boolean): boolean {
  if (viewer && HOLDING.includes(viewer.status)) return false;
  // A reserved seat is the viewer's own, even in a group that just filled: they finish their card hold.
  if (viewer?.status === 'reserved' && g.status === 'open') return true;
  if (g.status !== 'open' || g.seatsTaken >= g.maxMembers) return false;
  return !g.inviteOnly || hasInvite;
}

/** Scrolls to the join form and puts the cursor in its first field. */
export function focusJoinForm(): void {
  const form = document.getElementById('join');
  if (!form) return;
  form.scrollIntoView({ behavior: 'smooth', block: 'start' });
  form.querySelector<HTMLInputElement>('input[name="alias"]')?.focus({ preventScroll: true });
}
