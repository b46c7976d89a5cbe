// Display helpers for the console (money via the pricing engine's formatMoney; never floats).
import { formatMoney, isCurrency } from '@/server/pricing';

/** Money for people, or an em dash when absent. */
export function money(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  return isCurrency(currency) ? formatMoney(minor, currency) : `${minor} ${currency}`;
}

/** "1 person" / "5 people". */
export function people(n: number): string {
  return `${n} ${n === 1 ? 'person' : 'people'}`;
}

/** A short local date and time. */
export function when(d: Date | string | null | undefined): string {
  if (!d) return '—';
  return new Date(d).toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

export const GROUP_STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  closing: 'Closing…',
  won: 'Won',
  failed: 'Did not go ahead',
  canceled: 'Canceled',
};

export const MEMBER_STATUS_LABEL: Record<string, string> = {
  reserved: 'Reserving',
  authorized: 'Hold placed',
  captured: 'Charged',
  released: 'Hold released',
  failed: 'Charge failed',
  left: 'Left',
  expired: 'Expired',
};

export const DEAL_STATUS_LABEL: Record<string, string> = {
  draft: 'Draft',
  active: 'Live',
  paused: 'Paused',
  archived: 'Archived',
};

/** How the console names a group: "Bea’s group" after its opener or first member, else when it opened. */
export function groupName(g: { leadAlias: string | null; openedAt: Date | string }): string {
  return g.leadAlias ? `${g.leadAlias}’s group` : `Group opened ${when(g.openedAt)}`;
}
