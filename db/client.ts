// Database access: a pg Pool wrapped by drizzle. Edit when pool settings change.
// The connection string comes from DATABASE_URL; with it unset the app's scripts start an embedded
// PostgreSQL (db/embedded.ts) and set DATABASE_URL for the processes they launch.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';
import { getEnv } from '@/server/env';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle, or the database itself, for functions that work in either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** Opens a pool on `url` and wraps it with drizzle. */
export function createDb(url: string, opts: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 20 });
  pool.on('error', (err) => console.error('[db] idle client error', err.message));
  return drizzle(pool, { schema }) as Db;
}

let shared: Db | undefined;

/** The process-wide database from DATABASE_URL. */
export function getDb(): Db {
  if (shared) return shared;
  const url = getEnv().DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which start an embedded PostgreSQL.',
    );
  }
  shared = createDb(url);
  return shared;
}
