// Starts graphile-worker on the app's PostgreSQL, with a liveness registry so jobs held by a crashed
// process are unlocked within seconds instead of graphile-worker's 4 hours. Edit when worker options change.
// Runs inside the Next server by default (instrumentation.ts) and as its own process with `npm run worker`.
//
// How it works: each runner keeps one connection open holding a session advisory lock
// (LIVENESS_NAMESPACE, lockKey) and lists its graphile pool and worker ids (what jobs.locked_by holds) in worker_runners. PostgreSQL releases
// that lock the moment the process dies (its socket closes), so "row present, lock not held" means dead.
// Every runner sweeps on start and every few seconds: dead runners' worker ids go to
// graphile_worker.force_unlock_workers and their rows are deleted. Jobs locked by an id no live runner
// owns (an older process that never registered) are unlocked once their lock is older than 30 s.
import { EventEmitter } from 'node:events';
import { randomBytes, randomInt } from 'node:crypto';
import os from 'node:os';
import { Logger, run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';

// graphile-worker's info chatter (worker started, job completed) drowns the server log; keep warnings and errors.
const quietLogger = new Logger((scope) => (level, message) => {
  if (level === 'error' || level === 'warning')
    console.error(
      `[worker] ${level}: ${message}`,
      scope.taskIdentifier ? `(task ${scope.taskIdentifier}, job ${scope.jobId ?? '?'})` : '',
    );
});

/** Advisory-lock classid reserved for worker liveness ("FLOC"). */
export const LIVENESS_NAMESPACE = 0x464c4f43;
const UNREGISTERED_LOCK_GRACE_SECONDS = 30;

export type WorkerHandle = {
  runnerId: string;
  runner: Runner;
  /** Unlocks jobs held by dead runners now; returns the worker ids it unlocked. */
  sweep(): Promise<string[]>;
  /** Waits for running jobs, then deregisters. */
  stop(): Promise<void>;
};

/** Unlocks jobs locked by workers of runners that are gone; safe to run from any number of live runners at once. */
export async function sweepDeadWorkers(pool: pg.Pool): Promise<string[]> {
  const r = await pool.query<{ ids: string[] | null }>(
    `with live_locks as (
       select objid::bigint as lock_key from pg_locks
       where locktype = 'advisory' and granted and classid::bigint = $1 and objsubid = 2
         and database = (select oid from pg_database where datname = current_database())
     ),
     dead as (
       delete from worker_runners r
       where r.lock_key not in (select lock_key from live_locks)
       returning r.worker_ids
     ),
     live_ids as (
       select unnest(worker_ids) as id from worker_runners where lock_key in (select lock_key from live_locks)
     ),
     orphans as (
       select distinct j.locked_by as id from graphile_worker.jobs j
       where j.locked_by is not null
         and j.locked_at < now() - make_interval(secs => $2)
         and j.locked_by not in (select id from live_ids)
     ),
     ids as (
       select unnest(worker_ids) as id from dead
       union select id from orphans
     )
     select array_agg(id) as ids from ids`,
    [LIVENESS_NAMESPACE, UNREGISTERED_LOCK_GRACE_SECONDS],
  );
  const ids = r.rows[0]?.ids ?? [];
  if (ids.length > 0) await pool.query('select graphile_worker.force_unlock_workers($1::text[])', [ids]);
  return ids;
}

async function holdLivenessLock(client: pg.PoolClient): Promise<number> {
  for (;;) {
    const key = randomInt(1, 2 ** 31 - 1);
    const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [
      LIVENESS_NAMESPACE,
      key,
    ]);
    if (r.rows[0]?.ok) return key;
  }
}

export type WorkerOptions = {
  concurrency?: number;
  pollInterval?: number;
  sweepIntervalMs?: number;
  /** graphile-worker crontab lines for recurring tasks ('' = none). */
  crontab?: string;
  /** Told of every failed job attempt (metrics); graphile-worker retries it with backoff. */
  onJobFailed?: (task: string) => void;
};

/** Starts a worker running `taskList` on `pool`; `stop()` shuts it down gracefully. */
export async function startWorker(
  pool: pg.Pool,
  taskList: TaskList,
  opts: WorkerOptions = {},
): Promise<WorkerHandle> {
  // An idle client that loses its server must not crash the process (graphile-worker asks for this handler).
  if (pool.listeners('connect').length === 0) {
    pool.on('connect', (client) =>
      client.on('error', (err) => console.error('[db] client error', err.message)),
    );
  }
  const liveness = await pool.connect();
  let lost = false;
  const self: { handle?: WorkerHandle } = {};
  liveness.on('error', (err) => {
    lost = true;
    console.error('[worker] liveness connection lost; stopping so other workers can take over', err.message);
    void self.handle?.stop().catch(() => {});
  });
  const runnerId = `runner-${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const lockKey = await holdLivenessLock(liveness);
  // The lock is taken before the row exists, so a sweeper never sees this row without its lock.
  await liveness.query('insert into worker_runners (id, lock_key, pid, hostname) values ($1, $2, $3, $4)', [
    runnerId,
    lockKey,
    process.pid,
    os.hostname(),
  ]);
  await sweepDeadWorkers(pool);

  const events = new EventEmitter() as WorkerEvents;
  // One query at a time on the liveness connection (pg clients do not pipeline).
  let registering: Promise<unknown> = Promise.resolve();
  const register = (lockerId: string) => {
    registering = registering.then(() =>
      liveness.query('update worker_runners set worker_ids = array_append(worker_ids, $2) where id = $1', [
        runnerId,
        lockerId,
      ]),
    );
  };
  // Jobs are locked under the pool's id (batched fetch) or a worker's id, depending on graphile-worker's mode.
  events.on('pool:create', ({ workerPool }) => register(workerPool.id));
  events.on('worker:create', ({ worker }) => register(worker.workerId));
  const onFailed = opts.onJobFailed;
  if (onFailed) events.on('job:error', ({ job }) => onFailed(job.task_identifier));
  const runner = await run({
    pgPool: pool,
    taskList,
    crontab: opts.crontab ?? '',
    concurrency: opts.concurrency ?? 10,
    pollInterval: opts.pollInterval ?? 1000,
    noHandleSignals: true,
    logger: quietLogger,
    events,
  });
  await registering;

  const timer = setInterval(() => {
    sweepDeadWorkers(pool).catch((err: unknown) => console.error('[worker] sweep failed', err));
  }, opts.sweepIntervalMs ?? 10_000);
  timer.unref();

  let stopping: Promise<void> | undefined;
  const handle: WorkerHandle = {
    runnerId,
    runner,
    sweep: () => sweepDeadWorkers(pool),
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await runner.stop().catch(() => {});
        if (!lost) {
          await liveness.query('delete from worker_runners where id = $1', [runnerId]).catch(() => {});
          await liveness
            .query('select pg_advisory_unlock($1, $2)', [LIVENESS_NAMESPACE, lockKey])
            .catch(() => {});
        }
        liveness.release(true);
      })();
      return stopping;
    },
  };
  self.handle = handle;
  return handle;
}
