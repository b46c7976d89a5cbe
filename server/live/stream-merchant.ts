import { tracked, type TrackedEnvelope } from '@trpc/server';
import { and, desc, eq, gt } from 'drizzle-orm';
import { deals, events, groups } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { getLiveHub, topics, type LiveEvent, type LiveHub } from './listener';
import { createWaker, parseLastEventId, stopOnAbort } from './stream-wake';

/** What the merchant console receives: which of its deals changed; it re-fetches its own queries. */
export type MerchantLiveEvent = {
  eventId: number;
  dealId: string | null;
  groupId: string | null;
  type: string;
};

export type StreamMerchantOptions = {
  merchantId: string;
  lastEventId?: string | null;
  signal?: AbortSignal;
  hub?: LiveHub;
  /** Minimum gap between two yields; a burst inside it becomes one yield of its latest event. */
  minGapMs?: number;
};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Streams one event per burst of changes touching any of the merchant's deals (deals created later
 * included); subscribes first, then backfills the latest missed event when the client resumes.
 */
export async function streamMerchant(
  deps: Deps,
  opts: StreamMerchantOptions,
): Promise<AsyncGenerator<TrackedEnvelope<MerchantLiveEvent>, void, unknown>> {
  const hub = opts.hub ?? getLiveHub(deps);
  const minGapMs = opts.minGapMs ?? 250;
  // deal id → owned by this merchant; filled lazily (a deal's owner never changes).
  const owned = new Map<string, boolean>();
  const dealOfGroup = new Map<string, string | null>();
  // Mutated from callbacks; a holder keeps the compiler from narrowing it across awaits.
  const box: { pending: LiveEvent | null } = { pending: null };
  const waker = createWaker();
  const wake = waker.wake;
  const queue: LiveEvent[] = [];
  let draining = false;

  async function dealIdOf(e: LiveEvent): Promise<string | null> {
    if (e.dealId) return e.dealId;
    if (!e.groupId) return null;
    if (!dealOfGroup.has(e.groupId)) {
      const [g] = await deps.db
        .select({ dealId: groups.dealId })
        .from(groups)
        .where(eq(groups.id, e.groupId))
        .limit(1);
      dealOfGroup.set(e.groupId, g?.dealId ?? null);
    }
    return dealOfGroup.get(e.groupId) ?? null;
  }

  async function isOwned(dealId: string): Promise<boolean> {
    const known = owned.get(dealId);
    if (known !== undefined) return known;
    const [d] = await deps.db
      .select({ merchantId: deals.merchantId })
      .from(deals)
      .where(eq(deals.id, dealId))
      .limit(1);
    const mine = d?.merchantId === opts.merchantId;
    owned.set(dealId, mine);
    return mine;
  }

  // Ownership checks may hit the database; run them in arrival order so the pending event is always the latest.
  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      for (let e = queue.shift(); e; e = queue.shift()) {
        const dealId = await dealIdOf(e).catch(() => null);
        if (dealId && (await isOwned(dealId).catch(() => false))) {
          box.pending = { ...e, dealId };
          wake();
        }
      }
    } finally {
      draining = false;
    }
  }

  const unsubscribe = await hub.subscribe([topics.all], (s) => {
    if (s.kind === 'resync') {
      // Missed events are unknown after a reconnect: a synthetic "something changed" makes the console re-fetch.
      box.pending = {
        id: box.pending?.id ?? 0,
        type: 'resync',
        groupId: null,
        dealId: box.pending?.dealId ?? null,
      };
      wake();
      return;
    }
    queue.push(s.event);
    void drain();
  });
  stopOnAbort(opts.signal, unsubscribe, waker);

  const since = parseLastEventId(opts.lastEventId);
  if (since !== null) {
    try {
      const [missed] = await deps.db
        .select({ id: events.id, type: events.type, groupId: events.groupId, dealId: events.dealId })
        .from(events)
        .innerJoin(deals, eq(deals.id, events.dealId))
        .where(and(eq(deals.merchantId, opts.merchantId), gt(events.id, since)))
        .orderBy(desc(events.id))
        .limit(1);
      if (missed && (!box.pending || box.pending.id < missed.id)) box.pending = missed;
    } catch (err) {
      unsubscribe();
      throw err;
    }
  }

  return (async function* run() {
    let lastYieldAt = 0;
    try {
      for (;;) {
        if (opts.signal?.aborted) return;
        if (!box.pending) {
          await waker.wait();
          continue;
        }
        const gap = lastYieldAt + minGapMs - Date.now();
        if (gap > 0) {
          await sleep(gap, opts.signal);
          continue;
        }
        const e = box.pending;
        box.pending = null;
        lastYieldAt = Date.now();
        const payload: MerchantLiveEvent = {
          eventId: e.id,
          dealId: e.dealId,
          groupId: e.groupId,
          type: e.type,
        };
        yield tracked(String(e.id || since || 0), payload);
      }
    } finally {
      unsubscribe();
    }
  })();
}
