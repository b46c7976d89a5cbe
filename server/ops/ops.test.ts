// Operating Flock (issue 19, in part): readiness says which check fails until a worker runs; the metrics
// an operator scrapes count joins, closes and settlements as they happen; /metrics is closed in production
// without a token and answers only the right one; the logs follow a join from its request to its charge.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLiveHub } from '@/server/live/listener';
import type { WorkerHandle } from '@/server/jobs/worker';
import { startAppWorker } from '@/server/tasks';
import { createHarness, type Harness } from '@/test/harness';
import { publishedDeal } from '@/test/published-deal';
import { waitUntil } from '@/test/worker-process';
import { getEnv } from '@/server/env';
import { setEnv, unsetEnv } from '@/tools/process-env';
import { createCaller } from '@/server/trpc/root';
import { createLogger, loggablePath, requestIdFor } from './log';
import { sample } from './metric-sample';
import { metrics, watchDeps } from './metrics';
import { readiness } from './readiness';

let h: Harness;
let worker: WorkerHandle | null = null;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await worker?.stop();
  await closeLiveHub(h.deps);
  await h.close();
});

describe('readiness', () => {
  it('passes the database, migrations and live checks, and fails the worker check until a worker runs', async () => {
    const before = await readiness(h.deps);
    expect(before.ready).toBe(false);
    expect(Object.fromEntries(before.checks.map((c) => [c.name, c.ok]))).toEqual({
      database: true,
      migrations: true,
      live: true,
      worker: false,
    });
    expect(before.checks.find((c) => c.name === 'worker')?.detail).toBe('no job worker is running');
    worker = await startAppWorker(h.deps, { pollInterval: 100 });
    expect(await readiness(h.deps)).toMatchObject({ ready: true });
  });
});

describe('metrics', () => {
  it('count joins by outcome, closes and settlements, with the pool and live gauges', async () => {
    if (!worker) worker = await startAppWorker(h.deps, { pollInterval: 100 });
    const shop = await h.makeMerchant({ name: 'Metrics Shop' });
    const c = h.caller(shop.user, shop.merchantId);
    const deal = await publishedDeal(h, shop, {
      title: 'Soap',
      listPrice: 1000,
      tiers: [{ minMembers: 2, unitPrice: 800 }],
    });
    const authorizedBefore = await sample('flock_joins_total', '{outcome="authorized"}');
    const declinedBefore = await sample('flock_joins_total', '{outcome="payment_declined"}');
    const wonBefore = await sample('flock_closes_total', '{outcome="won"}');
    const capturedBefore = await sample('flock_settlements_total', '{result="captured"}');

    const first = await h.makeUser({ anonymous: true });
    const opened = await h.caller(first).groups.open({ dealId: deal.id });
    const join = (u: typeof first, card: string) =>
      h.caller(u).groups.join({
        code: opened.code,
        alias: `Buyer ${u.id.slice(0, 4)}`,
        quantity: 1,
        fulfilment: { method: 'voucher', contactEmail: 'buyer@example.test' },
        idempotencyKey: randomUUID(),
        paymentMethod: card,
      });
    await join(first, 'pm_card_visa');
    await join(await h.makeUser({ anonymous: true }), 'pm_card_visa');
    await expect(join(await h.makeUser({ anonymous: true }), 'pm_card_chargeDeclined')).rejects.toThrow();
    expect(await sample('flock_joins_total', '{outcome="authorized"}')).toBe(authorizedBefore + 2);
    expect(await sample('flock_joins_total', '{outcome="payment_declined"}')).toBe(declinedBefore + 1);

    await c.merchantGroups.endNow({ groupId: opened.id });
    expect(await sample('flock_closes_total', '{outcome="won"}')).toBe(wonBefore + 1);
    await waitUntil(
      'both members settled',
      async () => (await sample('flock_settlements_total', '{result="captured"}')) >= capturedBefore + 2,
      15_000,
    );

    watchDeps(h.deps);
    const text = await metrics().registry.metrics();
    expect(text).toMatch(/^flock_join_duration_seconds_count \d+/m);
    expect(text).toMatch(/^flock_db_pool_connections\{state="total"\} \d+/m);
    expect(text).toMatch(/^flock_live_subscribers \d+/m);
    expect(text).toMatch(/^flock_settle_queue_lag_seconds \d+/m);
  });
});

describe('/metrics', () => {
  it('is closed in production without a token, and answers only the right bearer token', async () => {
    const { GET } = await import('@/app/metrics/route');
    const before = getEnv();
    try {
      setEnv({ NODE_ENV: 'production', STRIPE_EMULATOR_URL: h.emulatorUrl, DATABASE_URL: h.t.url });
      unsetEnv(['METRICS_TOKEN']);
      expect((await GET(new Request('http://flock.test/metrics'))).status).toBe(403);

      setEnv({ METRICS_TOKEN: 'a-long-enough-metrics-token' });
      expect((await GET(new Request('http://flock.test/metrics'))).status).toBe(401);
      const wrong = new Request('http://flock.test/metrics', { headers: { authorization: 'Bearer nope' } });
      expect((await GET(wrong)).status).toBe(401);
      const right = await GET(
        new Request('http://flock.test/metrics', {
          headers: { authorization: 'Bearer a-long-enough-metrics-token' },
        }),
      );
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('flock_joins_total');
    } finally {
      setEnv({ NODE_ENV: before.NODE_ENV });
      if (before.METRICS_TOKEN) setEnv({ METRICS_TOKEN: before.METRICS_TOKEN });
      else unsetEnv(['METRICS_TOKEN']);
    }
  });
});

describe('logs', () => {
  it('follow a join from its request id to the job that charges the member, with no secret in a path', async () => {
    expect(loggablePath('/pay/eyJ1Ijo.abc?x=1')).toBe('/pay/:token');
    expect(loggablePath('/u/eyJ1.sig')).toBe('/u/:token');
    expect(loggablePath('/g/abc123?i=invite')).toBe('/g/abc123');
    expect(requestIdFor('req-12345678')).toBe('req-12345678');
    expect(requestIdFor('bad id with spaces')).toMatch(/^[0-9a-f-]{36}$/);

    const lines: Record<string, unknown>[] = [];
    const saved = (globalThis as { __flockLog?: unknown }).__flockLog;
    (globalThis as { __flockLog?: unknown }).__flockLog = createLogger(
      {
        write: (s: string) => {
          lines.push(JSON.parse(s) as Record<string, unknown>);
        },
      },
      'info',
    );
    try {
      if (!worker) worker = await startAppWorker(h.deps, { pollInterval: 100 });
      const shop = await h.makeMerchant({ name: 'Log Shop' });
      const c = h.caller(shop.user, shop.merchantId);
      const deal = await publishedDeal(h, shop, {
        title: 'Candle',
        listPrice: 1000,
        tiers: [{ minMembers: 1, unitPrice: 900 }],
      });
      const u = await h.makeUser({ anonymous: true });
      const opened = await h.caller(u).groups.open({ dealId: deal.id });
      const withId = createCaller({
        deps: h.deps,
        user: u,
        merchantId: null,
        headers: new Headers({ 'x-request-id': 'req-join-0001' }),
      });
      const res = await withId.groups.join({
        code: opened.code,
        alias: 'Lin',
        quantity: 1,
        fulfilment: { method: 'voucher', contactEmail: 'lin@example.test' },
        idempotencyKey: randomUUID(),
        paymentMethod: 'pm_card_visa',
      });
      const joinLine = lines.find((l) => l['msg'] === 'join');
      expect(joinLine).toMatchObject({
        reqId: 'req-join-0001',
        memberId: res.member.id,
        outcome: 'authorized',
      });
      await c.merchantGroups.endNow({ groupId: opened.id });
      const settled = await waitUntil(
        'the settle line',
        async () => lines.find((l) => l['msg'] === 'settled' && l['memberId'] === res.member.id) ?? null,
        15_000,
      );
      expect(settled).toMatchObject({ task: 'settle-member', result: 'captured', service: 'flock' });
      expect(lines.find((l) => l['msg'] === 'group closed')).toMatchObject({
        groupId: opened.id,
        outcome: 'won',
      });
    } finally {
      (globalThis as { __flockLog?: unknown }).__flockLog = saved;
    }
  });
});
