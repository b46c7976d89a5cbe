// Task recovery-lapse: ends a payment due at its due_until ({ memberId }).
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { parseTaskPayload } from '@/server/jobs/task-payloads';
import { lapseDue } from '../lapse-due';

/** The recovery-lapse task bound to `deps`; a retryable Stripe failure throws so graphile-worker retries. */
export function recoveryLapseTask(deps: Deps): Task<'recovery-lapse'> {
  return async (raw) => {
    const { memberId } = parseTaskPayload('recovery-lapse', raw);
    await lapseDue(deps, memberId);
  };
}
