// The live hub: ONE dedicated PostgreSQL connection per app process that LISTENs on the events channel
// and fans each committed event out to in-process subscribers by topic (group:<id>, deal:<id>, room:<id>, *).
// Edit when a new topic kind is needed or the reconnect policy changes.
import pg from 'pg';
import { z } from 'zod';
import type { Deps } from '@/server/deps';
import { EVENTS_CHANNEL } from '@/server/events/record-event';
import { metrics } from '@/server/ops/metrics';

/** What record-event.ts NOTIFYs: enough to route, never private data. */
export type LiveEvent = {
  id: number;
  type: string;
  groupId: string | null;
  dealId: string | null;
  /** Room events (type 'room.*') name their room. */
  roomId?: string | null;
  /** A member's events name the member's user (a page sees whether the change is its viewer's own). */
  userId?: string | null;
};

/** A committed event, or "you may have missed events: re-read" after the connection came back. */
export type LiveSignal = { kind: 'event'; event: LiveEvent } | { kind: 'resync' };

export type LiveListener = (signal: LiveSignal) => void;

export type LiveHubStats = { subscribers: number; connected: boolean; reconnects: number; delivered: number };

export type LiveHubOptions = {
  /** How long subscribe() waits for LISTEN to be active before failing. */
  readyTimeoutMs?: number;
  /** How often the idle connection is checked with a round trip (a dead TCP peer sends no error). */
  heartbeatMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the delivery lag of the events handed out since is measured (one query for all of them). */
  lagEveryMs?: number;
};

// At most this many events per lag measurement: a sample is enough for a histogram.
const LAG_SAMPLE = 500;

const notificationSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  groupId: z.string().nullable(),
  dealId: z.string().nullable(),
  roomId: z.string().nullish(),
  userId: z.string().nullish(),
});

/** Topic names; subscribers pick the ones they need. */
export const topics = {
  group: (groupId: string) => `group:${groupId}`,
  deal: (dealId: string) => `deal:${dealId}`,
  room: (roomId: string) => `room:${roomId}`,
  all: '*',
} as const;

type Deferred = { promise: Promise<void>; resolve: () => void };
function deferred(): Deferred {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** One LISTEN connection and its subscribers. Start is lazy (first subscribe); reconnects with backoff. */
export class LiveHub {
  private readonly byTopic = new Map<string, Set<LiveListener>>();
  private client: pg.Client | null = null;
  private state: 'idle' | 'connecting' | 'listening' | 'closed' = 'idle';
  private listening = deferred();
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private hadConnection = false;
  private reconnects = 0;
  private delivered = 0;
  /** Bumped on every dispatched signal; lets readers tell whether a load started after a change. */
  private seqValue = 0;
  /** Events handed to subscribers (id, process clock in ms) whose lag is measured next. */
  private lagPending: { id: number; at: number }[] = [];
  private lagTimer: NodeJS.Timeout | null = null;
  private readonly opts: Required<LiveHubOptions>;

  constructor(
    private readonly clientConfig: pg.ClientConfig,
    opts: LiveHubOptions = {},
  ) {
    this.opts = {
      readyTimeoutMs: 10_000,
      heartbeatMs: 30_000,
      minBackoffMs: 200,
      maxBackoffMs: 10_000,
      lagEveryMs: 1000,
      ...opts,
    };
  }

  /** Monotonic count of signals dispatched so far. */
  get seq(): number {
    return this.seqValue;
  }

  /** Subscribes `listener` to `topicList`; resolves once LISTEN is active, so a read made afterwards misses nothing. */
  async subscribe(topicList: readonly string[], listener: LiveListener): Promise<() => void> {
    if (this.state === 'closed') throw new Error('live hub is closed');
    for (const t of topicList) {
      let set = this.byTopic.get(t);
      if (!set) this.byTopic.set(t, (set = new Set()));
      set.add(listener);
    }
    let done = false;
    const unsubscribe = () => {
      if (done) return;
      done = true;
      for (const t of topicList) {
        const set = this.byTopic.get(t);
        set?.delete(listener);
        if (set && set.size === 0) this.byTopic.delete(t);
      }
    };
    try {
      this.ensureStarted();
      await this.waitListening();
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  /** Distinct (topic, listener) registrations; 0 when every subscription was released. */
  subscriberCount(): number {
    let n = 0;
    for (const set of this.byTopic.values()) n += set.size;
    return n;
  }

  stats(): LiveHubStats {
    return {
      subscribers: this.subscriberCount(),
      connected: this.state === 'listening',
      reconnects: this.reconnects,
      delivered: this.delivered,
    };
  }

  /** Whether LISTEN is (or within `timeoutMs` becomes) active: readiness (/api/ready) starts the hub if idle. */
  async isListening(timeoutMs = 2000): Promise<boolean> {
    if (this.state === 'closed') return false;
    if (this.state === 'listening') return true;
    this.ensureStarted();
    const timeout = new Promise<false>((r) => setTimeout(() => r(false), timeoutMs).unref());
    return Promise.race([this.listening.promise.then(() => true), timeout]);
  }

  /** The backend pid of the LISTEN connection (tests kill it to exercise reconnects). */
  async backendPid(): Promise<number | null> {
    if (!this.client || this.state !== 'listening') return null;
    const r = await this.client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return r.rows[0]?.pid ?? null;
  }

  /** Stops listening for good (tests, benchmarks, shutdown). */
  async close(): Promise<void> {
    this.state = 'closed';
    this.clearTimers();
    const c = this.client;
    this.client = null;
    this.byTopic.clear();
    if (c) await c.end().catch(() => {});
  }

  // A method, not an inline comparison: the state changes across awaits, which narrowing cannot see.
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private ensureStarted(): void {
    if (this.state === 'idle') void this.connect();
  }

  private async waitListening(): Promise<void> {
    if (this.state === 'listening') return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('Live updates are unavailable right now (database not reachable).')),
        this.opts.readyTimeoutMs,
      );
    });
    try {
      await Promise.race([this.listening.promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async connect(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'connecting';
    const client = new pg.Client({ ...this.clientConfig, keepAlive: true });
    this.client = client;
    client.on('notification', (msg) => this.onNotification(msg));
    client.on('error', (err) => this.onDrop(client, err));
    client.on('end', () => this.onDrop(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      this.onDrop(client, err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (this.client !== client || this.isClosed()) return;
    this.state = 'listening';
    this.attempt = 0;
    this.startHeartbeat(client);
    const wasReconnect = this.hadConnection;
    this.hadConnection = true;
    this.listening.resolve();
    // Events committed while we were away were never delivered: tell everyone to re-read.
    if (wasReconnect) {
      this.reconnects += 1;
      this.dispatchAll({ kind: 'resync' });
    }
  }

  private onDrop(client: pg.Client, err: Error | null): void {
    if (this.client !== client || this.state === 'closed') return;
    this.client = null;
    this.clearTimers();
    if (err) console.warn('[live] LISTEN connection lost:', err.message);
    client.end().catch(() => {});
    if (this.state === 'listening') this.listening = deferred();
    // With nobody listening, go idle; the next subscriber starts a fresh connection.
    if (this.subscriberCount() === 0) {
      this.state = 'idle';
      this.hadConnection = false;
      return;
    }
    this.state = 'connecting';
    const base = Math.min(this.opts.maxBackoffMs, this.opts.minBackoffMs * 2 ** this.attempt);
    this.attempt += 1;
    const delay = Math.round(base / 2 + (Math.random() * base) / 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  private startHeartbeat(client: pg.Client): void {
    this.heartbeat = setInterval(() => {
      const timer = setTimeout(() => this.onDrop(client, new Error('heartbeat timed out')), 10_000);
      timer.unref();
      client
        .query('select 1')
        .then(() => clearTimeout(timer))
        .catch((e: unknown) => {
          clearTimeout(timer);
          this.onDrop(client, e instanceof Error ? e : new Error(String(e)));
        });
    }, this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.lagTimer) clearTimeout(this.lagTimer);
    this.retryTimer = null;
    this.heartbeat = null;
    this.lagTimer = null;
    this.lagPending = [];
  }

  private onNotification(msg: pg.Notification): void {
    if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(msg.payload);
    } catch {
      return;
    }
    const r = notificationSchema.safeParse(parsed);
    if (!r.success) return;
    // Events outside rooms keep the shape they always had (no roomId key); only members' events name a user.
    const { roomId, userId, ...rest } = r.data;
    const event: LiveEvent = { ...rest, ...(roomId ? { roomId } : {}), ...(userId ? { userId } : {}) };
    const targets = new Set<LiveListener>();
    const add = (t: string) => this.byTopic.get(t)?.forEach((l) => targets.add(l));
    if (event.groupId) add(topics.group(event.groupId));
    if (event.dealId) add(topics.deal(event.dealId));
    if (event.roomId) add(topics.room(event.roomId));
    add(topics.all);
    this.seqValue += 1;
    this.deliver(targets, { kind: 'event', event });
    if (targets.size > 0) this.noteDelivered(event.id);
  }

  private noteDelivered(id: number): void {
    if (this.lagPending.length < LAG_SAMPLE) this.lagPending.push({ id, at: Date.now() });
    if (this.lagTimer) return;
    this.lagTimer = setTimeout(() => {
      this.lagTimer = null;
      void this.measureLag();
    }, this.opts.lagEveryMs);
    this.lagTimer.unref();
  }

  /**
   * NOTIFY→delivery lag (flock_live_delivery_lag_seconds): from each event's row time (events.created_at,
   * its transaction's start on the database clock) to when this process handed it out (process clock). The
   * two clocks are reconciled with the database's clock_timestamp() read in the same query: the offset
   * is taken at the query's midpoint, so machines whose clocks disagree still measure right (± half a round trip).
   */
  private async measureLag(): Promise<void> {
    const batch = this.lagPending;
    this.lagPending = [];
    const client = this.client;
    if (!client || this.state !== 'listening' || batch.length === 0) return;
    try {
      const sent = Date.now();
      const r = await client.query<{ id: string; created: number; db_now: number }>(
        `select id, extract(epoch from created_at)::float8 * 1000 as created,
                extract(epoch from clock_timestamp())::float8 * 1000 as db_now
         from events where id = any($1::bigint[])`,
        [batch.map((b) => b.id)],
      );
      const offset = (r.rows[0]?.db_now ?? 0) - (sent + Date.now()) / 2;
      const created = new Map(r.rows.map((row) => [Number(row.id), row.created]));
      for (const b of batch) {
        const c = created.get(b.id);
        if (c !== undefined) metrics().liveLag.observe(Math.max(0, b.at + offset - c) / 1000);
      }
    } catch {
      // A dropped connection is handled by onDrop; this sample is simply lost.
    }
  }

  private dispatchAll(signal: LiveSignal): void {
    const targets = new Set<LiveListener>();
    for (const set of this.byTopic.values()) set.forEach((l) => targets.add(l));
    this.seqValue += 1;
    this.deliver(targets, signal);
  }

  private deliver(targets: Set<LiveListener>, signal: LiveSignal): void {
    for (const l of targets) {
      try {
        l(signal);
        this.delivered += 1;
      } catch (err) {
        console.error('[live] subscriber threw', err);
      }
    }
  }
}

type HubStore = { __flockLiveHubs?: Map<string, LiveHub> };

/** The process's hub for `deps.db`'s database (a globalThis singleton, so Next dev HMR never opens a second). */
export function getLiveHub(deps: Pick<Deps, 'db' | 'directUrl'>, opts?: LiveHubOptions): LiveHub {
  const store = globalThis as typeof globalThis & HubStore;
  const hubs = (store.__flockLiveHubs ??= new Map());
  const poolOptions = deps.db.$client.options;
  const key =
    poolOptions.connectionString ??
    `${poolOptions.host ?? ''}:${poolOptions.port ?? ''}/${poolOptions.database ?? ''}`;
  let hub = hubs.get(key);
  if (!hub) {
    const { connectionString, host, port, user, password, database, ssl } = poolOptions;
    // LISTEN needs a session of its own: the direct connection when the pool goes through PgBouncer.
    hub = new LiveHub(
      deps.directUrl
        ? { connectionString: deps.directUrl, ssl }
        : { connectionString, host, port, user, password, database, ssl },
      opts,
    );
    hubs.set(key, hub);
  }
  return hub;
}

/** Closes and forgets the hub for `deps.db` (tests and benchmarks, before dropping their database). */
export async function closeLiveHub(deps: Pick<Deps, 'db'>): Promise<void> {
  const store = globalThis as typeof globalThis & HubStore;
  const hubs = store.__flockLiveHubs;
  if (!hubs) return;
  const hub = getLiveHub(deps);
  for (const [k, h] of hubs) if (h === hub) hubs.delete(k);
  await hub.close();
}
