// The groups area's tasks, one line per task file; server/tasks.ts composes every area's list for the
// worker. Edit when the area gains a task.
import type { Deps } from '@/server/deps';
import { closeGroupTask } from './close-group';
import { expireReservationTask } from './expire-reservation';
import { settleMemberTask } from './settle-member';

/** The groups tasks bound to `deps`. */
export function groupTasks(deps: Deps) {
  return {
    'close-group': closeGroupTask(deps),
    'expire-reservation': expireReservationTask(deps),
    'settle-member': settleMemberTask(deps),
  };
}
