// The worker's task list, composed from each area's tasks as the tRPC root composes routers; the one place
// that binds server/jobs (the queue) to the areas. Edit when an area gains a task list.
import type { TaskList } from 'graphile-worker';
import pg from 'pg';
import type { Deps } from './deps';
import { groupTasks } from './groups/tasks';
import { NOTIFICATION_CRONTAB, notificationTasks } from './notifications/tasks';
import { payoutTasks } from './payouts/tasks';
import { recoveryTasks } from './recovery/tasks';
import { ROOM_CRONTAB, roomTasks } from './rooms/tasks';
import { startWorker, type WorkerHandle, type WorkerOptions } from './jobs/worker';
import { metrics } from './ops/metrics';
import type { TaskName } from './jobs/task-payloads';

/** Every task the worker runs, bound to `deps` (a task per declared name: the type checks none is missing). */
export function buildTaskList(deps: Deps): TaskList & Record<TaskName, unknown> {
  return {
    ...groupTasks(deps),
    ...notificationTasks(deps),
    ...roomTasks(deps),
    ...recoveryTasks(deps),
    ...payoutTasks(deps),
  };
}

/**
 * Starts a job worker on `deps`' database running every task. The worker holds a session (its liveness lock,
 * LISTEN for new jobs), so with `deps.directUrl` it gets a pool of its own on the direct connection; its
 * tasks still query through `deps.db`.
 */
export async function startAppWorker(deps: Deps, opts: WorkerOptions = {}): Promise<WorkerHandle> {
  const direct = deps.directUrl ? new pg.Pool({ connectionString: deps.directUrl, max: 12 }) : null;
  direct?.on('error', (err) => console.error('[worker] direct pool error', err.message));
  const handle = await startWorker(direct ?? deps.db.$client, buildTaskList(deps), {
    crontab: [...NOTIFICATION_CRONTAB, ...ROOM_CRONTAB].join('\n'),
    onJobFailed: (task) => metrics().jobFailures.inc({ task }),
    ...opts,
  });
  if (!direct) return handle;
  return { ...handle, stop: () => handle.stop().finally(() => direct.end()) };
}
