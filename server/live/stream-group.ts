import { randomUUID } from 'node:crypto';
import { TRPCError, tracked, type TrackedEnvelope } from '@trpc/server';
import { desc, eq } from 'drizzle-orm';
import { events } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError, isDomainError, TRPC_CODE_OF } from '@/server/errors';
import { findGroupByCode } from '@/server/groups/find-group-by-code';
import { Doorbell } from './doorbell';
import { getLiveHub, topics, type LiveHub, type LiveSignal } from './listener';
import { Semaphore } from './semaphore';
import { shareSnapshot } from './shared-snapshots';

/** The one field the stream needs from a group page snapshot. */
export type SnapshotWithCursor = { lastEventId: string | number | null };

export type StreamGroupOptions<S extends SnapshotWithCursor> = {
  code: string;
  /** The last event id the client has applied (from the page render, or the SSE Last-Event-ID on resume). */
  lastEventId?: string | null;
  /** Identifies what the viewer may see: streams with the same key share one snapshot read per change. */
  viewerKey: string;
  /** Reads the group page snapshot for this viewer (aliases only; the loader owns privacy). */
  load: () => Promise<S>;
  signal?: AbortSignal;
  hub?: LiveHub;
  /**
   * A signed-in viewer: their user id, and a read that keeps `previous`'s own part (their membership) and
   * takes only the group's public part afresh. Used while every event since the last full read was another
   * member's move in the open group, which changes counts and prices but never this viewer's membership.
   */
  own?: { userId: string; reload: (previous: S) => Promise<S> };
};

/** Other members' moves while the group is open: none of them changes a different viewer's membership. */
const OTHERS_MOVES: ReadonlySet<string> = new Set([
  'member.reserved',
  'member.authorized',
  'member.declined',
  'member.expired',
  'member.left',
  'member.failed',
]);

type InFlight = { started: boolean; seq: number; promise: Promise<unknown> };
type HubReads = { inFlight: Map<string, InFlight>; limiter: Semaphore };
const readsByHub = new WeakMap<LiveHub, HubReads>();

/** Snapshot reads the live fan-out runs at once per process (the pool also serves joins). */
export const MAX_CONCURRENT_LIVE_READS = 8;

// Many viewers of one group with the same key (signed-out visitors) need the same snapshot: reuse a read
// that started after the change they were told about, instead of issuing one read per open page.
function loadShared<S>(hub: LiveHub, key: string, minSeq: number, load: () => Promise<S>): Promise<S> {
  let reads = readsByHub.get(hub);
  if (!reads)
    readsByHub.set(hub, (reads = { inFlight: new Map(), limiter: new Semaphore(MAX_CONCURRENT_LIVE_READS) }));
  const { inFlight, limiter } = reads;
  const current = inFlight.get(key);
  // A read still waiting for a slot will see every change made before it starts, whatever rang since.
  if (current && (!current.started || current.seq >= minSeq)) return current.promise as Promise<S>;
  const entry: InFlight = { started: false, seq: hub.seq, promise: Promise.resolve() };
  const promise = limiter
    .run(load, () => {
      entry.started = true;
      entry.seq = hub.seq;
    })
    .then(shareSnapshot);
  entry.promise = promise;
  inFlight.set(key, entry);
  const forget = () => {
    if (inFlight.get(key) === entry) inFlight.delete(key);
  };
  promise.then(forget, forget);
  return promise;
}

// Errors thrown inside a stream bypass the router's error mapping, so they take the same map here: the SSE
// client retries anything reported as a server error, and a group that vanished or became off-limits must
// end the stream instead (every domain code but PAYMENT_UNAVAILABLE maps to a final one).
function finalError(err: unknown): never {
  if (isDomainError(err))
    throw new TRPCError({ code: TRPC_CODE_OF[err.code], message: err.message, cause: err });
  throw err;
}

function parseEventId(v: string | null | undefined): number | null {
  if (!v || !/^\d{1,15}$/.test(v)) return null;
  return Number(v);
}

/**
 * Streams fresh snapshots of group `code` for one viewer: subscribes first, then backfills (a snapshot at
 * once when the client is behind or has no cursor), then one snapshot per burst of committed changes.
 */
export async function streamGroup<S extends SnapshotWithCursor>(
  deps: Deps,
  opts: StreamGroupOptions<S>,
): Promise<AsyncGenerator<TrackedEnvelope<S>, void, unknown>> {
  const found = await findGroupByCode(deps.db, opts.code);
  const group = found?.group;
  if (!group) throw new DomainError('NOT_FOUND', 'group.notFoundLive');
  const hub = opts.hub ?? getLiveHub(deps);
  const bell = new Doorbell(opts.signal);
  // Whether the viewer's own part may have changed since the last full read, and the highest event id this
  // stream has been told of (a read that shows a later one may hold a change not yet sorted).
  let ownChanged = true;
  let toldUpTo = 0;
  const onSignal = (s: LiveSignal) => {
    // Deal-wide events (paused, edited) change the page too; other groups' events on the deal do not.
    if (s.kind === 'event' && s.event.groupId !== null && s.event.groupId !== group.id) return;
    // Room talk never changes the snapshot: it reaches the page through live.room, so a busy room never
    // slows the price updates.
    if (s.kind === 'event' && s.event.type.startsWith('room.')) return;
    if (s.kind === 'resync') ownChanged = true;
    else {
      toldUpTo = Math.max(toldUpTo, s.event.id);
      const others =
        OTHERS_MOVES.has(s.event.type) && !!s.event.userId && s.event.userId !== opts.own?.userId;
      if (!others) ownChanged = true;
    }
    bell.ring(hub.seq);
  };
  // Subscribe before reading anything, so a change committed during the backfill read still rings.
  const unsubscribe = await hub.subscribe([topics.group(group.id), topics.deal(group.dealId)], onSignal);
  opts.signal?.addEventListener('abort', unsubscribe, { once: true });
  try {
    const since = parseEventId(opts.lastEventId);
    if (since === null) {
      bell.ring(hub.seq);
    } else {
      const [last] = await deps.db
        .select({ id: events.id })
        .from(events)
        .where(eq(events.groupId, group.id))
        .orderBy(desc(events.id))
        .limit(1);
      if (last && last.id > since) bell.ring(hub.seq);
    }
  } catch (err) {
    unsubscribe();
    throw err;
  }
  const key = `${group.id}\u0000${opts.viewerKey}`;
  // A reload keeps this stream's own previous snapshot: it is shared with no other stream.
  const ownKey = `${key}\u0000${randomUUID()}`;
  const eventId = (s: S) => Number(s.lastEventId ?? 0);
  const full = async (seq: number): Promise<S> => {
    ownChanged = false;
    const s = await loadShared(hub, key, seq, opts.load);
    toldUpTo = Math.max(toldUpTo, eventId(s));
    return s;
  };
  let previous: S | null = null;
  return (async function* run() {
    try {
      for (;;) {
        const seq = await bell.wait();
        if (seq === null) return;
        let snapshot: S | null = null;
        if (opts.own && previous && !ownChanged) {
          const { reload } = opts.own;
          const prev: S = previous;
          const kept: S = await loadShared(hub, ownKey, seq, () => reload(prev)).catch(finalError);
          // A change of the viewer's told meanwhile, or one in the read not yet told: read it all.
          if (!ownChanged && eventId(kept) <= toldUpTo) snapshot = kept;
        }
        snapshot ??= await full(seq).catch(finalError);
        if (opts.signal?.aborted) return;
        previous = snapshot;
        yield tracked(String(snapshot.lastEventId ?? 0), snapshot);
      }
    } finally {
      unsubscribe();
    }
  })();
}
