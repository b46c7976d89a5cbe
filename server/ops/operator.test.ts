// What an operator sees (issue 19): each metric the issue lists moves when its event happens (holds,
// captures and releases through the counted payments port, NOTIFY→delivery lag, SSE connections); the
// worker process serves /metrics only with the token and stops on SIGTERM; a join's request id rides into
// the jobs it causes and onto their log lines.
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '@/server/deps';
import { isLiveStream, trackRequests } from '@/server/http/graceful-stop';
import { closeGroupJobKey } from '@/server/jobs/job-keys';
import type { WorkerHandle } from '@/server/jobs/worker';
import { closeLiveHub, getLiveHub, topics } from '@/server/live/listener';
import { startAppWorker } from '@/server/tasks';
import { createCaller } from '@/server/trpc/root';
import type { SessionUser } from '@/server/auth/session-user';
import { createHarness, type Harness } from '@/test/harness';
import { publishedDeal } from '@/test/published-deal';
import { waitUntil, workerProcesses } from '@/test/worker-process';
import { createLogger } from './log';
import { sample } from './metric-sample';
import { watchStreams } from './metrics';
import { instrumentPayments } from './payment-metrics';

let h: Harness;
let counted: Deps;
let worker: WorkerHandle | null = null;
const procs = workerProcesses(() => h);

beforeAll(async () => {
  h = await createHarness();
  counted = { ...h.deps, payments: instrumentPayments(h.deps.payments) };
});
afterAll(async () => {
  procs.killAll();
  await worker?.stop();
  await closeLiveHub(h.deps);
  await h.close();
});

/** A two-seat deal whose group needs both seats to win, and a group opened on it. */
async function twoSeatGroup() {
  const shop = await h.makeMerchant({ name: `Shop ${randomUUID().slice(0, 4)}` });
  const deal = await publishedDeal(h, shop, {
    title: 'Tea',
    listPrice: 1000,
    tiers: [{ minMembers: 2, unitPrice: 800 }],
    maxMembers: 2,
    qrCutoff: 2,
  });
  const opener = await h.makeUser({ anonymous: true });
  const group = await h.caller(opener).groups.open({ dealId: deal.id });
  return { shop, group, opener };
}

/** Joins `code` as `u` through the counted port, with `reqId` as the request's X-Request-Id. */
function join(u: SessionUser, code: string, card: string, reqId = `req-${randomUUID()}`) {
  const c = createCaller({
    deps: counted,
    user: u,
    merchantId: null,
    headers: new Headers({ 'x-request-id': reqId }),
  });
  return c.groups.join({
    code,
    alias: `Buyer ${u.id.slice(0, 4)}`,
    quantity: 1,
    fulfilment: { method: 'voucher', contactEmail: 'buyer@example.test' },
    idempotencyKey: randomUUID(),
    paymentMethod: card,
  });
}

/** Captures log lines written while `fn` runs (the process logger is swapped for one into an array). */
async function capturingLogs<T>(fn: (lines: Record<string, unknown>[]) => Promise<T>): Promise<T> {
  const lines: Record<string, unknown>[] = [];
  const store = globalThis as { __flockLog?: unknown };
  const saved = store.__flockLog;
  store.__flockLog = createLogger(
    { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
    'info',
  );
  try {
    return await fn(lines);
  } finally {
    store.__flockLog = saved;
  }
}

describe('payment metrics', () => {
  it('count holds by outcome, captures of a won group and releases of a failed one', async () => {
    worker ??= await startAppWorker(h.deps, { pollInterval: 100 });
    const held = () => sample('flock_holds_total', '{kind="hold",outcome="authorized"}');
    const declined = () => sample('flock_holds_total', '{kind="hold",outcome="card_declined"}');
    const captured = () => sample('flock_captures_total', '{kind="hold",outcome="captured"}');
    const released = () => sample('flock_releases_total', '{outcome="released"}');
    const [held0, declined0, captured0, released0] = [
      await held(),
      await declined(),
      await captured(),
      await released(),
    ];

    const won = await twoSeatGroup();
    await join(won.opener, won.group.code, 'pm_card_visa');
    await expect(
      join(await h.makeUser({ anonymous: true }), won.group.code, 'pm_card_chargeDeclined'),
    ).rejects.toThrow();
    await join(await h.makeUser({ anonymous: true }), won.group.code, 'pm_card_visa');
    expect(await held()).toBe(held0 + 2);
    expect(await declined()).toBe(declined0 + 1);
    // The second hold fills the group: it closes at once and the worker captures both.
    await waitUntil('both captured', async () => (await captured()) >= captured0 + 2, 15_000);

    const lost = await twoSeatGroup();
    await join(lost.opener, lost.group.code, 'pm_card_visa');
    await h.caller(lost.shop.user, lost.shop.merchantId).merchantGroups.endNow({ groupId: lost.group.id });
    await waitUntil('the hold released', async () => (await released()) >= released0 + 1, 15_000);
    expect(await captured()).toBe(captured0 + 2);
    expect(
      await sample('flock_payment_call_duration_seconds_count', '{call="authorize"}'),
    ).toBeGreaterThanOrEqual(4);
  });
});

describe('NOTIFY→delivery lag', () => {
  it('observes a lag for each event handed to a subscriber', async () => {
    const lagCount = () => sample('flock_live_delivery_lag_seconds_count');
    const watched = await twoSeatGroup();
    const hub = getLiveHub(h.deps, { lagEveryMs: 50 });
    const seen: number[] = [];
    const stop = await hub.subscribe([topics.group(watched.group.id)], (s) => {
      if (s.kind === 'event') seen.push(s.event.id);
    });
    try {
      const before = await lagCount();
      await join(watched.opener, watched.group.code, 'pm_card_visa');
      await waitUntil('events delivered', async () => seen.length >= 2, 5000);
      const n = seen.length;
      await waitUntil('lags observed', async () => (await lagCount()) >= before + n, 5000);
      expect(await sample('flock_live_delivery_lag_seconds_sum')).toBeGreaterThanOrEqual(0);
    } finally {
      stop();
    }
  });
});

describe('SSE connections', () => {
  it('counts the live streams the HTTP server holds open, and forgets them when they close', async () => {
    const server: Server = createServer((req, res) => {
      if (isLiveStream(req)) res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': hi\n\n');
      else res.end('ok');
    });
    const tracker = trackRequests(server, isLiveStream);
    watchStreams(() => tracker.streams());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await new Promise<IncomingMessage>((resolve) =>
        request(
          { port, host: '127.0.0.1', path: '/api/trpc/live.group', headers: { accept: 'text/event-stream' } },
          resolve,
        ).end(),
      );
      expect(await sample('flock_sse_connections')).toBe(1);
      await fetch(`http://127.0.0.1:${port}/plain`);
      expect(await sample('flock_sse_connections')).toBe(1);
      res.destroy();
      await waitUntil('the stream closed', async () => (await sample('flock_sse_connections')) === 0, 5000);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('worker process /metrics', () => {
  it('answers only the token, says healthy, and stops with the worker on SIGTERM', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const token = 'worker-metrics-token-0001';
    const child = procs.spawn({
      NODE_ENV: 'production',
      WORKER_METRICS_PORT: String(port),
      METRICS_TOKEN: token,
      LOG_LEVEL: 'warn',
    });
    const url = `http://127.0.0.1:${port}`;
    const health = await waitUntil(
      'the worker listening',
      () =>
        fetch(`${url}/health`).then(
          (r) => (r.ok ? r : null),
          () => null,
        ),
      30_000,
    );
    expect(await health.json()).toEqual({ ok: true, role: 'worker' });
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(right.status).toBe(200);
    const text = await right.text();
    expect(text).toContain('flock_job_failures_total');
    expect(text).toMatch(/^flock_settle_queue_lag_seconds \d/m);
    expect(text).toMatch(/^flock_db_pool_connections\{state="total"\} \d/m);

    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

describe('request id into jobs', () => {
  it('stamps the join request id on the jobs it enqueues and on the log lines of the close and settlements it causes', async () => {
    await worker?.stop();
    worker = null;
    const g = await twoSeatGroup();
    await join(g.opener, g.group.code, 'pm_card_visa', 'req-first-join-01');
    const jobs = await h.t.db.execute<{ task: string; reqId: string | null }>(sql`
      select t.identifier as task, j.payload->>'reqId' as "reqId" from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id where j.payload->>'reqId' = 'req-first-join-01'`);
    // Its receipt and its reservation's expiry (the close was scheduled when the group opened).
    expect(jobs.rows.map((j) => j.task)).toEqual(
      expect.arrayContaining(['expire-reservation', 'send-notification']),
    );

    await capturingLogs(async (lines) => {
      // The second join fills the group: its request causes the close and, through it, both settlements.
      const second = await h.makeUser({ anonymous: true });
      const res = await join(second, g.group.code, 'pm_card_visa', 'req-filling-join-02');
      const closeJob = await h.t.db.execute<{ reqId: string | null }>(sql`
        select payload->>'reqId' as "reqId" from graphile_worker._private_jobs
        where key = ${closeGroupJobKey(g.group.id)}`);
      expect(closeJob.rows[0]?.reqId).toBe('req-filling-join-02');

      worker = await startAppWorker(h.deps, { pollInterval: 100 });
      const settled = await waitUntil(
        'both settled',
        async () => {
          const s = lines.filter((l) => l['msg'] === 'settled');
          return s.length >= 2 ? s : null;
        },
        15_000,
      );
      const mine = lines.filter((l) => l['reqId'] === 'req-filling-join-02');
      expect(mine.map((l) => l['msg'])).toEqual(expect.arrayContaining(['join', 'group closed', 'settled']));
      expect(lines.find((l) => l['msg'] === 'group closed')).toMatchObject({
        task: 'close-group',
        reqId: 'req-filling-join-02',
        outcome: 'won',
      });
      expect(settled.map((l) => l['reqId'])).toEqual(['req-filling-join-02', 'req-filling-join-02']);
      expect(settled.find((l) => l['memberId'] === res.member.id)).toMatchObject({
        task: 'settle-member',
        result: 'captured',
        jobId: expect.any(String),
      });
    });
  });
});
