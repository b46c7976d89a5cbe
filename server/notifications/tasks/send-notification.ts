// Task send-notification: delivers one outbox row ({ id }); a transient failure throws so graphile-worker
// retries with backoff, and the last attempt marks the row failed.
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { parseTaskPayload } from '@/server/jobs/task-payloads';
import { sendNotification } from '../send-notification';

/** The send-notification task bound to `deps`. */
export function sendNotificationTask(deps: Deps): Task<'send-notification'> {
  return async (raw, helpers) => {
    const { id } = parseTaskPayload('send-notification', raw);
    const last = helpers.job.attempts >= helpers.job.max_attempts;
    const r = await sendNotification(deps, id, last);
    if (r.done === 'retry') throw new Error(`notification ${id}: ${r.error}`);
  };
}
