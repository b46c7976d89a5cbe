// `npm run db:migrate`: applies the committed migrations to DATABASE_DIRECT_URL (else DATABASE_URL) and
// exits; a production deploy runs it once, to completion, before web instances and workers start
// (docs/DEPLOY.md). Starts nothing local: with neither variable set it says so and fails.
import { getEnv } from '@/server/env';
import { migrateDatabase } from './migrate';

const env = getEnv();
const url = env.DATABASE_DIRECT_URL ?? env.DATABASE_URL;
if (!url) {
  console.error(
    '[flock] set DATABASE_URL (and DATABASE_DIRECT_URL when it goes through PgBouncer) to migrate',
  );
  process.exit(1);
}
try {
  await migrateDatabase(url);
  console.log('[flock] migrations applied');
  process.exit(0);
} catch (err) {
  console.error('[flock] migrations failed:', err instanceof Error ? err.message : err);
  process.exit(1);
}
