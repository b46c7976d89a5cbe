// The rooms area's tasks and their schedule; server/tasks.ts composes every area's list for the worker.
// Edit when the area gains a task.
import type { Deps } from '@/server/deps';
import { roomsPurgeTask } from './purge';

/** The rooms tasks bound to `deps`. */
export function roomTasks(deps: Deps) {
  return { 'rooms-purge': roomsPurgeTask(deps) };
}

/** graphile-worker crontab lines for the recurring rooms tasks (the purge at minute 17 of each hour). */
export const ROOM_CRONTAB = ['17 * * * * rooms-purge'];
