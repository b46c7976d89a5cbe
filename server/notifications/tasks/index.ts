// The notifications area's tasks and their schedule; server/tasks.ts composes every area's list for the
// worker. Edit when the area gains a task.
import type { Deps } from '@/server/deps';
import { closingSoonTask } from './closing-soon';
import { dailySummaryTask } from './daily-summary';
import { sendNotificationTask } from './send-notification';

/** The notifications tasks bound to `deps`. */
export function notificationTasks(deps: Deps) {
  return {
    'send-notification': sendNotificationTask(deps),
    'notify-closing-soon': closingSoonTask(deps),
    'notify-daily-summary': dailySummaryTask(deps),
  };
}

/** graphile-worker crontab lines for the recurring notification tasks. */
export const NOTIFICATION_CRONTAB = ['* * * * * notify-closing-soon', '0 * * * * notify-daily-summary'];
