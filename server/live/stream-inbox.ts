// live.inbox: the concierge inbox's change feed. Every room event of the shop's rooms (group rooms and
// communities) yields { roomId }, at most once per 250 ms per room; the console re-fetches that row.
// Edit when the inbox needs more than "this room changed".
import { tracked, type TrackedEnvelope } from '@trpc/server';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { events, rooms } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { getLiveHub, topics, type LiveHub, type LiveSignal } from './listener';
import { createWaker, parseLastEventId, stopOnAbort } from './stream-wake';

export type InboxLiveEvent = { roomId: string };

export type StreamInboxOptions = {
  merchantId: string;
  lastEventId?: string | null;
  signal?: AbortSignal;
  hub?: LiveHub;
  /** Minimum gap between two yields for one room; a burst inside it becomes one yield of its latest event. */
  minGapMs?: number;
};

/** A room waiting to be yielded: its first and latest unyielded event ids. */
type Pending = { firstId: number; lastId: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The latest event of each of the merchant's rooms after `since` (the ones a resuming console missed). */
async function missedSince(deps: Deps, merchantId: string, since: number): Promise<Map<string, Pending>> {
  const rows = await deps.db
    .select({
      roomId: rooms.id,
      firstId: sql<string>`min(${events.id})`,
      lastId: sql<string>`max(${events.id})`,
    })
    .from(events)
    .innerJoin(rooms, sql`${rooms.id}::text = ${events.payload}->>'roomId'`)
    .where(and(gt(events.id, since), eq(rooms.merchantId, merchantId), sql`${events.type} like 'room.%'`))
    .groupBy(rooms.id);
  return new Map(rows.map((r) => [r.roomId, { firstId: Number(r.firstId), lastId: Number(r.lastId) }]));
}

async function newestEventId(deps: Deps): Promise<number> {
  const [row] = await deps.db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1);
  return row?.id ?? 0;
}

/**
 * Streams which of the merchant's rooms changed: subscribes first, then backfills the rooms changed after
 * `lastEventId`; after a reconnect of the live hub it re-reads what it may have missed the same way.
 */
export async function streamInbox(
  deps: Deps,
  opts: StreamInboxOptions,
): Promise<AsyncGenerator<TrackedEnvelope<InboxLiveEvent>, void, unknown>> {
  const hub = opts.hub ?? getLiveHub(deps);
  const minGapMs = opts.minGapMs ?? 250;
  // room id → this merchant's; filled lazily (a room's shop never changes).
  const owned = new Map<string, boolean>();
  const pending = new Map<string, Pending>();
  const lastYieldAt = new Map<string, number>();
  // Mutated from callbacks; a holder keeps the compiler from narrowing it across awaits.
  const st: { resync: boolean; highest: number } = { resync: false, highest: 0 };
  const waker = createWaker();
  const wake = waker.wake;
  const note = (roomId: string, id: number) => {
    const p = pending.get(roomId);
    pending.set(roomId, { firstId: Math.min(p?.firstId ?? id, id), lastId: Math.max(p?.lastId ?? id, id) });
    wake();
  };

  async function isOwned(roomId: string): Promise<boolean> {
    const known = owned.get(roomId);
    if (known !== undefined) return known;
    if (!UUID.test(roomId)) return false;
    const [r] = await deps.db
      .select({ merchantId: rooms.merchantId })
      .from(rooms)
      .where(eq(rooms.id, roomId))
      .limit(1);
    const mine = r?.merchantId === opts.merchantId;
    owned.set(roomId, mine);
    return mine;
  }

  const onSignal = (s: LiveSignal) => {
    if (s.kind === 'resync') {
      st.resync = true;
      wake();
      return;
    }
    const { roomId, id } = s.event;
    if (!roomId) return;
    const known = owned.get(roomId);
    if (known === true) note(roomId, id);
    else if (known === undefined)
      void isOwned(roomId)
        .then((mine) => mine && note(roomId, id))
        .catch(() => {});
  };
  const unsubscribe = await hub.subscribe([topics.all], onSignal);
  stopOnAbort(opts.signal, unsubscribe, waker);

  const since = parseLastEventId(opts.lastEventId);
  try {
    st.highest = since ?? (await newestEventId(deps));
    if (since !== null)
      for (const [roomId, p] of await missedSince(deps, opts.merchantId, since)) note(roomId, p.lastId);
  } catch (err) {
    unsubscribe();
    throw err;
  }

  // The id a resuming console may pass: below every room still waiting, so none of them is skipped.
  const cursor = () => {
    let c = st.highest;
    for (const p of pending.values()) c = Math.min(c, p.firstId - 1);
    return c;
  };

  return (async function* run() {
    try {
      for (;;) {
        if (opts.signal?.aborted) return;
        if (st.resync) {
          st.resync = false;
          for (const [roomId, p] of await missedSince(deps, opts.merchantId, cursor()))
            note(roomId, p.lastId);
        }
        const now = Date.now();
        let due: string | null = null;
        let nextAt = Number.POSITIVE_INFINITY;
        for (const roomId of pending.keys()) {
          const at = (lastYieldAt.get(roomId) ?? 0) + minGapMs;
          if (at <= now) {
            due = roomId;
            break;
          }
          nextAt = Math.min(nextAt, at);
        }
        if (due === null) {
          await waker.wait(Number.isFinite(nextAt) ? Math.max(1, nextAt - now) : undefined);
          continue;
        }
        const p = pending.get(due);
        pending.delete(due);
        lastYieldAt.set(due, now);
        if (p) st.highest = Math.max(st.highest, p.lastId);
        yield tracked(String(cursor()), { roomId: due });
      }
    } finally {
      unsubscribe();
    }
  })();
}
