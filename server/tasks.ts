// The worker's task list, composed from each area's tasks as the tRPC root composes routers; the one place
// that binds server/jobs (the queue) to the areas. Edit when an area gains a task list.
import type { Task, TaskList } from 'graphile-worker';
import pg from 'pg';
import type { Deps } from './deps';
import { groupTasks } from './groups/tasks';
import { NOTIFICATION_CRONTAB, notificationTasks } from './notifications/tasks';
import { payoutTasks } from './payouts/tasks';
import { recoveryTasks } from './recovery/tasks';
import { ROOM_CRONTAB, roomTasks } from './rooms/tasks';
import { startWorker, type WorkerHandle, type WorkerOptions } from './jobs/worker';
import { inLogScope, log } from './ops/log';
import { metrics } from './ops/metrics';
import { instrumentPayments } from './ops/payment-metrics';
import { payloadRequestId, type TaskName } from './jobs/task-payloads';

/**
 * `task` run in its job's log scope: log() is a child logger naming the task, the job and the request that
 * caused it, and jobs it enqueues carry that request id on. A failed attempt writes a "job failed" line.
 */
function traced<N extends TaskName>(name: N, task: Task<N>): Task<N> {
  return (payload, helpers) => {
    const reqId = payloadRequestId(payload);
    const logger = log().child({ task: name, jobId: helpers.job.id, ...(reqId ? { reqId } : {}) });
    return inLogScope({ reqId, logger }, async () => {
      try {
        return await task(payload, helpers);
      } catch (err) {
        logger.warn(
          {
            attempt: helpers.job.attempts,
            maxAttempts: helpers.job.max_attempts,
            err: err instanceof Error ? err.message : String(err),
          },
          'job failed',
        );
        throw err;
      }
    });
  };
}

type Tasks = { [N in TaskName]: Task<N> };

/** Replaces `list[name]` with its traced task. */
function trace<N extends TaskName>(list: Tasks, name: N): void {
  // TypeScript cannot write through a generic key of a mapped type; the task is list[name]'s own type.
  list[name] = traced(name, list[name]) as Tasks[N];
}

/** Every task the worker runs, bound to `deps` (a task per declared name: the type checks none is missing). */
export function buildTaskList(deps: Deps): TaskList & Record<TaskName, unknown> {
  const list: Tasks = {
    ...groupTasks(deps),
    ...notificationTasks(deps),
    ...roomTasks(deps),
    ...recoveryTasks(deps),
    ...payoutTasks(deps),
  };
  for (const name of Object.keys(list) as TaskName[]) trace(list, name);
  return list;
}

/**
 * Starts a job worker on `deps`' database running every task. The worker holds a session (its liveness lock,
 * LISTEN for new jobs), so with `deps.directUrl` it gets a pool of its own on the direct connection; its
 * tasks still query through `deps.db`.
 */
export async function startAppWorker(deps: Deps, opts: WorkerOptions = {}): Promise<WorkerHandle> {
  const direct = deps.directUrl ? new pg.Pool({ connectionString: deps.directUrl, max: 12 }) : null;
  direct?.on('error', (err) => console.error('[worker] direct pool error', err.message));
  // The worker's captures and releases are counted even where deps' port is not (tests' deps).
  const counted = { ...deps, payments: instrumentPayments(deps.payments) };
  const handle = await startWorker(direct ?? deps.db.$client, buildTaskList(counted), {
    crontab: [...NOTIFICATION_CRONTAB, ...ROOM_CRONTAB].join('\n'),
    onJobFailed: (task) => metrics().jobFailures.inc({ task }),
    ...opts,
  });
  if (!direct) return handle;
  return { ...handle, stop: () => handle.stop().finally(() => direct.end()) };
}
