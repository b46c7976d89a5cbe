// The recovery area's tasks (fix your payment: lapse and retry); server/tasks.ts composes every area's
// list for the worker. Edit when the area gains a task.
import type { Deps } from '@/server/deps';
import { recoveryLapseTask } from './lapse';
import { recoveryRetryTask } from './retry';

/** The recovery tasks bound to `deps`. */
export function recoveryTasks(deps: Deps) {
  return {
    'recovery-lapse': recoveryLapseTask(deps),
    'recovery-retry': recoveryRetryTask(deps),
  };
}
