// The deal schemas as this server applies them: deal-input.ts's rules with the shortest window read from
// the environment. Server code imports these; forms import deal-input.ts and pass their own DealRules.
// Edit when a deal rule comes to depend on another setting.
import { getEnv } from '@/server/env';
import { DEFAULT_MIN_WINDOW_SECONDS, dealSchemas } from './deal-input';

/** The shortest window allowed in this process: 60 s, or less when FLOCK_MIN_WINDOW_SECONDS says so. */
export function minWindowSeconds(): number {
  return Math.min(
    DEFAULT_MIN_WINDOW_SECONDS,
    getEnv().FLOCK_MIN_WINDOW_SECONDS ?? DEFAULT_MIN_WINDOW_SECONDS,
  );
}

/** Create (`dealInputSchema`) and whole-deal (`dealValuesSchema`) checks with this server's window floor. */
export const { dealInputSchema, dealValuesSchema } = dealSchemas({ minWindowSeconds });
