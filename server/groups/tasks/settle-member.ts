// Task settle-member: captures or releases one member's hold after their group closed ({ memberId }).
// Its log lines come from the job's child logger (server/tasks.ts), which names the task, job and request.
import type { Task } from 'graphile-worker';
import type { Deps } from '@/server/deps';
import { parseTaskPayload } from '@/server/jobs/task-payloads';
import { settleMember } from '@/server/groups/settle-member';
import { log } from '@/server/ops/log';
import { metrics } from '@/server/ops/metrics';

/** The settle-member task bound to `deps`; a retryable Stripe failure throws so graphile-worker retries with backoff. */
export function settleMemberTask(deps: Deps): Task<'settle-member'> {
  return async (raw) => {
    const { memberId } = parseTaskPayload('settle-member', raw);
    try {
      const result = await settleMember(deps, memberId);
      metrics().settlements.inc({ result });
      log().info({ memberId, result }, 'settled');
    } catch (err) {
      metrics().settlements.inc({ result: 'retry' });
      log().warn({ memberId, err: err instanceof Error ? err.message : String(err) }, 'settle retried');
      throw err;
    }
  };
}
