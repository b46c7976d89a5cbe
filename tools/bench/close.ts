// `npm run bench:close`: closes a won group of 500 authorized members against the Stripe emulator
// (rate limit 100/s) with Flock's pacer at 90/s, and prints one JSON line:
// { members, seconds, captures_per_s, limit, ratio, unretried_429, retried_429 }. Target ratio ≥ 0.9 and
// unretried_429 = 0. Runs on its own embedded PostgreSQL (fast mode) and its own emulator; setup (rows and
// holds) is not timed; the clock runs from the close transaction until the group is won. Ends by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { freePort, startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { groups } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { closeGroup } from '@/server/groups/close-group';
import { startAppWorker } from '@/server/tasks';
import { pacedPayments, pacerStats } from '@/server/payments/pacer';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createStripePayments } from '@/server/payments/stripe-payments';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { createDueGroup } from './due-group';

const MEMBERS = 500;
const LIMIT = 90;
const EMULATOR_RATE_LIMIT = 100;
const HARD_STOP_MS = 170_000;

const log = (msg: string) => process.stderr.write(`[bench:close] ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The emulator as its own process (`npm run stripe-emulator -- --rate-limit 100`), so it does not share the worker's event loop. */
async function spawnEmulator(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tools/stripe-emulator/cli.ts',
      '--port',
      String(port),
      '--rate-limit',
      String(EMULATOR_RATE_LIMIT),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
  });
  child.stdout?.resume();
  return { url: `http://127.0.0.1:${port}`, child };
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-bench-close-'));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(tmp, 'pg'),
    persistent: false,
    quiet: true,
    fast: true,
  });
  const emulator = await spawnEmulator();
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    await migrateDatabase(pg.url);
    const db = createDb(pg.url, { max: 40 });
    cleanups.push(() => db.$client.end());
    const inner = createStripePayments(
      createStripeClient({ emulatorUrl: emulator.url, maxNetworkRetries: 2 }),
    );
    // The limit is passed here explicitly (production reads STRIPE_MAX_RPS).
    const deps: Deps = {
      db,
      payments: pacedPayments(inner, db, { maxRps: LIMIT }),
      now: () => new Date(),
      appUrl: 'http://bench.local',
    };

    log(`setting up ${MEMBERS} members with real holds on the emulator`);
    const g = await createDueGroup(deps, MEMBERS);
    const worker = await startAppWorker(deps, { concurrency: 24, pollInterval: 100 });
    cleanups.unshift(() => worker.stop());
    await sleep(1100); // let the setup's requests leave the emulator's rate-limit window
    const before = await emulatorControl(emulator.url).stats();
    const gaveUpBefore = pacerStats.rateLimitedGaveUp;

    log('closing');
    const t0 = performance.now();
    await closeGroup(deps, g.groupId, 'deadline');
    for (;;) {
      const [row] = await db.select({ s: groups.status }).from(groups).where(eq(groups.id, g.groupId));
      if (row?.s === 'won') break;
      await sleep(10);
    }
    const seconds = (performance.now() - t0) / 1000;

    const after = await emulatorControl(emulator.url).stats();
    const tally = await db.execute<{ captured: number; failed: number }>(sql`
      select count(*) filter (where status = 'captured')::int as captured, count(*) filter (where status = 'failed')::int as failed
      from members where group_id = ${g.groupId}`);
    const captured = tally.rows[0]?.captured ?? 0;
    const failed = tally.rows[0]?.failed ?? 0;
    // Settle jobs that ended on a 429 (the pacer gave up and the job had to be retried by the queue).
    const jobs429 = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker.jobs where last_error ilike '%rate_limit%'`,
    );
    const capturesPerS = captured / seconds;
    const result = {
      members: MEMBERS,
      seconds: Number(seconds.toFixed(3)),
      captures_per_s: Number(capturesPerS.toFixed(2)),
      limit: LIMIT,
      ratio: Number((capturesPerS / LIMIT).toFixed(3)),
      unretried_429: pacerStats.rateLimitedGaveUp - gaveUpBefore + (jobs429.rows[0]?.n ?? 0),
      retried_429: after.rateLimited - before.rateLimited,
      captured,
      failed,
    };
    console.log(JSON.stringify(result));
  } finally {
    for (const c of cleanups) await c().catch((e: unknown) => log(`cleanup: ${String(e)}`));
    emulator.child.removeAllListeners('exit');
    emulator.child.kill('SIGTERM');
    await pg.stop().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const hardStop = setTimeout(() => {
  log(`did not finish within ${HARD_STOP_MS / 1000} s`);
  process.exit(1);
}, HARD_STOP_MS);
hardStop.unref();

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
