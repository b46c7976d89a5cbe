// Task notify-closing-soon (cron, every minute): plans the 24-hour and 3-hour reminders of open groups
// whose moment has come, while another bracket can still be reached or the minimum is not met.
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { planClosingSoon } from '../plan-closing-soon';

/** The notify-closing-soon task bound to `deps`. */
export function closingSoonTask(deps: Deps): Task<'notify-closing-soon'> {
  return async () => {
    await planClosingSoon(deps);
  };
}
