// Starts graphile-worker on the app's PostgreSQL. Edit when worker options change.
// Runs inside the Next server by default (instrumentation.ts) and as its own process with `npm run worker`.
import { run, type Runner } from 'graphile-worker';
import type { Deps } from '../deps';
import { buildTaskList } from './tasks';

/** Starts a worker for `deps`; resolve `stop()` to shut it down gracefully. */
export async function startWorker(deps: Deps, opts: { concurrency?: number; pollInterval?: number } = {}): Promise<Runner> {
  return run({
    pgPool: deps.db.$client,
    taskList: buildTaskList(deps),
    concurrency: opts.concurrency ?? 10,
    pollInterval: opts.pollInterval ?? 1000,
    noHandleSignals: true,
    logger: undefined,
  });
}
