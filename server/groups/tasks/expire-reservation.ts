// Task expire-reservation: gives back a seat whose card hold never came back ({ memberId }).
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { parseTaskPayload } from '@/server/jobs/task-payloads';
import { expireReservation } from '@/server/groups/expire-reservation';

/** The expire-reservation task bound to `deps`; a member no longer reserved makes it a no-op. */
export function expireReservationTask(deps: Deps): Task<'expire-reservation'> {
  return async (raw) => {
    const { memberId } = parseTaskPayload('expire-reservation', raw);
    await expireReservation(deps, memberId);
  };
}
