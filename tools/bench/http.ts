// `npm run bench:http`: what the web layer costs, in ONE run on one server, as ratios (a shared 2-core
// machine makes absolute figures noisy). Starts production the way `npm start` does (tools/dev.ts's steps:
// database, emulator, migrate, seed, webhook, then tools/server.ts start) but with its own everything: an
// embedded PostgreSQL and FLOCK_DATA_DIR in a temp folder, the Stripe emulator in its own process, a free
// PORT, and its own build folder (FLOCK_DIST_DIR, default .next-bench, built with `next build` when it has
// no build yet or when `--build` is given; pass --build after changing the app). Then it measures:
//   pages  autocannon, BENCH_CONNECTIONS (32) connections, BENCH_SECONDS (10) s each, BENCH_ROUNDS (2)
//          rounds alternating: /g/<code> (a seeded open group, a phone's browser, signed out), the sign-up
//          page (mostly static), the home page and /api/health;
//   joins  fresh guests over HTTP (better-auth anonymous sign-in, then groups.join with the demo card),
//          64 in flight, each guest from its own address (X-Forwarded-For from a trusted proxy, as behind a
//          load balancer: the per-address sign-in limit is per person, not per benchmark), against
//          joinGroup called in this process on the same database and the same emulator process, on a group
//          of the same shape;
// Prints one JSON line per measurement and a last line {page_ratio, join_ratio, ...}. BENCH_CPU_PROF=DIR
// writes the server's V8 CPU profile to DIR (open it in Chrome DevTools, or `npm run measure:cpu-top --
// FILE`). `--serve` starts the same server and keeps it up, printing its URLs (for measure:lighthouse and
// measure:first-load). Edit when a goal of issue 12 gains a measurement.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
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
import { createTeardown } from './teardown';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const JOIN_IN_FLIGHT = Number(process.env.BENCH_JOIN_IN_FLIGHT ?? 64);
const JOIN_SECONDS = Number(process.env.BENCH_JOIN_SECONDS ?? 10);
const DIST_DIR = process.env.FLOCK_DIST_DIR ?? '.next-bench';
const FORCE_BUILD = process.argv.includes('--build');
const CPU_PROF = process.env.BENCH_CPU_PROF;
/** `--serve`: start everything, print the pages' URLs, and keep serving until Ctrl-C (for Lighthouse). */
const SERVE_ONLY = process.argv.includes('--serve');
const HARD_STOP_MS = 15 * 60_000;
/** A mid-range Android phone's browser: a person, so the page counts the visit as it would in production. */
const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
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
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/** `next build` into DIST_DIR when it has none (or --build); puts back tsconfig.json, which next build rewrites. */
function buildIfNeeded(): void {
  if (!FORCE_BUILD && fs.existsSync(path.join(DIST_DIR, 'BUILD_ID'))) {
    log(`using the build in ${DIST_DIR} (pass --build after changing the app)`);
    return;
  }
  log(`building into ${DIST_DIR}`);
  const tsconfig = fs.readFileSync('tsconfig.json', 'utf8');
  try {
    const r = spawnSync('npx', ['next', 'build'], {
      stdio: ['ignore', 2, 'inherit'],
      env: {
        ...processEnv(),
        FLOCK_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
      },
    });
    if (r.status !== 0) throw new Error(`next build failed (${String(r.status)})`);
  } finally {
    if (fs.readFileSync('tsconfig.json', 'utf8') !== tsconfig) fs.writeFileSync('tsconfig.json', tsconfig);
  }
}

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
    env: { ...processEnv(), NODE_ENV: 'production', FLOCK_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
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

type PageRow = {
  name: string;
  path: string;
  round: number;
  connections: number;
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
  kb_per_req: number;
};

/** autocannon on one path: throughput and latency, every non-2xx counted. */
async function page(base: string, name: string, p: string, r: number, seconds: number): Promise<PageRow> {
  const res = await autocannon({
    url: base + p,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'user-agent': PHONE_UA, accept: 'text/html,*/*', 'accept-language': 'en' },
  });
  return {
    name,
    path: p,
    round: r,
    connections: CONNECTIONS,
    req_per_s: round(res.requests.average),
    p50_ms: res.latency.p50,
    p99_ms: res.latency.p99,
    non_2xx: res.non2xx,
    errors: res.errors + res.timeouts,
    kb_per_req: res.requests.total ? round(res.throughput.total / res.requests.total / 1024) : 0,
  };
}

type JoinRow = {
  name: string;
  in_flight: number;
  joins_per_s: number;
  attempts_per_s: number;
  p50_ms: number;
  p99_ms: number;
  failed: number;
};

/** Runs `op` in `inFlight` loops for JOIN_SECONDS after a 1 s warm-up; counts what it admitted. */
async function joinLoad(name: string, inFlight: number, op: () => Promise<void>): Promise<JoinRow> {
  let recording = false;
  let stop = false;
  let attempts = 0;
  let failed = 0;
  const latencies: number[] = [];
  const loops = Array.from({ length: inFlight }, async () => {
    while (!stop) {
      const t0 = performance.now();
      const counted = recording;
      try {
        await op();
        if (counted && recording) latencies.push(performance.now() - t0);
      } catch (err) {
        if (counted) failed++;
        if (failed <= 3 && counted) log(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (counted && recording) attempts++;
    }
  });
  await sleep(1000);
  recording = true;
  const t0 = performance.now();
  await sleep(JOIN_SECONDS * 1000);
  recording = false;
  const elapsed = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(loops);
  latencies.sort((a, b) => a - b);
  return {
    name,
    in_flight: inFlight,
    joins_per_s: round(latencies.length / elapsed),
    attempts_per_s: round(attempts / elapsed),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    failed,
  };
}

let nextAddress = 0;
/** A distinct documentation-range-free private address per simulated phone (10.0.0.1, 10.0.0.2, ...). */
function freshAddress(): string {
  const n = ++nextAddress;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** A fresh guest session, as the join form gets one: better-auth's anonymous sign-in. Returns the Cookie header. */
async function guestCookie(base: string, address: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/anonymous`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json', 'x-forwarded-for': address },
    body: '{}',
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}: ${(await res.text()).slice(0, 120)}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  if (cookies.length === 0) throw new Error('guest sign-in set no cookie');
  return cookies.join('; ');
}

/** One join through the app's HTTP API: a fresh guest, then groups.join with the demo card. */
async function joinOverHttp(base: string, code: string): Promise<void> {
  const address = freshAddress();
  const cookie = await guestCookie(base, address);
  const res = await fetch(`${base}/api/trpc/groups.join`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json', 'x-forwarded-for': address, cookie },
    body: JSON.stringify({
      json: {
        code,
        alias: 'Bench buyer',
        quantity: 1,
        idempotencyKey: randomUUID(),
        paymentMethod: 'pm_card_visa',
        fulfilment: VOUCHER_CHOICE,
      },
    }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`join answered ${res.status}: ${text.slice(0, 160)}`);
}

async function main(): Promise<void> {
  const teardown = createTeardown(HARD_STOP_MS, log);

  try {
    buildIfNeeded();
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
      DATABASE_URL: pg.url,
      STRIPE_EMULATOR_URL: emulator.url,
      PORT: String(port),
      APP_URL: base,
      BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
      // The load generator is the proxy: each simulated phone gets its own forwarded address.
      TRUSTED_PROXIES: '127.0.0.1,::1',
    });
    const { seedIfEmpty } = await import('@/db/seed');
    await seedIfEmpty(pg.url);
    const { registerEmulatorWebhook } = await import('@/server/payments/register-emulator-webhook');
    setEnv({ STRIPE_WEBHOOK_SECRET: await registerEmulatorWebhook(`${base}/api/stripe/webhook`) });

    const db = createDb(pg.url, { max: 64 });
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
    teardown.push(
      () =>
        new Promise<void>((resolve) => {
          if (server.exitCode !== null) return resolve();
          server.once('exit', () => resolve());
          server.kill('SIGTERM');
        }),
    );

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
    for (const [name, p] of pages) await page(base, name, p, 0, 2);

    const rows: PageRow[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      for (const [name, p] of pages) {
        const row = await page(base, name, p, r, SECONDS);
        emit(row);
        rows.push(row);
      }
    }
    const sum = (name: string) =>
      rows.filter((r) => r.name === name).reduce((acc, r) => acc + r.req_per_s, 0) / ROUNDS;
    const worstP99 = (name: string) => Math.max(...rows.filter((r) => r.name === name).map((r) => r.p99_ms));

    const httpGroup = await makeGroup(deps, JOIN_GROUP);
    const http = await joinLoad('join_http', JOIN_IN_FLIGHT, () => joinOverHttp(base, httpGroup.code));
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
    const inProc = await joinLoad('join_in_process', JOIN_IN_FLIGHT, async () => {
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
    });
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
    });
    if (profDir) log(`the server's CPU profile goes to ${profDir} when it stops`);
  } finally {
    teardown.disarm();
    await teardown.run();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
