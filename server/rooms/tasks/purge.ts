// Task rooms-purge (cron, hourly): deletes the messages of rooms past their retention (purgeRooms).
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { purgeRooms } from '../purge-rooms';

/** The rooms-purge task bound to `deps`. */
export function roomsPurgeTask(deps: Deps): Task<'rooms-purge'> {
  return async () => {
    await purgeRooms(deps);
  };
}
