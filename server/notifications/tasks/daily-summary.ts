// Task notify-daily-summary (cron, hourly): plans each merchant's daily summary when it is the summary
// hour in their time zone.
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { planDailySummaries } from '../plan-daily-summaries';

/** The notify-daily-summary task bound to `deps`. */
export function dailySummaryTask(deps: Deps): Task<'notify-daily-summary'> {
  return async () => {
    await planDailySummaries(deps);
  };
}
