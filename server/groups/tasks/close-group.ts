// Task close-group: closes a group at its deadline, or at once when it fills ({ groupId, reason: 'full' }).
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { Deps } from '../deps';
import { closeGroup } from '../groups/close-group';

const payload = z.object({ groupId: z.uuid(), reason: z.enum(['deadline', 'full']).default('deadline') });

/** The close-group task bound to `deps`; a group that is no longer open makes it a no-op. */
export function closeGroupTask(deps: Deps): Task {
  return async (raw) => {
    const { groupId, reason } = payload.parse(raw);
    await closeGroup(deps, groupId, reason);
  };
}
