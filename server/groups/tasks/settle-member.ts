// Task settle-member: captures or releases one member's hold after their group closed ({ memberId }).
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { Deps } from '../deps';
import { settleMember } from '../groups/settle-member';

const payload = z.object({ memberId: z.uuid() });

/** The settle-member task bound to `deps`; a retryable Stripe failure throws so graphile-worker retries with backoff. */
export function settleMemberTask(deps: Deps): Task {
  return async (raw) => {
    const { memberId } = payload.parse(raw);
    await settleMember(deps, memberId);
  };
}
