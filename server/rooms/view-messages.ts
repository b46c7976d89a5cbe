// Stored messages as one reader sees them, with the product cards they show loaded once.
// Edit when a message kind needs another loaded fact.
import type { Deps } from '@/server/deps';
import type { Locale } from '@/i18n/locales';
import { dealCardViews } from './deal-card';
import { cardDealIds, messageView } from './message-view';
import type { RoomMessageRow, RoomViewer } from './room-access';
import type { RoomMessageView } from './types';

/** `rows` as `viewer` sees them (in the same order; those they may not see are left out). */
export async function viewMessages(
  deps: Deps,
  rows: readonly RoomMessageRow[],
  viewer: RoomViewer,
  locale: Locale,
): Promise<RoomMessageView[]> {
  const cards = await dealCardViews(deps, cardDealIds(rows), locale);
  return rows.flatMap((r) => messageView(r, viewer, cards) ?? []);
}

/** One row as `viewer` sees it (a message they just posted, or null when they may not see it). */
export async function viewMessage(
  deps: Deps,
  row: RoomMessageRow,
  viewer: RoomViewer,
  locale: Locale,
): Promise<RoomMessageView | null> {
  return (await viewMessages(deps, [row], viewer, locale))[0] ?? null;
}
