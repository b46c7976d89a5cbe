// The one choice of the secret that signs sessions and Flock's own links (unsubscribe): BETTER_AUTH_SECRET,
// or in development and tests a fixed development secret. Edit when the secret moves (a key service).
import { getEnv } from '@/server/env';

const DEVELOPMENT_SECRET = 'flock-development-secret-not-for-production';

/** The auth secret; undefined in production when BETTER_AUTH_SECRET is unset (better-auth then refuses to start). */
export function authSecret(): string | undefined {
  const env = getEnv();
  return env.BETTER_AUTH_SECRET ?? (env.NODE_ENV === 'production' ? undefined : DEVELOPMENT_SECRET);
}
