// Flock scaled out on one machine, started by the project's own code for the multi-instance test
// (test/scale) and `npm run bench:scale`: an embedded PostgreSQL, PgBouncer in transaction mode in front of
// it, the Stripe emulator in its own process, N web instances (`tools/server.ts start` without a worker,
// their request pool through PgBouncer, LISTEN on the direct connection) behind HAProxy, and M job workers
// (`server/worker-main.ts`, pool through PgBouncer, liveness lock and job LISTEN direct). Every process is
// real and separate; each can be killed and restarted. Needs a production build in `distDir`
// (`next build`). Edit when the production topology gains a part.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '@/db/client';
import { freePort, startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { vapidKeysInFolder } from '@/server/notifications/vapid';
import { registerEmulatorWebhook } from '@/server/payments/register-emulator-webhook';
import { createStripeClient } from '@/server/payments/stripe-client';
import { processEnv } from '../process-env';
import { startEmulatorProcess } from '../bench/emulator-process';
import { balancerSendsTo, startHaproxy, startPgBouncer } from './front-services';
import { Service, waitForHttp } from './service';

export type WebInstance = { service: Service; port: number; url: string };

export type Topology = {
  /** The load balancer's address: what a browser would open. */
  url: string;
  /** PostgreSQL itself (for the test's own checks and setup). */
  directUrl: string;
  /** PgBouncer's address (what the app's request pools use). */
  pooledUrl: string;
  emulatorUrl: string;
  /** Bearer token for each instance's /metrics. */
  metricsToken: string;
  webs: WebInstance[];
  workers: Service[];
  /** A pool on the direct connection for the test's own queries. */
  db: Db;
  /** Waits until `n` workers hold their liveness lock. */
  waitForWorkers(n: number): Promise<void>;
  /** Starts web instance `i` again after a kill; resolves when the load balancer sends it traffic again. */
  restartWeb(i: number): Promise<void>;
  /** Every process's log tail, for a failing test's message. */
  logs(): string;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the whole topology; on failure stops what it had started and rethrows. */
export async function startTopology(opts: {
  webs: number;
  workers: number;
  distDir: string;
  /** fsync off (tests); benchmarks keep production durability. */
  fast?: boolean;
  logLevel?: string;
  /** PgBouncer's server connections (default 20). */
  poolSize?: number;
}): Promise<Topology> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-topology-'));
  fs.chmodSync(dir, 0o755);
  const stops: Array<() => Promise<void>> = [];
  const services: Service[] = [];
  const stopAll = async () => {
    for (const s of [...services].reverse()) await s.kill('SIGTERM').catch(() => {});
    for (const s of stops.reverse()) await s().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      database: 'flock',
      persistent: false,
      quiet: true,
      fast: opts.fast,
    });
    stops.push(() => pg.stop());
    await migrateDatabase(pg.url);
    const db = createDb(pg.url, { max: 10 });
    stops.push(() => db.$client.end());

    const bouncer = await startPgBouncer(dir, pg.url, { poolSize: opts.poolSize ?? 20 });
    services.push(bouncer.service);
    const emulator = await startEmulatorProcess();
    stops.push(() => emulator.stop());

    const ports = await Promise.all(Array.from({ length: opts.webs }, () => freePort()));
    const lb = await startHaproxy(
      dir,
      ports.map((port, i) => ({ name: `web${i + 1}`, port })),
    );
    services.push(lb.service);

    const webhookSecret = await registerEmulatorWebhook(
      `${lb.url}/api/stripe/webhook`,
      createStripeClient({ emulatorUrl: emulator.url }),
    );
    const vapid = vapidKeysInFolder(dir);
    const metricsToken = randomBytes(16).toString('hex');
    const env: NodeJS.ProcessEnv = {
      ...processEnv(),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      FLOCK_DIST_DIR: opts.distDir,
      FLOCK_DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: bouncer.url,
      DATABASE_DIRECT_URL: pg.url,
      STRIPE_EMULATOR_URL: emulator.url,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_MAX_RPS: '100',
      BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
      APP_URL: lb.url,
      // HAProxy (and the load generator standing in for phones behind it) is on loopback.
      TRUSTED_PROXIES: '127.0.0.1,::1',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      METRICS_TOKEN: metricsToken,
      LOG_LEVEL: opts.logLevel ?? 'info',
      FLOCK_NO_WORKER: '1',
    };
    delete env.FLOCK_TEST_MODE;

    const webs: WebInstance[] = ports.map((port, i) => {
      const service = new Service(`web${i + 1}`, dir, () =>
        spawn(process.execPath, ['--import', 'tsx', path.join('tools', 'server.ts'), 'start'], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...env, PORT: String(port) },
        }),
      );
      services.push(service);
      return { service, port, url: `http://127.0.0.1:${port}` };
    });
    await Promise.all(webs.map((w) => waitForHttp(`${w.url}/api/health`, w.service)));

    const workers = Array.from({ length: opts.workers }, (_, i) => {
      const service = new Service(`worker${i + 1}`, dir, () =>
        spawn(process.execPath, ['--import', 'tsx', path.join('server', 'worker-main.ts')], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env,
        }),
      );
      services.push(service);
      return service;
    });

    const waitForWorkers = async (n: number) => {
      for (let i = 0; i < 600; i++) {
        const r = await db.execute<{ n: number }>(sql`
          select count(*)::int as n from worker_runners where lock_key in (
            select objid::bigint from pg_locks where locktype = 'advisory' and granted and objsubid = 2)`);
        if ((r.rows[0]?.n ?? 0) >= n) return;
        const dead = workers.find((w) => !w.running);
        if (dead && i > 0 && n > workers.filter((w) => w.running).length)
          throw new Error(`${dead.name} is not running:\n${dead.tail()}`);
        await sleep(100);
      }
      throw new Error(`${n} workers did not start within 60 s`);
    };
    await waitForWorkers(opts.workers);
    // HAProxy marks an instance up after two good checks: wait until it sends traffic to every one.
    const waitForBalancer = async (name: string) => {
      for (let i = 0; i < 300; i++) {
        if (await balancerSendsTo(lb.statsUrl, name)) return;
        await sleep(100);
      }
      throw new Error(`HAProxy did not take ${name} back within 30 s:\n${lb.service.tail()}`);
    };
    for (let i = 0; i < webs.length; i++) await waitForBalancer(`web${i + 1}`);

    return {
      url: lb.url,
      directUrl: pg.url,
      pooledUrl: bouncer.url,
      emulatorUrl: emulator.url,
      metricsToken,
      webs,
      workers,
      db,
      waitForWorkers,
      async restartWeb(i) {
        const w = webs[i];
        if (!w) throw new Error(`no web instance ${i}`);
        w.service.restart();
        await waitForHttp(`${w.url}/api/health`, w.service);
        await waitForBalancer(`web${i + 1}`);
      },
      logs: () => services.map((s) => `--- ${s.name}\n${s.tail(25)}`).join('\n'),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
