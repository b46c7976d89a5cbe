// A stored message as one reader sees it (pure). Only what a reader may see leaves: an alias or the shop's
// name, never a user id (DESIGN rules 7 and 15); held messages for staff and their author only; deleted
// ones never. Edit when a message kind or a reader's fact is added.
import type { DealCardView, RoomMessageView } from './types';
import type { RoomMessageRow, RoomViewer } from './room-access';

const HELD_REASONS = ['link', 'keyword', 'reported'] as const;
type HeldReason = (typeof HELD_REASONS)[number];

/** True when `viewer` may see `row` (the same rule as visibleToWhere, for rows already loaded). */
export function isVisibleTo(row: RoomMessageRow, viewer: RoomViewer): boolean {
  if (row.status === 'deleted') return false;
  if (viewer.kind === 'staff') return true;
  if (row.id <= viewer.historyFrom) return false;
  return row.status === 'visible' || row.authorUserId === viewer.userId;
}

/**
 * `row` as `viewer` sees it, or null when they may not see it. A card's deal comes from `cards` (loaded by
 * viewMessages); a card whose deal is gone shows as nothing.
 */
export function messageView(
  row: RoomMessageRow,
  viewer: RoomViewer,
  cards: ReadonlyMap<string, DealCardView> = new Map(),
): RoomMessageView | null {
  if (!isVisibleTo(row, viewer)) return null;
  const status = row.status === 'held' ? 'held' : 'visible';
  const data = row.data;
  const heldReason = HELD_REASONS.find((r): r is HeldReason => r === row.heldReason) ?? null;
  return {
    id: row.id,
    kind: row.kind,
    authorKind: row.authorKind,
    authorName: row.authorKind === 'system' ? '' : row.authorName,
    mine: viewer.kind === 'member' && row.authorUserId === viewer.userId,
    body: row.kind === 'text' || row.kind === 'welcome' ? row.body || textOf(data['text']) : '',
    system: row.kind === 'system' ? systemOf(data) : null,
    card: row.kind === 'card' ? (cards.get(textOf(data['dealId'])) ?? null) : null,
    image: row.kind === 'image' ? imageOf(data) : null,
    status,
    // The author learns only that it waits; why, and how many reported it, is for staff.
    heldReason: viewer.kind === 'staff' && status === 'held' ? heldReason : null,
    reportCount: viewer.kind === 'staff' ? row.reportCount : 0,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The deal ids of the card messages among `rows` (to load their cards once). */
export function cardDealIds(rows: readonly RoomMessageRow[]): string[] {
  const ids = rows.filter((r) => r.kind === 'card').map((r) => textOf(r.data['dealId']));
  return [...new Set(ids.filter((id) => id !== ''))];
}

function textOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function systemOf(data: Record<string, unknown>): RoomMessageView['system'] {
  const values: Record<string, string | number> = {};
  const raw = data['values'];
  if (typeof raw === 'object' && raw !== null) {
    for (const [k, v] of Object.entries(raw))
      if (typeof v === 'string' || typeof v === 'number') values[k] = v;
  }
  return { key: textOf(data['key']), values };
}

function imageOf(data: Record<string, unknown>): RoomMessageView['image'] {
  const { url, width, height } = data;
  if (typeof url !== 'string' || typeof width !== 'number' || typeof height !== 'number') return null;
  return { url, width, height };
}
