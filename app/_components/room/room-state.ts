// What a room's page holds: the messages on screen (oldest first, each once), the pin and the reader's
// standing, and how the first load, older pages, live deltas and the reader's own posts merge into it.
// Pure, so the merge rules are tested without a browser. Edit when a RoomDelta gains a fact.
import type { RoomDelta, RoomMessageView, RoomView } from '@/server/rooms/types';

export type RoomState = {
  room: RoomView;
  messages: RoomMessageView[];
  pinned: RoomMessageView | null;
  hasOlder: boolean;
  closed: boolean;
  removed: boolean;
  mutedUntil: string | null;
  /** Ids deleted by staff: a late page or a retried post never brings them back. */
  deleted: ReadonlySet<number>;
};

/** The messages of `a` and `b`, each id once (the later copy wins: it may have been approved or edited), by id. */
export function mergeMessages(
  a: readonly RoomMessageView[],
  b: readonly RoomMessageView[],
  deleted: ReadonlySet<number> = new Set(),
): RoomMessageView[] {
  const byId = new Map<number, RoomMessageView>();
  for (const m of a) byId.set(m.id, m);
  for (const m of b) byId.set(m.id, m);
  return [...byId.values()].filter((m) => !deleted.has(m.id)).sort((x, y) => x.id - y.id);
}

/** The state of a freshly loaded room, keeping what was already on screen or arrived live meanwhile (`early`). */
export function fromRoom(room: RoomView, early: RoomState | null = null): RoomState {
  const viewer = room.viewer;
  const base: RoomState = {
    room,
    messages: mergeMessages(room.messages, [], early?.deleted),
    pinned: room.pinned,
    hasOlder: room.hasOlder,
    closed: room.closed,
    removed: false,
    mutedUntil: viewer.kind === 'member' ? viewer.mutedUntil : null,
    deleted: early?.deleted ?? new Set(),
  };
  if (!early) return base;
  // A reload after older pages were shown keeps them, and whether there are more before them.
  const firstEarly = early.messages[0]?.id ?? Infinity;
  const firstLoaded = room.messages[0]?.id ?? Infinity;
  return {
    ...base,
    messages: mergeMessages(base.messages, early.messages, base.deleted),
    hasOlder: firstEarly < firstLoaded ? early.hasOlder : room.hasOlder,
  };
}

/** `s` after a live delta: new or changed messages, deletions, the pin, the reader's standing. */
export function applyDelta(s: RoomState, d: RoomDelta): RoomState {
  const deleted = d.deletedIds.length > 0 ? new Set([...s.deleted, ...d.deletedIds]) : s.deleted;
  let pinned = d.pinned !== undefined ? d.pinned : s.pinned;
  if (pinned && deleted.has(pinned.id)) pinned = null;
  return {
    ...s,
    messages: mergeMessages(s.messages, d.messages, deleted),
    pinned,
    deleted,
    closed: d.state ? d.state.closed : s.closed,
    removed: d.state ? d.state.removed : s.removed,
    mutedUntil: d.state ? d.state.mutedUntil : s.mutedUntil,
  };
}

/** `s` with an older page put before what is on screen. */
export function withOlder(s: RoomState, older: readonly RoomMessageView[], hasOlder: boolean): RoomState {
  return { ...s, messages: mergeMessages(older, s.messages, s.deleted), hasOlder };
}

/** `s` with the reader's own message as the server answered it (the stream may bring it too: once only). */
export function withOwn(s: RoomState, m: RoomMessageView): RoomState {
  return { ...s, messages: mergeMessages(s.messages, [m], s.deleted) };
}

/** Seconds until the reader may post again under slow mode (0 = now), from their last post's time. */
export function slowModeWait(slowModeSeconds: number, lastPostAt: number | null, now: number): number {
  if (slowModeSeconds <= 0 || lastPostAt === null) return 0;
  return Math.max(0, Math.ceil((lastPostAt + slowModeSeconds * 1000 - now) / 1000));
}

/** True while a mute is in force. */
export function isMuted(mutedUntil: string | null, now: number): boolean {
  return mutedUntil !== null && new Date(mutedUntil).getTime() > now;
}
