// The task list: add one line per task file. Edit when a task is added.
import type { TaskList } from 'graphile-worker';
import type { Deps } from '../deps';
import { expireReservationTask } from './expire-reservation';

/** Every task the worker runs, bound to the given dependencies. */
export function buildTaskList(deps: Deps): TaskList {
  return {
    'expire-reservation': expireReservationTask(deps),
  };
}
