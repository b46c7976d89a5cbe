// `npm run bench:join`: the join hot path against the naive hot-row ceiling, on the same PostgreSQL.
// (a) naive: N clients (own connections) run `UPDATE scratch SET n = n + 1 WHERE id = 1 AND n < cap`;
// (b) join: N concurrent buyers run joinGroup (reserve + hold on the emulator + confirm, all but HTTP) on
// ONE group whose cap is never reached. Prints one JSON line per measurement and a last line with
// ratio_64 = b/a at 64 clients and no_collapse = b(256)/b(8). Uses DATABASE_URL when set (in a scratch
// database it drops afterwards), else an embedded PostgreSQL in a temp folder; always its own emulator
// without a rate limit. A diagnostic line per N, `ledger_only`, runs the join's two transactions without
// the hold call, to show what the database part alone sustains. Ends by itself (hard stop after 170 s) and cleans up.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '@/db/client';
import { startEmbeddedPostgres, type EmbeddedDb } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { user } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { confirmAuthorized, reserveSeat } from '@/server/groups/group-ledger';
import { joinGroup } from '@/server/groups/join-group';
import { makeGroup, VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createStripePayments } from '@/server/payments/stripe-payments';
import { startEmulatorProcess } from './emulator-process';
import { createTeardown, runBench } from './teardown';

const CLIENTS = (process.env.BENCH_CLIENTS ?? '8,64,256').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_MS = 1000;
const HARD_STOP_MS = 170_000;

type Row = { name: string; clients: number; ops_per_s: number; p50_ms: number; p99_ms: number };

const log = (msg: string) => process.stderr.write(`[bench:join] ${msg}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/** Runs `op` in `clients` loops for SECONDS (after a warm-up) and summarises throughput and latency. */
async function measure(name: string, clients: number, op: (client: number) => Promise<void>): Promise<Row> {
  let recording = false;
  let stop = false;
  const latencies: number[] = [];
  let failures = 0;
  const loops = Array.from({ length: clients }, async (_, c) => {
    while (!stop) {
      const t0 = performance.now();
      try {
        await op(c);
        if (recording) latencies.push(performance.now() - t0);
      } catch (err) {
        failures++;
        if (failures <= 3) log(`${name}/${clients}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  recording = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  recording = false;
  const elapsed = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(loops);
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  if (failures > 0) log(`${name}/${clients}: ${failures} failed operations (not counted)`);
  return {
    name,
    clients,
    ops_per_s: Math.round(latencies.length / elapsed),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
  };
}

async function naive(url: string, clients: number): Promise<Row> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  try {
    return await measure('naive_update', clients, async (i) => {
      const c = conns[i];
      if (!c) throw new Error('no connection');
      await c.query({
        name: 'bump',
        text: 'update bench_scratch set n = n + 1 where id = $1 and n < $2',
        values: [1, 2_000_000_000],
      });
    });
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

async function joins(deps: Deps, clients: number, users: string[]): Promise<Row> {
  const { code } = await makeGroup(deps, {
    maxMembers: 1_000_000,
    qrCutoff: 1_000_000,
    perBuyerMax: 1,
    tiers: [
      { minMembers: 2, unitPrice: 1500 },
      { minMembers: 100, unitPrice: 1200 },
      { minMembers: 1000, unitPrice: 1000 },
    ],
  });
  let next = 0;
  return measure('join', clients, async () => {
    const id = users[next++];
    if (!id) throw new Error('out of pre-created buyers; lower BENCH_SECONDS');
    await joinGroup(
      deps,
      { id, email: `${id}@bench.test`, name: 'Bench', isAnonymous: true },
      {
        code,
        alias: 'Bench buyer',
        quantity: 1,
        idempotencyKey: id,
        paymentMethod: 'pm_card_visa',
        fulfilment: VOUCHER_CHOICE,
      },
    );
  });
}

/** Diagnostic: the ledger alone (reserve + confirm, the two transactions of a join) with no hold call. */
async function ledgerOnly(deps: Deps, clients: number, users: string[]): Promise<Row> {
  const { groupId } = await makeGroup(deps, { maxMembers: 1_000_000, qrCutoff: 1_000_000, perBuyerMax: 1 });
  let next = 0;
  return measure('ledger_only', clients, async () => {
    const id = users[next++];
    if (!id) throw new Error('out of pre-created buyers; lower BENCH_SECONDS');
    const r = await reserveSeat(deps, groupId, {
      userId: id,
      alias: 'Bench buyer',
      quantity: 1,
      idempotencyKey: id,
      inviteCode: null,
      channel: null,
      order: { ...VOUCHER_CHOICE, phone: null, address: null, pickupPointId: null },
      shippingAmount: 0,
      pickupCapacity: null,
    });
    if (r.kind === 'refused') throw r.error;
    await confirmAuthorized(
      deps,
      groupId,
      r.member.id,
      `pi_bench_${id}`,
      new Date(Date.now() + 7 * 86_400_000),
    );
  });
}

async function main(): Promise<void> {
  const teardown = createTeardown(HARD_STOP_MS, log);

  try {
    let url: string;
    const external = process.env.DATABASE_URL;
    if (external) {
      const name = `flock_bench_${randomUUID().slice(0, 8)}`;
      const admin = new pg.Client({ connectionString: external });
      await admin.connect();
      await admin.query(`create database "${name}"`);
      await admin.end();
      const u = new URL(external);
      u.pathname = `/${name}`;
      url = u.toString();
      teardown.push(async () => {
        const c = new pg.Client({ connectionString: external });
        await c.connect();
        await c.query(`drop database if exists "${name}" with (force)`);
        await c.end();
      });
    } else {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-bench-pg-'));
      teardown.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
      log('starting embedded PostgreSQL');
      // Production durability (fsync, synchronous_commit on) unless BENCH_FAST=1: a hot row costs what its
      // holder waits for while it keeps the lock, and in production that includes the commit's WAL flush.
      const embedded: EmbeddedDb = await startEmbeddedPostgres({
        dataDir: path.join(tmp, 'data'),
        database: 'flock_bench',
        persistent: false,
        quiet: true,
        fast: process.env.BENCH_FAST === '1',
      });
      teardown.push(() => embedded.stop());
      url = embedded.url;
    }
    await migrateDatabase(url);
    const emulator = await startEmulatorProcess();
    teardown.push(() => emulator.stop());

    const db: Db = createDb(url, { max: 64 });
    teardown.push(() => db.$client.end());
    const deps: Deps = {
      db,
      payments: createStripePayments(createStripeClient({ emulatorUrl: emulator.url, maxNetworkRetries: 2 })),
      now: () => new Date(),
      appUrl: 'http://bench.test',
    };
    await db.$client.query('create table if not exists bench_scratch (id int primary key, n int not null)');
    await db.$client.query('insert into bench_scratch values (1, 0) on conflict (id) do update set n = 0');

    // Buyers: one membership per buyer per group, so every join needs a fresh one.
    const users = Array.from({ length: 120_000 }, () => randomUUID());
    for (let i = 0; i < users.length; i += 5000) {
      await db
        .insert(user)
        .values(
          users
            .slice(i, i + 5000)
            .map((id) => ({ id, email: `${id}@bench.test`, name: 'Bench', isAnonymous: true })),
        );
    }

    const rows: Row[] = [];
    let offset = 0;
    for (const clients of CLIENTS) {
      const a = await naive(url, clients);
      console.log(JSON.stringify(a));
      const b = await joins(deps, clients, users.slice(offset, (offset += 20_000)));
      console.log(JSON.stringify(b));
      const l = await ledgerOnly(deps, clients, users.slice(offset, (offset += 20_000)));
      console.log(JSON.stringify(l));
      rows.push(a, b, l);
    }
    const at = (name: string, c: number) =>
      rows.find((r) => r.name === name && r.clients === c)?.ops_per_s ?? 0;
    const round = (n: number) => Math.round(n * 1000) / 1000;
    console.log(
      JSON.stringify({
        ratio_64: round(at('join', 64) / Math.max(1, at('naive_update', 64))),
        no_collapse: round(at('join', 256) / Math.max(1, at('join', 8))),
      }),
    );
  } finally {
    teardown.disarm();
    await teardown.run();
  }
}

runBench(main);
