// Task close-group: closes a group at its deadline, or at once when it fills ({ groupId, reason: 'full' }).
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { parseTaskPayload } from '@/server/jobs/task-payloads';
import { closeGroup } from '@/server/groups/close-group';

/** The close-group task bound to `deps`; a group that is no longer open makes it a no-op. */
export function closeGroupTask(deps: Deps): Task<'close-group'> {
  return async (raw) => {
    const { groupId, reason } = parseTaskPayload('close-group', raw);
    await closeGroup(deps, groupId, reason);
  };
}
