// Task settle-commission: pays a helper-seller's commission after the refund window, or takes back what a refund made no longer owed ({ commissionId }).
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { parseTaskPayload } from '@/server/jobs/task-payloads';
import { settleCommission } from '@/server/payouts/settle-commission';

/** The settle-commission task bound to `deps`; a Stripe failure throws so graphile-worker retries with backoff. */
export function settleCommissionTask(deps: Deps): Task<'settle-commission'> {
  return async (raw) => {
    const { commissionId } = parseTaskPayload('settle-commission', raw);
    await settleCommission(deps, commissionId);
  };
}
