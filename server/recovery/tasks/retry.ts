// Task recovery-retry: the one automatic retry of a soft-declined saved card ({ memberId }).
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { parseTaskPayload } from '@/server/jobs/task-payloads';
import { retryDue } from '../retry-due';

/** The recovery-retry task bound to `deps`. */
export function recoveryRetryTask(deps: Deps): Task<'recovery-retry'> {
  return async (raw) => {
    const { memberId } = parseTaskPayload('recovery-retry', raw);
    await retryDue(deps, memberId);
  };
}
