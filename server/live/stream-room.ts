// live.room: one room's new and changed messages for one reader (a member by alias, or the shop's staff).
// Every open page of a room shares one RoomFeed per process: it reads the room's new events and the rows
// they name once per burst, and each reader turns that batch into its own RoomDelta in memory (what it may
// see: history from joining, held messages for their author and staff). Edit when a room event is added.
import { tracked, type TrackedEnvelope } from '@trpc/server';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { events, roomMembers, roomMessages, rooms } from '@/db/schema';
import type { Locale } from '@/i18n/locales';
import type { Deps } from '@/server/deps';
import {
  getRoomAccessOrThrow,
  isRoomClosed,
  viewerOf,
  visibleToWhere,
  type RoomMessageRow,
  type RoomRow,
  type RoomViewer,
} from '@/server/rooms/room-access';
import type { DealCardView, RoomDelta, RoomMessageView } from '@/server/rooms/types';
import { dealCardViews } from '@/server/rooms/deal-card';
import { cardDealIds, messageView } from '@/server/rooms/message-view';
import { Doorbell } from './doorbell';
import { getLiveHub, topics, type LiveHub, type LiveSignal } from './listener';
import { Semaphore } from './semaphore';

type MemberState = { mutedUntil: Date | null; gone: boolean };

/** One read of a room: its events after a cursor and the current rows they name. */
type Batch = {
  events: { id: number; type: string; messageId: number | null }[];
  messages: Map<number, RoomMessageRow>;
  /** The room row, read when a pin or close happened (or on a resync). */
  room: RoomRow | null;
  /** Every seat of the room, read when a member event happened (or on a resync). */
  members: Map<string, MemberState> | null;
  maxEventId: number;
};

/** How long an event id stays "recent": events that commit out of id order within it are still read. */
const REORDER_WINDOW_MS = 2_000;
/** Events read per batch; a longer backlog rings again. */
const BATCH_LIMIT = 1_000;
/** Messages the first yield of a stream without a cursor carries (the page's own read may be older). */
const FIRST_MESSAGES = 50;
/**
 * A room's feed reads at most once per this many ms: a busy room (20 messages a second) sends each page a
 * few messages per delta instead of one delta per message, which halves the server's work per open page.
 */
const FEED_MIN_GAP_MS = 250;
/** Room reads the live fan-out runs at once per process. */
const MAX_CONCURRENT_ROOM_READS = 8;

const MESSAGE_EVENTS = new Set([
  'room.message_posted',
  'room.message_held',
  'room.message_approved',
  'room.message_updated',
  'room.message_deleted',
  'room.message_reported',
]);
// Events about seats: the reader's own may have changed (muted, removed, left). Any other non-message
// event (pinned, closed, closing scheduled, archived, slow mode) re-reads the room row.
const MEMBER_EVENTS = new Set([
  'room.member_muted',
  'room.member_removed',
  'room.member_left',
  'room.member_joined',
]);
const isRoomEvent = (type: string) => !MESSAGE_EVENTS.has(type) && !MEMBER_EVENTS.has(type);

const limiters = new WeakMap<LiveHub, Semaphore>();
function limiterOf(hub: LiveHub): Semaphore {
  let s = limiters.get(hub);
  if (!s) limiters.set(hub, (s = new Semaphore(MAX_CONCURRENT_ROOM_READS)));
  return s;
}

function parseEventId(v: string | null | undefined): number | null {
  if (!v || !/^\d{1,15}$/.test(v)) return null;
  return Number(v);
}

async function readRoom(deps: Deps, roomId: string): Promise<RoomRow | null> {
  const [room] = await deps.db.select().from(rooms).where(eq(rooms.id, roomId)).limit(1);
  return room ?? null;
}

async function readMembers(deps: Deps, roomId: string): Promise<Map<string, MemberState>> {
  const rows = await deps.db
    .select({
      userId: roomMembers.userId,
      mutedUntil: roomMembers.mutedUntil,
      leftAt: roomMembers.leftAt,
      removedAt: roomMembers.removedAt,
    })
    .from(roomMembers)
    .where(eq(roomMembers.roomId, roomId));
  return new Map(
    rows.map((r) => [
      r.userId,
      { mutedUntil: r.mutedUntil, gone: r.leftAt !== null || r.removedAt !== null },
    ]),
  );
}

/** The room's events after `after` (skipping ids in `known`), with the rows they name. */
async function readBatch(
  deps: Deps,
  roomId: string,
  after: number,
  known: ReadonlySet<number> | null,
  full: boolean,
): Promise<Batch> {
  const rows = await deps.db
    .select({ id: events.id, type: events.type, payload: events.payload })
    .from(events)
    .where(and(gt(events.id, after), sql`${events.payload}->>'roomId' = ${roomId}`))
    .orderBy(events.id)
    .limit(BATCH_LIMIT);
  const fresh = rows
    .filter((r) => !known?.has(r.id))
    .map((r) => {
      const m = r.payload.messageId;
      return { id: r.id, type: r.type, messageId: typeof m === 'number' ? m : null };
    });
  const ids = [...new Set(fresh.flatMap((e) => (e.messageId !== null ? [e.messageId] : [])))];
  const needRoom = full || fresh.some((e) => isRoomEvent(e.type));
  const needMembers = full || fresh.some((e) => MEMBER_EVENTS.has(e.type));
  const room = needRoom ? await readRoom(deps, roomId) : null;
  if (room?.pinnedMessageId) ids.push(room.pinnedMessageId);
  const messageRows = ids.length
    ? await deps.db
        .select()
        .from(roomMessages)
        .where(and(eq(roomMessages.roomId, roomId), inArray(roomMessages.id, ids)))
    : [];
  return {
    events: fresh,
    messages: new Map(messageRows.map((m) => [m.id, m])),
    room,
    members: needMembers ? await readMembers(deps, roomId) : null,
    maxEventId: rows.at(-1)?.id ?? after,
  };
}

/** The newest event id of the whole log: a cursor at "now" (every later room event is read from the feed). */
async function newestEventId(deps: Deps): Promise<number> {
  const [row] = await deps.db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1);
  return row?.id ?? 0;
}

type FeedReader = (batch: Batch) => void;

/** One room's shared reader: subscribed to room:<id>, one read per burst, fanned out to every open page. */
class RoomFeed {
  private readonly readers = new Set<FeedReader>();
  private readonly bell = new Doorbell();
  /** Event ids read lately and when: events committing out of id order inside the window are still caught. */
  private readonly recent = new Map<number, number>();
  private floor = 0;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  readonly ready: Promise<void>;

  constructor(
    private readonly deps: Deps,
    private readonly hub: LiveHub,
    readonly roomId: string,
    private readonly onIdle: () => void,
  ) {
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    let resync = false;
    const onSignal = (s: LiveSignal) => {
      if (s.kind === 'resync') resync = true;
      this.bell.ring(this.hub.seq);
    };
    // Subscribe before taking the cursor, so an event committed meanwhile still rings a read.
    this.unsubscribe = await this.hub.subscribe([topics.room(this.roomId)], onSignal);
    this.floor = await newestEventId(this.deps);
    void (async () => {
      let lastReadAt = 0;
      while (!this.stopped) {
        const seq = await this.bell.wait();
        if (seq === null || this.stopped) return;
        const gap = lastReadAt + FEED_MIN_GAP_MS - Date.now();
        if (gap > 0) await new Promise((r) => setTimeout(r, gap));
        if (this.stopped) return;
        lastReadAt = Date.now();
        const full = resync;
        resync = false;
        try {
          const batch = await limiterOf(this.hub).run(() => this.read(full));
          if (batch.events.length || full) for (const r of this.readers) r(batch);
          if (batch.events.length >= BATCH_LIMIT) this.bell.ring(this.hub.seq);
        } catch (err) {
          console.error('[live] room read failed', err);
        }
      }
    })();
  }

  private async read(full: boolean): Promise<Batch> {
    const now = Date.now();
    // Ids older than the window move the floor; newer ones are re-read (skipped if already seen).
    for (const [id, at] of this.recent)
      if (now - at > REORDER_WINDOW_MS) {
        this.floor = Math.max(this.floor, id);
        this.recent.delete(id);
      }
    for (const id of this.recent.keys()) if (id <= this.floor) this.recent.delete(id);
    const batch = await readBatch(this.deps, this.roomId, this.floor, new Set(this.recent.keys()), full);
    for (const e of batch.events) this.recent.set(e.id, now);
    return batch;
  }

  add(reader: FeedReader): () => void {
    this.readers.add(reader);
    return () => {
      this.readers.delete(reader);
      if (this.readers.size === 0) this.stop();
    };
  }

  private stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.bell.ring(0);
    this.onIdle();
  }
}

const feedsByHub = new WeakMap<LiveHub, Map<string, RoomFeed>>();

async function joinFeed(deps: Deps, hub: LiveHub, roomId: string, reader: FeedReader): Promise<() => void> {
  let feeds = feedsByHub.get(hub);
  if (!feeds) feedsByHub.set(hub, (feeds = new Map()));
  const map = feeds;
  let feed = map.get(roomId);
  if (!feed) {
    const made: RoomFeed = new RoomFeed(deps, hub, roomId, () => {
      if (map.get(roomId) === made) map.delete(roomId);
    });
    map.set(roomId, made);
    feed = made;
  }
  const leave = feed.add(reader);
  try {
    await feed.ready;
  } catch (err) {
    leave();
    throw err;
  }
  return leave;
}

/** A mute still running at `now`, as the page gets it. */
function muteOf(until: Date | null, now: Date): string | null {
  return until && until > now ? until.toISOString() : null;
}

/** The newest messages `viewer` may see (for a stream without a cursor), oldest first. */
async function newestVisible(deps: Deps, roomId: string, viewer: RoomViewer): Promise<RoomMessageRow[]> {
  const rows = await deps.db
    .select()
    .from(roomMessages)
    .where(visibleToWhere(roomId, viewer))
    .orderBy(desc(roomMessages.id))
    .limit(FIRST_MESSAGES);
  return rows.reverse();
}

/** How long a product card's view is shared by every page of the process (its price and groups change). */
const CARD_TTL_MS = 2_000;
type CardEntry = { at: number; card: Promise<DealCardView | null> };
const cardsByHub = new WeakMap<LiveHub, Map<string, CardEntry>>();

// A card posted in a busy room reaches 500 pages at once: they share one load per deal and language
// instead of each reading the deal and its groups about to fill.
async function sharedCards(
  deps: Deps,
  hub: LiveHub,
  dealIds: readonly string[],
  locale: Locale,
): Promise<Map<string, DealCardView>> {
  let cache = cardsByHub.get(hub);
  if (!cache) cardsByHub.set(hub, (cache = new Map()));
  const now = Date.now();
  for (const [k, e] of cache) if (now - e.at > CARD_TTL_MS) cache.delete(k);
  const missing = dealIds.filter((id) => !cache.has(`${locale}\u0000${id}`));
  if (missing.length) {
    const loaded = dealCardViews(deps, missing, locale);
    for (const id of missing)
      cache.set(`${locale}\u0000${id}`, { at: now, card: loaded.then((m) => m.get(id) ?? null) });
  }
  const out = new Map<string, DealCardView>();
  for (const id of dealIds) {
    const card = await cache.get(`${locale}\u0000${id}`)?.card.catch(() => null);
    if (card) out.set(id, card);
  }
  return out;
}

/** `rows` as `viewer` sees them, by id (those they may not see are absent). */
async function viewsById(
  deps: Deps,
  hub: LiveHub,
  rows: readonly RoomMessageRow[],
  viewer: RoomViewer,
  locale: Locale,
): Promise<Map<number, RoomMessageView>> {
  const cards = await sharedCards(deps, hub, cardDealIds(rows), locale);
  const out = new Map<number, RoomMessageView>();
  for (const r of rows) {
    const v = messageView(r, viewer, cards);
    if (v) out.set(v.id, v);
  }
  return out;
}

export type StreamRoomOptions = {
  roomId: string;
  userId: string | null;
  /** The signed-in merchant (staff of their own shop's rooms), if any. */
  merchantId: string | null;
  /** The page's language (product cards' titles). */
  locale: Locale;
  /** The last event id the page applied (SSE Last-Event-ID on resume). */
  lastEventId?: string | null;
  signal?: AbortSignal;
  hub?: LiveHub;
};

/**
 * Streams room `roomId` to one reader: joins the room's shared feed first, then backfills (the events after
 * `lastEventId`, or the newest messages when the page has no cursor), then one delta per burst. A reader who
 * leaves or is removed gets `state.removed` and the stream ends.
 */
export async function streamRoom(
  deps: Deps,
  opts: StreamRoomOptions,
): Promise<AsyncGenerator<TrackedEnvelope<RoomDelta>, void, unknown>> {
  const { room, place } = await getRoomAccessOrThrow(
    deps.db,
    { user: opts.userId ? { id: opts.userId } : null, merchantId: opts.merchantId },
    opts.roomId,
  );
  const reader = viewerOf(place);
  const hub = opts.hub ?? getLiveHub(deps);
  const bell = new Doorbell(opts.signal);
  const queue: Batch[] = [];
  // Subscribe (through the feed) before reading anything, so a change committed during the backfill rings.
  const leave = await joinFeed(deps, hub, room.id, (batch) => {
    queue.push(batch);
    bell.ring(hub.seq);
  });
  opts.signal?.addEventListener('abort', leave, { once: true });

  let first: { delta: RoomDelta; cursor: number } | null = null;
  const since = parseEventId(opts.lastEventId);
  try {
    if (since === null) {
      const cursor = await newestEventId(deps);
      const rows = await newestVisible(deps, room.id, reader);
      const pinnedRows = room.pinnedMessageId
        ? await deps.db.select().from(roomMessages).where(eq(roomMessages.id, room.pinnedMessageId))
        : [];
      const views = await viewsById(deps, hub, [...rows, ...pinnedRows], reader, opts.locale);
      first = {
        cursor,
        delta: {
          messages: rows.flatMap((r) => views.get(r.id) ?? []),
          deletedIds: [],
          pinned: room.pinnedMessageId ? (views.get(room.pinnedMessageId) ?? null) : null,
          state: {
            closed: isRoomClosed(room, deps.now()),
            removed: false,
            mutedUntil: place.kind === 'member' ? muteOf(place.seat.mutedUntil, deps.now()) : null,
          },
        },
      };
    } else {
      queue.unshift(await readBatch(deps, room.id, since, null, true));
      bell.ring(hub.seq);
    }
  } catch (err) {
    leave();
    throw err;
  }

  // Events already turned into deltas (a feed batch may repeat the backfill's); ids below `cursor` are done.
  const done = new Set<number>();
  let cursor = first?.cursor ?? since ?? 0;
  let lastState: RoomDelta['state'] | null = first?.delta.state ?? null;

  async function deltaOf(batches: Batch[]): Promise<RoomDelta | null> {
    const touched = new Set<number>();
    let pinChanged = false;
    let stateChanged = false;
    const rowsById = new Map<number, RoomMessageRow>();
    let roomRow: RoomRow | null = null;
    let members: Map<string, MemberState> | null = null;
    let newEvents = 0;
    for (const b of batches) {
      // A batch read earlier may arrive later (the backfill goes first): keep each message's newest row.
      for (const [id, row] of b.messages) {
        const prev = rowsById.get(id);
        if (!prev || row.updatedAt >= prev.updatedAt) rowsById.set(id, row);
      }
      if (b.room) roomRow = b.room;
      if (b.members) members = b.members;
      if (b.room || b.members) stateChanged = true;
      if (b.room) pinChanged = true;
      for (const e of b.events) {
        if (done.has(e.id)) continue;
        done.add(e.id);
        newEvents += 1;
        if (MESSAGE_EVENTS.has(e.type) && e.messageId !== null) touched.add(e.messageId);
      }
      cursor = Math.max(cursor, b.maxEventId);
    }
    if (done.size > 10_000) done.clear();
    if (newEvents === 0 && !stateChanged) return null;
    const after = reader.kind === 'member' ? reader.historyFrom : 0;
    const pinnedId = roomRow?.pinnedMessageId ?? null;
    const ids = [...touched].filter((id) => id > after).sort((a, b) => a - b);
    const views = await viewsById(
      deps,
      hub,
      [...ids, ...(pinnedId !== null ? [pinnedId] : [])].flatMap((id) => rowsById.get(id) ?? []),
      reader,
      opts.locale,
    );
    const messages: RoomMessageView[] = [];
    const deletedIds: number[] = [];
    for (const id of ids) {
      const row = rowsById.get(id);
      const view = views.get(id);
      if (view) messages.push(view);
      // Gone, or held after members reported it: off every page that may hold it.
      else if (!row || row.status === 'deleted' || row.heldReason === 'reported') deletedIds.push(id);
    }
    const delta: RoomDelta = { messages, deletedIds };
    if (pinChanged && roomRow) {
      delta.pinned = pinnedId !== null && pinnedId > after ? (views.get(pinnedId) ?? null) : null;
    }
    if (stateChanged) {
      const base = roomRow ?? (await readRoom(deps, room.id)) ?? room;
      const own = reader.kind === 'member' && members ? members.get(reader.userId) : undefined;
      const state = {
        closed: isRoomClosed(base, deps.now()),
        removed: reader.kind === 'member' && members !== null && (own?.gone ?? true),
        mutedUntil: own ? muteOf(own.mutedUntil, deps.now()) : (lastState?.mutedUntil ?? null),
      };
      if (members === null && lastState) state.removed = lastState.removed;
      if (
        !lastState ||
        lastState.closed !== state.closed ||
        lastState.removed !== state.removed ||
        lastState.mutedUntil !== state.mutedUntil
      ) {
        delta.state = state;
        lastState = state;
      }
    }
    if (!messages.length && !deletedIds.length && delta.pinned === undefined && !delta.state) return null;
    return delta;
  }

  return (async function* run() {
    try {
      if (first) yield tracked(String(first.cursor), first.delta);
      for (;;) {
        const seq = await bell.wait();
        if (seq === null || opts.signal?.aborted) return;
        const batches = queue.splice(0, queue.length);
        if (!batches.length) continue;
        const delta = await deltaOf(batches);
        if (opts.signal?.aborted) return;
        if (delta) {
          // A removed or departed member sees nothing more: the state, then the end.
          if (delta.state?.removed) {
            yield tracked(String(cursor), { messages: [], deletedIds: [], state: delta.state });
            return;
          }
          yield tracked(String(cursor), delta);
        }
      }
    } finally {
      leave();
    }
  })();
}
