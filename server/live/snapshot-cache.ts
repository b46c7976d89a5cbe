// The group page's public snapshot, shared by every visitor of one group until its next event: a burst of a
// whole chat opening one link costs one read per change, not three statements per visitor. Entries are
// dropped by the NOTIFY of any event of the group or its deal (the live hub this process already holds),
// everything on a resync, and after TTL_MS at the latest (changes that write no event, such as a shop's
// profile). Served only while the hub is listening. Edit when a snapshot field changes without an event.
import type { Deps } from '@/server/deps';
import type { PublicSnapshotRead, PublicSnapshotSource } from '@/server/groups/get-group-snapshot';
import { getLiveHub, topics, type LiveHub, type LiveSignal } from './listener';

const TTL_MS = 2_000;
const MAX_ENTRIES = 1_000;

type Entry = { read: PublicSnapshotRead; at: number };

class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  /** Signals seen so far, and the last one that touched each group, deal and everything (resync). */
  private tick = 0;
  private readonly touched = new Map<string, number>();
  private resyncedAt = 0;
  private subscribed: Promise<unknown> | null = null;
  /** Whether the cache's one hub subscription is in place (it keeps it for the life of the process). */
  holds = false;

  constructor(private readonly hub: LiveHub) {}

  private readonly onSignal = (signal: LiveSignal) => {
    this.tick += 1;
    if (signal.kind === 'resync') {
      this.resyncedAt = this.tick;
      this.entries.clear();
      this.touched.clear();
      return;
    }
    // Room talk is not in the snapshot: a busy room must not empty the cache of its group's page.
    if (signal.event.type.startsWith('room.')) return;
    const { groupId, dealId } = signal.event;
    for (const id of [groupId, dealId]) if (id) this.touched.set(id, this.tick);
    for (const [code, e] of this.entries)
      if (e.read.groupId === groupId || e.read.dealId === dealId) this.entries.delete(code);
    // Only ids that a load in flight may still compare with need remembering.
    if (this.touched.size > MAX_ENTRIES * 4) this.touched.clear();
  };

  private listening(): boolean {
    this.subscribed ??= this.hub.subscribe([topics.all], this.onSignal).then(
      () => {
        this.holds = true;
      },
      () => {
        this.subscribed = null;
      },
    );
    return this.hub.stats().connected;
  }

  /** The cached public part of `code`, or `read()`'s, kept when no event of its group came in meanwhile. */
  readonly source: PublicSnapshotSource = async (code, read) => {
    const live = this.listening();
    const hit = this.entries.get(code);
    if (live && hit && Date.now() - hit.at < TTL_MS) return hit.read;
    const startedAt = this.tick;
    const fresh = await read();
    if (!fresh || !live || !this.hub.stats().connected) return fresh;
    // An event (or a resync) after the read began may not be in it: serve it to this request only.
    const changed = Math.max(
      this.touched.get(fresh.groupId) ?? 0,
      this.touched.get(fresh.dealId) ?? 0,
      this.resyncedAt,
    );
    if (changed > startedAt) return fresh;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(code, { read: fresh, at: Date.now() });
    return fresh;
  };
}

type CacheStore = { __flockSnapshotCaches?: WeakMap<LiveHub, SnapshotCache> };

function cachesOf(): WeakMap<LiveHub, SnapshotCache> {
  const store = globalThis as typeof globalThis & CacheStore;
  return (store.__flockSnapshotCaches ??= new WeakMap());
}

/** The hub subscriptions the shared cache holds on `deps.db`'s hub (0 or 1): tests count the streams' own. */
export function snapshotCacheSubscriptions(deps: Pick<Deps, 'db'>): number {
  return cachesOf().get(getLiveHub(deps))?.holds ? 1 : 0;
}

/** The process's shared public-snapshot source for `deps.db`'s database (one per live hub). */
export function sharedSnapshotSource(deps: Pick<Deps, 'db'>): PublicSnapshotSource {
  const hub = getLiveHub(deps);
  const caches = cachesOf();
  let cache = caches.get(hub);
  if (!cache) caches.set(hub, (cache = new SnapshotCache(hub)));
  return cache.source;
}
