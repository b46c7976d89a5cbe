// Prometheus metrics (/metrics) with the maintained prom-client: how joins, closes and payments are doing,
// and the process's own health. One registry per process (a globalThis singleton, so Next dev reloads reuse
// it); each web instance is scraped on its own. Edit when an operator needs another figure.
import client from 'prom-client';
import { sql } from 'drizzle-orm';
import type { Deps } from '@/server/deps';
import { inLogScope, log } from './log';
import { getLiveHub } from '@/server/live/listener';

type Metrics = ReturnType<typeof build>;
type Store = { __flockMetrics?: Metrics };

function build() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'flock_process_' });
  const joins = new client.Counter({
    name: 'flock_joins_total',
    help: 'Join attempts by outcome: authorized, authenticate (3-D Secure), pending (card or wallet to confirm), or the refusal code.',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const joinSeconds = new client.Histogram({
    name: 'flock_join_duration_seconds',
    help: 'Time to answer a join, hold included.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const closes = new client.Counter({
    name: 'flock_closes_total',
    help: 'Groups closed by outcome (won, failed, canceled).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const settlements = new client.Counter({
    name: 'flock_settlements_total',
    help: 'Member settlements by result (captured, released, payment_due, failed, hold_released, nothing_to_do, retry).',
    labelNames: ['result'],
    registers: [registry],
  });
  const jobFailures = new client.Counter({
    name: 'flock_job_failures_total',
    help: 'Job attempts that failed, by task (graphile-worker retries them with backoff).',
    labelNames: ['task'],
    registers: [registry],
  });
  const holds = new client.Counter({
    name: 'flock_holds_total',
    help: "Card holds placed (kind hold) and cards saved for a charge at close (kind saved_card), by outcome: the processor's status, or its failure code.",
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  const captures = new client.Counter({
    name: 'flock_captures_total',
    help: 'Captures of holds (kind hold) and off-session charges of saved cards (kind saved_card), by outcome: captured, or the failure code.',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  const releases = new client.Counter({
    name: 'flock_releases_total',
    help: 'Holds released (canceled, no money moved), by outcome: released, or the failure code.',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const paymentSeconds = new client.Histogram({
    name: 'flock_payment_call_duration_seconds',
    help: 'Time the card processor took to answer, by call (authorize, capture, release, save_card, charge_saved).',
    labelNames: ['call'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const liveLag = new client.Histogram({
    name: 'flock_live_delivery_lag_seconds',
    help: "From the event's transaction (events.created_at, database clock) to this instance handing it to its live subscribers (process clock, corrected by the measured offset).",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    joins,
    joinSeconds,
    closes,
    settlements,
    jobFailures,
    holds,
    captures,
    releases,
    paymentSeconds,
    liveLag,
  };
}

/** The process's metrics. */
export function metrics(): Metrics {
  const store = globalThis as typeof globalThis & Store;
  return (store.__flockMetrics ??= build());
}

type StreamsStore = { __flockStreams?: () => number };

/** Tells the metrics how many live-update (SSE) connections this process holds (its HTTP server's count). */
export function watchStreams(read: () => number): void {
  (globalThis as typeof globalThis & StreamsStore).__flockStreams = read;
  const { registry } = metrics();
  if (registry.getSingleMetric('flock_sse_connections')) return;
  new client.Gauge({
    name: 'flock_sse_connections',
    help: 'Open live-update connections (tRPC over SSE) on this instance.',
    registers: [registry],
    collect() {
      this.set((globalThis as typeof globalThis & StreamsStore).__flockStreams?.() ?? 0);
    },
  });
}

let gaugesFor: Deps['db'] | null = null;

/** Gauges read at scrape time from `deps`: live subscribers, the database pool, the settle queue's lag. */
export function watchDeps(deps: Pick<Deps, 'db'>): void {
  if (gaugesFor === deps.db) return;
  gaugesFor = deps.db;
  const { registry } = metrics();
  for (const name of [
    'flock_live_subscribers',
    'flock_db_pool_connections',
    'flock_settle_queue_lag_seconds',
  ])
    registry.removeSingleMetric(name);
  new client.Gauge({
    name: 'flock_live_subscribers',
    help: 'Live-update subscriptions (SSE streams) held by this instance.',
    registers: [registry],
    collect() {
      this.set(getLiveHub(deps).stats().subscribers);
    },
  });
  new client.Gauge({
    name: 'flock_db_pool_connections',
    help: 'The request pool: connections by state (total, idle, waiting clients).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = deps.db.$client;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new client.Gauge({
    name: 'flock_settle_queue_lag_seconds',
    help: 'Age of the oldest settle-member job that is due and not yet taken (0 when none waits).',
    registers: [registry],
    async collect() {
      const r = await deps.db.execute<{ lag: number | null }>(sql`
        select extract(epoch from now() - min(run_at))::float8 as lag from graphile_worker.jobs
        where task_identifier = 'settle-member' and locked_at is null and run_at <= now()`);
      this.set(r.rows[0]?.lag ?? 0);
    },
  });
}

/**
 * Runs a join: counts it by outcome with its duration, and logs it with the request's id and the member's
 * (the id the settle-member job logs when it charges them).
 */
export async function observeJoin<
  T extends { nextAction: string | null; member: { id: string; status: string } },
>(run: () => Promise<T>, ctx: { requestId: string | null; code: string }): Promise<T> {
  const m = metrics();
  const end = m.joinSeconds.startTimer();
  try {
    // Jobs the join enqueues (close, notifications, expiry) carry its request id.
    const r = await inLogScope({ reqId: ctx.requestId }, run);
    const outcome =
      r.member.status === 'authorized'
        ? 'authorized'
        : r.nextAction === 'authenticate'
          ? 'authenticate'
          : 'pending';
    m.joins.inc({ outcome });
    log().info(
      { reqId: ctx.requestId, group: ctx.code, memberId: r.member.id, outcome, seconds: end() },
      'join',
    );
    return r;
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : 'error';
    m.joins.inc({ outcome: code.toLowerCase() });
    log().info(
      { reqId: ctx.requestId, group: ctx.code, outcome: code.toLowerCase(), seconds: end() },
      'join refused',
    );
    throw err;
  }
}
