// The two servers a production deployment puts in front of Flock, started from Debian's packages for the
// multi-instance test and bench:scale: PgBouncer in transaction mode before PostgreSQL, and HAProxy before
// the web instances. Each gets a config file written here and runs in the foreground as a child process.
// Edit when the topology's front changes (another pool mode, another balancing rule).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '@/db/embedded';
import { Service, waitForPort } from './service';

/** Which Debian package provides each binary, for the error a missing one gets. */
const PACKAGES = { pgbouncer: '/usr/sbin/pgbouncer', haproxy: '/usr/sbin/haproxy' } as const;

/** The binary's path, or an error that says which package to install. */
function binary(name: keyof typeof PACKAGES): string {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  const found = onPath || (fs.existsSync(PACKAGES[name]) ? PACKAGES[name] : '');
  if (!found) throw new Error(`${name} is not installed: install Debian's ${name} package (.ci/run does).`);
  return found;
}

/** PgBouncer refuses to run as root; as root it runs as the user the embedded PostgreSQL runs as. */
function unprivilegedUser(): string[] {
  return process.getuid?.() === 0 ? ['-u', 'postgres'] : [];
}

/**
 * Starts PgBouncer on a free port in transaction mode in front of `directUrl` (one database, one user whose
 * password it takes from the URL). Resolves with the pooled URL once it accepts connections.
 */
export async function startPgBouncer(
  dir: string,
  directUrl: string,
  opts: { poolSize: number },
): Promise<{ url: string; service: Service }> {
  const bin = binary('pgbouncer');
  const u = new URL(directUrl);
  const database = u.pathname.slice(1);
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const port = await freePort();
  const ini = path.join(dir, 'pgbouncer.ini');
  const users = path.join(dir, 'userlist.txt');
  fs.writeFileSync(users, `"${user}" "${password}"\n`, { mode: 0o644 });
  fs.writeFileSync(
    ini,
    [
      '[databases]',
      `${database} = host=${u.hostname} port=${u.port} dbname=${database}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = md5',
      `auth_file = ${users}`,
      'pool_mode = transaction',
      `default_pool_size = ${opts.poolSize}`,
      'max_client_conn = 2000',
      // node-postgres sends no startup options PgBouncer does not know, but other clients do.
      'ignore_startup_parameters = extra_float_digits,options',
      // PgBouncer 1.18 keeps no prepared statements across transactions: the app sends only node-postgres's
      // unnamed ones, and a named one would fail here as it would in production.
      // The admin console (SHOW STATS), for the test to see that the app's transactions went through here.
      `admin_users = ${user}`,
      'log_connections = 0',
      'log_disconnections = 0',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  fs.chmodSync(dir, 0o755);
  const service = new Service('pgbouncer', dir, () =>
    spawn(bin, [...unprivilegedUser(), ini], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  await waitForPort(port, service);
  const pooled = new URL(directUrl);
  pooled.port = String(port);
  return { url: pooled.toString(), service };
}

/** How many transactions PgBouncer has passed to `database` so far (its admin console's SHOW STATS). */
export async function pgBouncerTransactions(pooledUrl: string): Promise<number> {
  const admin = new URL(pooledUrl);
  const database = admin.pathname.slice(1);
  admin.pathname = '/pgbouncer';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const r = await client.query<{ database: string; total_xact_count: string }>('SHOW STATS');
    return Number(r.rows.find((row) => row.database === database)?.total_xact_count ?? 0);
  } finally {
    await client.end();
  }
}

/** A web instance the load balancer sends traffic to. */
export type Backend = { name: string; port: number };

/**
 * Starts HAProxy on a free port: round robin over `backends`, each checked on /api/health every 500 ms,
 * a failed connection retried on another instance (so a killed instance costs its open streams a
 * reconnect, never an error page), long-lived SSE streams allowed, and X-Forwarded-For added.
 */
export async function startHaproxy(
  dir: string,
  backends: Backend[],
): Promise<{ url: string; port: number; service: Service; statsUrl: string }> {
  const bin = binary('haproxy');
  const port = await freePort();
  const statsPort = await freePort();
  const cfg = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(
    cfg,
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  option forwardfor',
      '  option redispatch',
      '  retries 3',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      // A live stream is quiet between events: keep it open (the app pings), close it only when idle this long.
      '  timeout tunnel 1h',
      '  timeout http-keep-alive 10s',
      // A busy instance (a join burst on two cores) answers its check late, not never; a killed one refuses
      // at once and is out after three checks, while requests meeting it are redispatched meanwhile.
      '  timeout check 5s',
      'frontend flock',
      `  bind 127.0.0.1:${port}`,
      '  default_backend web',
      'backend web',
      '  balance roundrobin',
      '  option httpchk GET /api/health',
      '  http-check expect status 200',
      '  default-server inter 500ms fall 3 rise 2',
      ...backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check`),
      // HAProxy's own view of each instance (UP, DOWN), for the test to wait on after a restart.
      'listen stats',
      `  bind 127.0.0.1:${statsPort}`,
      '  stats enable',
      '  stats uri /stats',
      '',
    ].join('\n'),
  );
  const check = spawnSync(bin, ['-c', '-f', cfg], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy rejected its config: ${check.stderr || check.stdout}`);
  const service = new Service('haproxy', dir, () =>
    spawn(bin, ['-db', '-f', cfg], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  await waitForPort(port, service);
  return { url: `http://127.0.0.1:${port}`, port, service, statsUrl: `http://127.0.0.1:${statsPort}/stats` };
}

/** Whether HAProxy at `statsUrl` currently sends traffic to backend server `name` (its check says UP). */
export async function balancerSendsTo(statsUrl: string, name: string): Promise<boolean> {
  const csv = await (await fetch(`${statsUrl};csv`)).text();
  // Columns: pxname, svname, ..., status is the 18th.
  return csv.split('\n').some((line) => {
    const cols = line.split(',');
    return cols[0] === 'web' && cols[1] === name && (cols[17] ?? '').startsWith('UP');
  });
}
