// Live-update benchmark: K open group pages (SSE streams of live.group over real HTTP, or in-process
// tRPC callers) watch one group while N joins commit; prints JSON lines with the time from a join's
// commit to the updated snapshot reaching the pages. Over HTTP the pages read in their own process
// (live-readers.ts), as phones do on their own CPUs. Edit when the live path gains a stage worth timing.
//
//   npm run bench:live -- [--subscribers=200] [--events=50] [--gap=100] [--burst=20]
//                         [--viewers=anon|distinct|mixed] [--transport=http|caller]
// Uses DATABASE_URL when set (a scratch database is created and dropped), else an embedded PostgreSQL.
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { createDb } from '@/db/client';
import { startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { groups, user } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { recordEvent } from '@/server/events/record-event';
import { closeLiveHub, getLiveHub } from '@/server/live/listener';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createStripePayments } from '@/server/payments/stripe-payments';
import type { SessionUser } from '@/server/auth/session-user';
import { createCaller } from '@/server/trpc/root';
import { commitJoin } from '@/test/live-fixture';
import { arg, openBenchGroup, pct, round, startBenchServer } from './live-kit';
import type { ReadersAsk, ReadersStart, ReadersTell } from './live-readers';

type Viewers = 'anon' | 'distinct' | 'mixed';

const K = Number(arg('subscribers', '200'));
const N = Number(arg('events', '50'));
const GAP = Number(arg('gap', '100'));
const BURST = Number(arg('burst', '20'));
const VIEWERS = arg('viewers', 'mixed') as Viewers;
const TRANSPORT = arg('transport', 'http');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function scratchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const base = getEnv().DATABASE_URL;
  if (base) {
    const name = `flock_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      async stop() {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`drop database if exists "${name}" with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-bench-live-'));
  const pgServer = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'data'),
    database: 'bench',
    persistent: false,
    quiet: true,
    fast: true,
  });
  return {
    url: pgServer.url,
    async stop() {
      await pgServer.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One open page: records when it first saw a snapshot at or past each event id. */
type Page = { seen: (id: number) => number | undefined; close(): void };

/** Absolute milliseconds, comparable across this process and the readers' process. */
const now = () => performance.timeOrigin + performance.now();

function trackSeen(): { mark(id: number): void; seen(id: number): number | undefined } {
  const at: Array<[number, number]> = [];
  return {
    mark(id) {
      const last = at.at(-1);
      if (!last || id > last[0]) at.push([id, now()]);
    },
    seen(id) {
      return at.find(([eid]) => eid >= id)?.[1];
    },
  };
}

/** The open pages: when each first saw event `id` (Infinity past `limitMs`), and closing them. */
type Watchers = { waitAll(id: number, limitMs: number): Promise<number[]>; close(): Promise<void> };

/** Pages over HTTP, read in their own process (live-readers.ts), as phones read on their own CPUs. */
async function httpWatchers(start: ReadersStart): Promise<Watchers> {
  const child = fork(path.join('tools', 'bench', 'live-readers.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (at: number[]) => void>();
  let asks = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the readers' process exited with ${String(code)}`)));
    child.on('message', (m: ReadersTell) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'failed') reject(new Error(m.message));
      else if (m.type === 'seen') waiting.get(m.ask)?.(m.at.map((x) => x ?? Number.POSITIVE_INFINITY));
    });
    child.send(start);
  });
  const ask = (m: ReadersAsk) => child.send(m);
  return {
    waitAll: (id, limitMs) =>
      new Promise((resolve) => {
        const n = ++asks;
        waiting.set(n, (at) => {
          waiting.delete(n);
          resolve(at);
        });
        ask({ type: 'wait', ask: n, id, limitMs });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        ask({ type: 'close' });
      }),
  };
}

/** In-process callers' pages: their `seen` polled here. */
function callerWatchers(pages: Page[]): Watchers {
  return {
    async waitAll(id, limitMs) {
      const end = now() + limitMs;
      for (;;) {
        const at = pages.map((p) => p.seen(id));
        if (at.every((x) => x !== undefined) || now() > end)
          return at.map((x) => x ?? Number.POSITIVE_INFINITY);
        await sleep(2);
      }
    },
    async close() {
      pages.forEach((p) => p.close());
    },
  };
}

async function openCallerPage(
  deps: Deps,
  code: string,
  cursor: number,
  viewer: SessionUser | null,
): Promise<Page> {
  const t = trackSeen();
  const ac = new AbortController();
  const stream = await createCaller(
    { deps, user: viewer, merchantId: null, headers: null },
    { signal: ac.signal },
  ).live.group({ code, lastEventId: String(cursor) });
  void (async () => {
    // The caller yields raw `tracked` envelopes: [id, data, marker].
    for await (const value of stream as AsyncIterable<unknown>) {
      if (Array.isArray(value) && typeof value[0] === 'string') t.mark(Number(value[0]));
    }
  })();
  return { seen: t.seen, close: () => ac.abort() };
}

async function main() {
  const scratch = await scratchDatabase();
  await migrateDatabase(scratch.url);
  const db = createDb(scratch.url, { max: 20 });
  // The payments port is never called here; it points at a closed port so nothing leaves the machine.
  const deps: Deps = {
    db,
    payments: createStripePayments(createStripeClient({ emulatorUrl: 'http://127.0.0.1:9' })),
    now: () => new Date(),
    appUrl: 'http://bench.local',
  };

  const merchantUser = randomUUID();
  const { dealId, groupId, code } = await openBenchGroup(
    db,
    { id: merchantUser, name: 'Bench Merchant', email: `m-${merchantUser}@bench.local` },
    {
      shop: 'Bench',
      title: 'Bench tea',
      capacity: 500,
      tiers: [
        { minMembers: 2, unitPrice: 1000 },
        { minMembers: 10, unitPrice: 800 },
        { minMembers: 40, unitPrice: 600 },
      ],
    },
  );
  const cursor = await db.transaction((tx) => recordEvent(tx, { type: 'group.opened', groupId, dealId }));

  const makeUsers = async (n: number): Promise<SessionUser[]> => {
    const rows = Array.from({ length: n }, () => {
      const id = randomUUID();
      return { id, name: `U ${id.slice(0, 4)}`, email: `${id}@bench.local`, isAnonymous: true };
    });
    for (let i = 0; i < rows.length; i += 500) await db.insert(user).values(rows.slice(i, i + 500));
    return rows;
  };
  const watchers = VIEWERS === 'anon' ? [] : await makeUsers(VIEWERS === 'distinct' ? K : Math.ceil(K / 2));
  const viewerOf = (i: number): SessionUser | null =>
    VIEWERS === 'anon'
      ? null
      : VIEWERS === 'distinct'
        ? (watchers[i] ?? null)
        : i % 2 === 0
          ? (watchers[i / 2] ?? null)
          : null;
  const byId = new Map(watchers.map((u) => [u.id, u]));

  const server = TRANSPORT === 'http' ? await startBenchServer(deps, byId, K + 50) : null;
  const baseUrl = server?.baseUrl ?? '';

  const t0 = performance.now();
  const pages =
    TRANSPORT === 'http'
      ? await httpWatchers({
          baseUrl,
          code,
          cursor,
          viewers: Array.from({ length: K }, (_, i) => viewerOf(i)?.id ?? null),
        })
      : callerWatchers(
          await Promise.all(
            Array.from({ length: K }, (_, i) => openCallerPage(deps, code, cursor, viewerOf(i))),
          ),
        );
  const hub = getLiveHub(deps);
  console.log(
    JSON.stringify({
      phase: 'connect',
      transport: TRANSPORT,
      viewers: VIEWERS,
      subscribers: K,
      hubSubscriptions: hub.subscriberCount(),
      ms: round(performance.now() - t0),
    }),
  );
  await sleep(300);

  const joiners = await makeUsers(N + BURST);
  let seats = 0;
  const join = async (u: SessionUser): Promise<{ id: number; committedAt: number }> => {
    const id = await commitJoin(db, { groupId, dealId }, u.id, u.name);
    seats += 1;
    return { id, committedAt: now() };
  };

  const waitAll = (id: number, limitMs: number) => pages.waitAll(id, limitMs);

  // One join at a time: the latency a page shows after a friend joins.
  const allPages: number[] = [];
  const perPage: number[] = [];
  for (let i = 0; i < N; i++) {
    const u = joiners[i];
    if (!u) break;
    const { id, committedAt } = await join(u);
    const at = await waitAll(id, 10_000);
    const lat = at.map((x) => x - committedAt);
    perPage.push(...lat);
    allPages.push(Math.max(...lat));
    await sleep(GAP);
  }
  const lost = perPage.filter((x) => !Number.isFinite(x)).length;
  console.log(
    JSON.stringify({
      phase: 'join-to-update',
      transport: TRANSPORT,
      viewers: VIEWERS,
      subscribers: K,
      events: N,
      allPages_p50_ms: round(pct(allPages, 50)),
      allPages_p99_ms: round(pct(allPages, 99)),
      allPages_max_ms: round(Math.max(...allPages)),
      perPage_p50_ms: round(pct(perPage, 50)),
      perPage_p95_ms: round(pct(perPage, 95)),
      perPage_p99_ms: round(pct(perPage, 99)),
      missed: lost,
    }),
  );

  // A burst: BURST friends join at once; every page must end on the final state.
  const burstUsers = joiners.slice(N, N + BURST);
  const burstStart = now();
  const results = await Promise.all(burstUsers.map(join));
  const lastCommit = Math.max(...results.map((r) => r.committedAt));
  const lastId = Math.max(...results.map((r) => r.id));
  const at = await waitAll(lastId, 10_000);
  const [row] = await db.select({ n: groups.confirmedCount }).from(groups).where(eq(groups.id, groupId));
  console.log(
    JSON.stringify({
      phase: 'burst',
      transport: TRANSPORT,
      viewers: VIEWERS,
      subscribers: K,
      joins: BURST,
      commitSpan_ms: round(lastCommit - burstStart),
      lastCommitToAllPages_ms: round(Math.max(...at) - lastCommit),
      confirmed: row?.n ?? null,
      expectedConfirmed: seats,
      missed: at.filter((x) => !Number.isFinite(x)).length,
    }),
  );

  await pages.close();
  await sleep(200);
  console.log(JSON.stringify({ phase: 'teardown', hubSubscriptionsAfterClose: hub.subscriberCount() }));
  await server?.close();
  await closeLiveHub(deps);
  await db.$client.end();
  // pool.end() resolves before its idle sockets have closed; stopping PostgreSQL at once would log each one.
  await sleep(200);
  await scratch.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
