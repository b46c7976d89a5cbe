import type { Deps } from '@/server/deps';
import { getEnv } from '@/server/env';
import type { FeeSchedule } from '@/server/pricing';

/** The platform's fee schedule: the deps' own (tests) or the environment's. */
export function feeSchedule(deps: Pick<Deps, 'fees'>): FeeSchedule {
  if (deps.fees) return deps.fees;
  const env = getEnv();
  return { bps: env.PLATFORM_FEE_BPS, fixed: env.PLATFORM_FEE_FIXED };
}
