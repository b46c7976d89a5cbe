// Applies the committed SQL migrations (db/migrations) and graphile-worker's own schema.
// Edit when another component brings its own migrations.
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { makeWorkerUtils } from 'graphile-worker';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from './client';

const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsFolder = path.join(here, 'migrations');

/** Brings the database at `url` to the latest schema; safe to run on every start. */
export async function migrateDatabase(url: string): Promise<void> {
  const db = createDb(url, { max: 2 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await db.$client.end();
  }
  const utils = await makeWorkerUtils({ connectionString: url });
  try {
    await utils.migrate();
  } finally {
    await utils.release();
  }
}
