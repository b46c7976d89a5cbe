// The payouts area's tasks, one line per task file; server/tasks.ts composes every area's list. Edit when the area gains a task.
import type { Deps } from '@/server/deps';
import { settleCommissionTask } from './settle-commission';

/** The payouts tasks bound to `deps`. */
export function payoutTasks(deps: Deps) {
  return { 'settle-commission': settleCommissionTask(deps) };
}
