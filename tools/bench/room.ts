// Room benchmark (`npm run bench:room`): a group whose room has 500 members, every one of them watching the
// room live (live.room over real HTTP SSE, or in-process tRPC callers), while members and staff post 20
// messages a second for about 15 s through the real posting service, and friends join the group at the
// same time while group pages watch it (live.group). Prints JSON lines; the last one is
// { members, p50_ms, p95_ms, p99_ms, missed, join_update_p95_ms }: post→display latency (from the post call
// to the moment the last page shows the message), messages some page never got (must be 0), and the
// join→group-page latency measured in the same run while the room talks (the room must not slow the price
// updates; a phase line before the talk gives the same latency with the room quiet, to compare).
//
//   npm run bench:room -- [--members=500] [--rate=20] [--seconds=15] [--group-pages=100]
//                         [--joins-per-s=2] [--transport=http|caller]
// Over HTTP the 500 room pages live in a child process (this file with --client), as browsers would: a
// page's SSE parsing must not share the event loop of the server it measures.
// Edit when the room's live path gains a stage worth timing.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { isTrackedEnvelope } from '@trpc/server';
import superjson from 'superjson';
import { createDb } from '@/db/client';
import { startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { roomMembers, user } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session-user';
import type { Deps } from '@/server/deps';
import { recordEvent } from '@/server/events/record-event';
import { closeLiveHub, getLiveHub } from '@/server/live/listener';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createStripePayments } from '@/server/payments/stripe-payments';
import { ensureGroupRoom } from '@/server/rooms/ensure-group-room';
import { postMessage } from '@/server/rooms/post-message';
import type { RoomDelta } from '@/server/rooms/types';
import { createCaller } from '@/server/trpc/root';
import { commitJoin } from '@/test/live-fixture';
import { startEmulatorProcess } from './emulator-process';
import { arg, openBenchGroup, pct, round, startBenchServer } from './live-kit';

const MEMBERS = Number(arg('members', '500'));
const RATE = Number(arg('rate', '20'));
const SECONDS = Number(arg('seconds', '15'));
const GROUP_PAGES = Number(arg('group-pages', '100'));
const JOINS_PER_S = Number(arg('joins-per-s', '2'));
const TRANSPORT = arg('transport', 'http');
/** One post in this many is a member's (the room takes at most 4 members' messages a second); the rest staff's. */
const MEMBER_EVERY = 6;
const GRACE_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const line = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const log = (msg: string) => process.stderr.write(`[bench:room] ${msg}\n`);
/** Milliseconds since the epoch with sub-millisecond precision, comparable across processes. */
const clock = () => performance.timeOrigin + performance.now();

/** An open page: when it first showed each message id (room pages) or reached each event id (group pages). */
type Page = {
  seen: Map<number, number>;
  highest: { id: number; at: Array<[number, number]> };
  close(): void;
};

function newPage(close: () => void): Page {
  return { seen: new Map(), highest: { id: 0, at: [] }, close };
}

function applyRoomDelta(page: Page, delta: RoomDelta): void {
  const now = clock();
  for (const m of delta.messages) if (!page.seen.has(m.id)) page.seen.set(m.id, now);
}

function applyGroupCursor(page: Page, id: number): void {
  if (id > page.highest.id) {
    page.highest.id = id;
    page.highest.at.push([id, clock()]);
  }
}

/** When a group page first showed a snapshot at or past event `id`. */
function groupSeen(page: Page, id: number): number | undefined {
  return page.highest.at.find(([eid]) => eid >= id)?.[1];
}

/** Splits an SSE body into events; `onEvent` gets each event's id and data. */
function sseParser(onEvent: (id: string, data: string) => void): (chunk: string) => void {
  let buf = '';
  let id = '';
  let data = '';
  return (chunk) => {
    buf += chunk;
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      const l = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (l.startsWith('id: ')) id = l.slice(4);
      else if (l.startsWith('data: ')) data = l.slice(6);
      else if (l === '') {
        if (id && data) onEvent(id, data);
        id = '';
        data = '';
      }
      nl = buf.indexOf('\n');
    }
  };
}

// node:http rather than fetch: a browser's parsing is not the server's cost, and web streams on this side
// would take CPU from the server on a 2-core machine.
async function openHttp(
  baseUrl: string,
  procedure: string,
  input: unknown,
  viewer: string | null,
  onEvent: (id: string, data: string) => void,
): Promise<() => void> {
  const q = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${baseUrl}/${procedure}?input=${q}`,
      { headers: { accept: 'text/event-stream', ...(viewer ? { 'x-bench-user': viewer } : {}) } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`${procedure}: HTTP ${String(res.statusCode)}`));
        res.setEncoding('utf8');
        res.on('data', sseParser(onEvent));
        res.on('error', () => {});
        resolve(() => req.destroy());
      },
    );
    req.on('error', reject);
  });
}

async function openHttpRoomPage(baseUrl: string, roomId: string, viewer: string): Promise<Page> {
  const page = newPage(() => {});
  page.close = await openHttp(baseUrl, 'live.room', { roomId }, viewer, (_id, data) => {
    const parsed = JSON.parse(data) as Parameters<typeof superjson.deserialize>[0];
    applyRoomDelta(page, superjson.deserialize<RoomDelta>(parsed));
  });
  return page;
}

/** Opens `viewers`' room pages `50` at a time (connecting is not itself a thundering herd). */
async function openInSlices<T>(viewers: readonly T[], open: (v: T) => Promise<Page>): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < viewers.length; i += 50)
    pages.push(...(await Promise.all(viewers.slice(i, i + 50).map(open))));
  return pages;
}

/**
 * The room pages of an HTTP run, in this child process: reads { baseUrl, roomId, viewers } from stdin,
 * opens one page per viewer and says 'ready'; 'count' answers how many messages the slowest page has;
 * 'report' prints every page's [message id, epoch ms] pairs and exits.
 */
async function runClient(): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const first = await lines.next();
  const cfg = JSON.parse(String(first.value)) as { baseUrl: string; roomId: string; viewers: string[] };
  const pages = await openInSlices(cfg.viewers, (v) => openHttpRoomPage(cfg.baseUrl, cfg.roomId, v));
  process.stdout.write('ready\n');
  for (let cmd = await lines.next(); !cmd.done; cmd = await lines.next()) {
    if (cmd.value === 'count') process.stdout.write(`${Math.min(...pages.map((p) => p.seen.size))}\n`);
    if (cmd.value === 'report') break;
  }
  const seen = pages.map((p) => [...p.seen.entries()]);
  pages.forEach((p) => p.close());
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(seen)}\n`, () => resolve()));
}

type RoomPages = {
  count(): Promise<number>;
  report(): Promise<Array<Map<number, number>>>;
  stop(): Promise<void>;
};

/** Starts the room pages' process (this file with --client) and waits until every page is open. */
async function startClient(baseUrl: string, roomId: string, viewers: string[]): Promise<RoomPages> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/bench/room.ts', '--client'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const out = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async (cmd: string | null): Promise<string> => {
    if (cmd !== null) child.stdin.write(`${cmd}\n`);
    const r = await out.next();
    if (r.done) throw new Error('the room pages process ended');
    return String(r.value);
  };
  child.stdin.write(`${JSON.stringify({ baseUrl, roomId, viewers })}\n`);
  if ((await ask(null)) !== 'ready') throw new Error('the room pages process did not start');
  return {
    count: async () => Number(await ask('count')),
    report: async () => {
      const seen = JSON.parse(await ask('report')) as Array<Array<[number, number]>>;
      return seen.map((pairs) => new Map(pairs));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-bench-room-'));
  const pgServer = await startEmbeddedPostgres({
    dataDir: path.join(tmp, 'pg'),
    database: 'bench',
    persistent: false,
    quiet: true,
    fast: true,
  });
  const emulator = await startEmulatorProcess();
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    await migrateDatabase(pgServer.url);
    const db = createDb(pgServer.url, { max: 20 });
    cleanups.push(() => db.$client.end());
    const deps: Deps = {
      db,
      payments: createStripePayments(createStripeClient({ emulatorUrl: emulator.url })),
      now: () => new Date(),
      appUrl: 'http://bench.local',
    };

    // The shop, its deal and group, and the group's room.
    const merchantUser: SessionUser = {
      id: randomUUID(),
      name: 'Bench Merchant',
      email: 'merchant@bench.local',
      isAnonymous: false,
    };
    const { merchantId, dealId, groupId, code } = await openBenchGroup(db, merchantUser, {
      shop: 'Bench Tours',
      title: 'Bench tour',
      capacity: 1000,
      tiers: [
        { minMembers: 2, unitPrice: 1000 },
        { minMembers: 10, unitPrice: 800 },
      ],
    });
    const room = await db.transaction(async (tx) => {
      await recordEvent(tx, { type: 'group.opened', groupId, dealId });
      return ensureGroupRoom(tx, { id: groupId, dealId });
    });

    // MEMBERS people with a seat each (rows inserted directly: the join path is not what is measured).
    const people: SessionUser[] = Array.from({ length: MEMBERS }, (_, i) => ({
      id: randomUUID(),
      name: `Member ${i}`,
      email: `member-${i}@bench.local`,
      isAnonymous: true,
    }));
    for (let i = 0; i < people.length; i += 500) await db.insert(user).values(people.slice(i, i + 500));
    const seats = people.map((p, i) => ({ roomId: room.id, userId: p.id, alias: `M${i}`, historyFrom: 0 }));
    for (let i = 0; i < seats.length; i += 500) await db.insert(roomMembers).values(seats.slice(i, i + 500));
    const byId = new Map([...people, merchantUser].map((u) => [u.id, u]));

    const server =
      TRANSPORT === 'http' ? await startBenchServer(deps, byId, MEMBERS + GROUP_PAGES + 50) : null;
    const baseUrl = server?.baseUrl ?? '';

    const openRoomPage = async (viewer: SessionUser): Promise<Page> => {
      const ac = new AbortController();
      const page = newPage(() => ac.abort());
      const stream = await createCaller(
        { deps, user: viewer, merchantId: null, headers: null },
        { signal: ac.signal },
      ).live.room({ roomId: room.id });
      void (async () => {
        for await (const v of stream as AsyncIterable<unknown>)
          if (isTrackedEnvelope<RoomDelta>(v)) applyRoomDelta(page, v[1]);
      })();
      return page;
    };
    const openGroupPage = async (): Promise<Page> => {
      if (TRANSPORT === 'http') {
        const page = newPage(() => {});
        page.close = await openHttp(baseUrl, 'live.group', { code }, null, (id) =>
          applyGroupCursor(page, Number(id)),
        );
        return page;
      }
      const ac = new AbortController();
      const page = newPage(() => ac.abort());
      const stream = await createCaller(
        { deps, user: null, merchantId: null, headers: null },
        { signal: ac.signal },
      ).live.group({ code });
      void (async () => {
        for await (const v of stream as AsyncIterable<unknown>)
          if (Array.isArray(v) && typeof v[0] === 'string') applyGroupCursor(page, Number(v[0]));
      })();
      return page;
    };

    const t0 = clock();
    const callerPages = TRANSPORT === 'http' ? [] : await openInSlices(people, openRoomPage);
    const client =
      TRANSPORT === 'http'
        ? await startClient(
            baseUrl,
            room.id,
            people.map((p) => p.id),
          )
        : null;
    if (client) cleanups.unshift(() => client.stop());
    const groupPages = await Promise.all(Array.from({ length: GROUP_PAGES }, openGroupPage));
    const hub = getLiveHub(deps);
    line({
      phase: 'connect',
      transport: TRANSPORT,
      room_pages: people.length,
      group_pages: groupPages.length,
      hub_subscriptions: hub.subscriberCount(),
      ms: round(clock() - t0),
    });
    await sleep(500);

    // Friends joining while the room talks: a member row, the counters and the event, as live.ts does.
    const QUIET_JOINS = 10;
    const joiners: SessionUser[] = Array.from(
      { length: Math.ceil(JOINS_PER_S * SECONDS) + 1 + QUIET_JOINS },
      (_, i) => ({
        id: randomUUID(),
        name: `Joiner ${i}`,
        email: `joiner-${i}@bench.local`,
        isAnonymous: true,
      }),
    );
    await db.insert(user).values(joiners);
    const joins: Array<{ id: number; committedAt: number }> = [];
    const join = async (u: SessionUser) => {
      const id = await commitJoin(db, { groupId, dealId }, u.id, u.name);
      joins.push({ id, committedAt: clock() });
    };

    /** When the last group page showed each join (the time every watcher saw the new price). */
    const joinToPages = (list: typeof joins) => {
      const lat: number[] = [];
      let lost = 0;
      for (const j of list) {
        const at = groupPages.map((p) => groupSeen(p, j.id));
        if (at.some((x) => x === undefined)) lost += 1;
        else lat.push(Math.max(...at.map((x) => x ?? 0)) - j.committedAt);
      }
      return { lat, lost };
    };

    // The baseline: joins while the room is quiet, at the same pace.
    for (let i = 0; i < QUIET_JOINS; i++) {
      const u = joiners.pop();
      if (u) await join(u);
      await sleep(1000 / JOINS_PER_S);
    }
    await sleep(500);
    const quiet = joinToPages(joins.splice(0, joins.length));
    line({
      phase: 'join-to-group-page-quiet-room',
      joins: QUIET_JOINS,
      group_pages: groupPages.length,
      p50_ms: round(pct(quiet.lat, 50)),
      p95_ms: round(pct(quiet.lat, 95)),
      missed: quiet.lost,
    });

    // The talk: RATE posts a second, one in MEMBER_EVERY by a member (a different one each time), the rest staff.
    const posts: Array<{ id: number; startedAt: number; committedAt: number }> = [];
    let refused = 0;
    const staff = { user: merchantUser, merchantId };
    const total = Math.round(RATE * SECONDS);
    const start = clock();
    const inFlight: Array<Promise<void>> = [];
    let nextJoinAt = start;
    let joined = 0;
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - clock();
      if (wait > 0) await sleep(wait);
      const poster =
        i % MEMBER_EVERY === 0 ? { user: people[i % people.length] ?? null, merchantId: null } : staff;
      const startedAt = clock();
      inFlight.push(
        postMessage(
          deps,
          poster,
          { roomId: room.id, body: `Bench message ${i}`, clientKey: randomUUID() },
          'en',
        ).then(
          (v) => {
            posts.push({ id: v.id, startedAt, committedAt: clock() });
          },
          (e: unknown) => {
            refused += 1;
            if (refused <= 3) log(`post refused: ${e instanceof Error ? e.message : String(e)}`);
          },
        ),
      );
      while (clock() >= nextJoinAt && joined < joiners.length) {
        const u = joiners[joined];
        joined += 1;
        nextJoinAt += 1000 / JOINS_PER_S;
        if (u) inFlight.push(join(u));
      }
    }
    await Promise.all(inFlight);
    const postSpan = (clock() - start) / 1000;
    line({ phase: 'posted', posts: posts.length, refused, seconds: round(postSpan), joins: joins.length });

    // Wait until every page shows every message and the last join (or the grace period ends).
    const lastJoin = Math.max(0, ...joins.map((j) => j.id));
    const end = clock() + GRACE_MS;
    while (clock() < end) {
      const slowest = client ? await client.count() : Math.min(...callerPages.map((p) => p.seen.size));
      const groupDone = groupPages.every((p) => p.highest.id >= lastJoin);
      if (slowest >= posts.length && groupDone) break;
      await sleep(50);
    }
    const roomSeen = client ? await client.report() : callerPages.map((p) => p.seen);

    // Per message: when the last page showed it (the time everyone in the room has read it).
    const latencies: number[] = [];
    let missed = 0;
    for (const q of posts) {
      let last = 0;
      let lost = false;
      for (const seen of roomSeen) {
        const at = seen.get(q.id);
        if (at === undefined) lost = true;
        else last = Math.max(last, at);
      }
      if (lost) missed += 1;
      else latencies.push(last - q.startedAt);
    }
    const { lat: joinLatencies, lost: joinsMissed } = joinToPages(joins);
    line({
      phase: 'join-to-group-page',
      joins: joins.length,
      group_pages: groupPages.length,
      p50_ms: round(pct(joinLatencies, 50)),
      p95_ms: round(pct(joinLatencies, 95)),
      max_ms: round(Math.max(0, ...joinLatencies)),
      missed: joinsMissed,
    });
    line({
      phase: 'post-to-display',
      messages: posts.length,
      rate_per_s: round(posts.length / postSpan),
      pages: roomSeen.length,
      max_ms: round(Math.max(0, ...latencies)),
      // The post call alone (rate checks, insert, commit): the rest of the latency is the live path.
      post_call_p50_ms: round(
        pct(
          posts.map((q) => q.committedAt - q.startedAt),
          50,
        ),
      ),
      post_call_p95_ms: round(
        pct(
          posts.map((q) => q.committedAt - q.startedAt),
          95,
        ),
      ),
    });

    callerPages.forEach((p) => p.close());
    groupPages.forEach((p) => p.close());
    await sleep(300);
    line({ phase: 'teardown', hub_subscriptions_after_close: hub.subscriberCount() });
    line({
      members: MEMBERS,
      p50_ms: round(pct(latencies, 50)),
      p95_ms: round(pct(latencies, 95)),
      p99_ms: round(pct(latencies, 99)),
      missed,
      join_update_p95_ms: round(pct(joinLatencies, 95)),
    });
    await server?.close();
    await closeLiveHub(deps);
  } finally {
    for (const c of cleanups) await c().catch((e: unknown) => log(`cleanup: ${String(e)}`));
    // pool.end() resolves before its idle sockets have closed; stopping PostgreSQL at once would log each one.
    await sleep(200);
    await emulator.stop();
    await pgServer.stop().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

(process.argv.includes('--client') ? runClient() : main())
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
