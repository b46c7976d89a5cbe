// `npm run bench:http`: what the web layer costs, in ONE run on one server, as ratios (a shared 2-core
// machine makes absolute figures noisy). Starts production as a deployment runs it (tools/dev.ts's steps:
// database, emulator, migrate, seed, webhook, then tools/server.ts start with FLOCK_NO_WORKER=1 and
// server/worker-main.ts beside it; `--one-process` keeps the worker in the server as `npm start` does) but
// with its own everything: an embedded PostgreSQL and FLOCK_DATA_DIR in a temp folder, the Stripe emulator
// in its own process, a free PORT, and its own build folder (FLOCK_DIST_DIR, default .next-bench, built
// with `next build` when it has no build yet or when `--build` is given; pass --build after changing the
// app). Then it measures:
//   pages  autocannon, BENCH_CONNECTIONS (32) connections, BENCH_SECONDS (10) s each, BENCH_ROUNDS (2)
//          rounds alternating: /g/<code> (a seeded open group, a phone's browser, signed out), the sign-up
//          page (mostly static), the home page and /api/health;
//   joins  fresh guests over HTTP (better-auth anonymous sign-in, then groups.join with the demo card),
//          64 in flight, each guest from its own address (X-Forwarded-For from a trusted proxy, as behind a
//          load balancer: the per-address sign-in limit is per person, not per benchmark), against
//          joinGroup called in this process on the same database and the same emulator process, on a group
//          of the same shape;
// Each row carries the CPU ms per request or join by process (server, worker, postgres, emulator, bench:
// the load generator and the in-process joins; Linux), which says what bounds a figure on a small machine.
// Prints one JSON line per measurement and a last line {page_ratio, join_ratio, ...}. BENCH_CPU_PROF=DIR
// writes the server's V8 CPU profile to DIR (open it in Chrome DevTools, or `npm run measure:cpu-top --
// FILE`). `--serve` starts the same server and keeps it up, printing its URLs (for measure:lighthouse and
// measure:first-load). Edit when a goal of issue 12 gains a measurement.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { freePort, startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { user } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { joinGroup } from '@/server/groups/join-group';
import { makeGroup, VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createStripePayments } from '@/server/payments/stripe-payments';
import { setEnv, processEnv } from '../process-env';
import { startEmulatorProcess } from './emulator-process';
import { joinOverHttp } from './http-shopper';
import { cpuSnapshot } from './process-cpu';
import { buildIfNeeded, joinLoad, LOAD, pageLoad, type PageRow, round } from './load';
import { createTeardown, runBench } from './teardown';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const {
  seconds: SECONDS,
  connections: CONNECTIONS,
  joinInFlight: JOIN_IN_FLIGHT,
  joinSeconds: JOIN_SECONDS,
  distDir: DIST_DIR,
} = LOAD;
const FORCE_BUILD = process.argv.includes('--build');
const CPU_PROF = process.env.BENCH_CPU_PROF;
/** `--serve`: start everything, print the pages' URLs, and keep serving until Ctrl-C (for Lighthouse). */
const SERVE_ONLY = process.argv.includes('--serve');
/**
 * The job worker (e-mails, notifications, closes) runs in its own process as a deployment runs it
 * (compose.yaml, docs/DEPLOY.md); `--one-process` keeps it inside the web server, as `npm start` does.
 */
const ONE_PROCESS = process.argv.includes('--one-process');
const HARD_STOP_MS = 15 * 60_000;
/** The group shape of bench:join: its cap is never reached and no tier boundary moves under load. */
const JOIN_GROUP = {
  maxMembers: 1_000_000,
  qrCutoff: 1_000_000,
  perBuyerMax: 1,
  tiers: [
    { minMembers: 2, unitPrice: 1500 },
    { minMembers: 100, unitPrice: 1200 },
    { minMembers: 1000, unitPrice: 1000 },
  ],
};

const log = (msg: string) => process.stderr.write(`[bench:http] ${msg}\n`);
const emit = (row: object) => console.log(JSON.stringify(row));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** tools/server.ts in production mode with the environment set up so far; resolves when /api/health answers. */
async function startServer(base: string, profDir: string | undefined): Promise<ChildProcess> {
  const args = [
    ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
    '--import',
    'tsx',
    path.join('tools', 'server.ts'),
    'start',
  ];
  const child = spawn(process.execPath, args, {
    // The server's log goes to stderr: stdout carries only the JSON lines.
    stdio: ['ignore', 2, 'inherit'],
    env: {
      ...processEnv(),
      NODE_ENV: 'production',
      FLOCK_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      ...(ONE_PROCESS ? {} : { FLOCK_NO_WORKER: '1' }),
    },
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('the server did not answer /api/health within 60 s');
}

/** server/worker-main.ts with the environment set up so far; resolves once it says it is running. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('server', 'worker-main.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...processEnv(), NODE_ENV: 'production' },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker exited with ${String(code)}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      if (chunk.toString().includes('running')) resolve();
    });
  });
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const teardown = createTeardown(HARD_STOP_MS, log);

  try {
    buildIfNeeded(DIST_DIR, FORCE_BUILD, log);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-bench-http-'));
    teardown.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    log('starting embedded PostgreSQL and the Stripe emulator');
    // Production durability (fsync on): a join's commits cost what they cost in production.
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      database: 'flock',
      persistent: false,
      quiet: true,
    });
    teardown.push(() => pg.stop());
    await migrateDatabase(pg.url);
    const emulator = await startEmulatorProcess();
    teardown.push(() => emulator.stop());

    const port = await freePort();
    const base = `http://localhost:${port}`;
    setEnv({
      FLOCK_DATA_DIR: dataDir,
      DATABASE_URL: pg.socketUrl,
      STRIPE_EMULATOR_URL: emulator.url,
      PORT: String(port),
      APP_URL: base,
      BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
      // The load generator is the proxy: each simulated phone gets its own forwarded address.
      TRUSTED_PROXIES: '127.0.0.1,::1',
    });
    const { seedIfEmpty } = await import('@/db/seed');
    await seedIfEmpty(pg.socketUrl);
    const { registerEmulatorWebhook } = await import('@/server/payments/register-emulator-webhook');
    setEnv({ STRIPE_WEBHOOK_SECRET: await registerEmulatorWebhook(`${base}/api/stripe/webhook`) });

    const db = createDb(pg.socketUrl, { max: 64 });
    teardown.push(() => db.$client.end());
    const deps: Deps = {
      db,
      payments: createStripePayments(createStripeClient({ emulatorUrl: emulator.url, maxNetworkRetries: 2 })),
      now: () => new Date(),
      appUrl: base,
    };
    const open = await db.execute<{ code: string }>(
      sql`select code from groups where status = 'open' order by seats_taken desc, code limit 1`,
    );
    const code = open.rows[0]?.code;
    if (!code) throw new Error('the seed has no open group');

    const profDir = CPU_PROF ? path.resolve(CPU_PROF) : undefined;
    if (profDir) fs.mkdirSync(profDir, { recursive: true });
    log(`starting the production server on ${base}`);
    const server = await startServer(base, profDir);
    teardown.push(() => stopChild(server));
    const worker = ONE_PROCESS ? null : await startWorker();
    if (worker) teardown.push(() => stopChild(worker));
    // Where each measurement's CPU went: the app server, PostgreSQL, the emulator, or this process (the
    // load generator, and the in-process joins).
    const cpu = () => cpuSnapshot({ server: server.pid, worker: worker?.pid, emulator: emulator.pid });

    if (SERVE_ONLY) {
      teardown.disarm();
      emit({
        serving: true,
        group: `${base}/g/${code}`,
        home: `${base}/`,
        sign_up: `${base}/merchant/sign-up`,
      });
      await new Promise(() => {});
    }

    const pages: Array<[string, string]> = [
      ['group', `/g/${code}`],
      ['sign_up', '/merchant/sign-up'],
      ['home', '/'],
      ['health', '/api/health'],
    ];
    log('warming up');
    for (const [name, p] of pages)
      await pageLoad(base, { name, path: p, round: 0, seconds: 2, connections: CONNECTIONS });

    const rows: PageRow[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      for (const [name, p] of pages) {
        const row = await pageLoad(base, {
          name,
          path: p,
          round: r,
          seconds: SECONDS,
          connections: CONNECTIONS,
          cpu,
        });
        emit(row);
        rows.push(row);
      }
    }
    const sum = (name: string) =>
      rows.filter((r) => r.name === name).reduce((acc, r) => acc + r.req_per_s, 0) / ROUNDS;
    const worstP99 = (name: string) => Math.max(...rows.filter((r) => r.name === name).map((r) => r.p99_ms));

    const httpGroup = await makeGroup(deps, JOIN_GROUP);
    const http = await joinLoad(
      { name: 'join_http', inFlight: JOIN_IN_FLIGHT, seconds: JOIN_SECONDS, log, cpu },
      () => joinOverHttp(base, httpGroup.code),
    );
    emit(http);

    const inProcGroup = await makeGroup(deps, JOIN_GROUP);
    const buyers = Array.from({ length: 40_000 }, () => randomUUID());
    for (let i = 0; i < buyers.length; i += 5000)
      await db
        .insert(user)
        .values(
          buyers
            .slice(i, i + 5000)
            .map((id) => ({ id, email: `${id}@bench.test`, name: 'Bench', isAnonymous: true })),
        );
    let nextBuyer = 0;
    const inProc = await joinLoad(
      { name: 'join_in_process', inFlight: JOIN_IN_FLIGHT, seconds: JOIN_SECONDS, log, cpu },
      async () => {
        const id = buyers[nextBuyer++];
        if (!id) throw new Error('out of pre-created buyers; lower BENCH_JOIN_SECONDS');
        await joinGroup(
          deps,
          { id, email: `${id}@bench.test`, name: 'Bench', isAnonymous: true },
          {
            code: inProcGroup.code,
            alias: 'Bench buyer',
            quantity: 1,
            idempotencyKey: id,
            paymentMethod: 'pm_card_visa',
            fulfilment: VOUCHER_CHOICE,
          },
        );
      },
    );
    emit(inProc);

    emit({
      page_ratio: round(sum('group') / Math.max(1, sum('sign_up')), 3),
      join_ratio: round(http.joins_per_s / Math.max(1, inProc.joins_per_s), 3),
      group_req_per_s: round(sum('group')),
      sign_up_req_per_s: round(sum('sign_up')),
      home_ratio: round(sum('home') / Math.max(1, sum('sign_up')), 3),
      health_req_per_s: round(sum('health')),
      group_p99_ms: worstP99('group'),
      join_http_per_s: http.joins_per_s,
      join_in_process_per_s: inProc.joins_per_s,
      connections: CONNECTIONS,
      cores: os.cpus().length,
      worker: ONE_PROCESS ? 'in the server' : 'own process',
    });
    if (profDir) log(`the server's CPU profile goes to ${profDir} when it stops`);
  } finally {
    teardown.disarm();
    await teardown.run();
  }
}

runBench(main);
