// The task list: add one line per task file. Edit when a task is added.
import type { TaskList } from 'graphile-worker';
import type { Deps } from '../deps';
import { closeGroupTask } from './close-group';
import { expireReservationTask } from './expire-reservation';
import { settleMemberTask } from './settle-member';

/** Every task the worker runs, bound to the given dependencies. */
export function buildTaskList(deps: Deps): TaskList {
  return {
    'close-group': closeGroupTask(deps),
    'expire-reservation': expireReservationTask(deps),
    'settle-member': settleMemberTask(deps),
  };
}
