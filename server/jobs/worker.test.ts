import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { events, groups } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { countCaptured, waitUntil, workerProcesses } from '@/test/worker-process';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { addMembers, createOpenGroup } from '@/server/groups/close-test-factory';
import { addJob } from './add-job';
import { startAppWorker } from '@/server/tasks';

let h: Harness;
const workers = workerProcesses(() => h);

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  workers.killAll();
  await h.close();
});

describe('a worker killed in the middle of a close', () => {
  it('is taken over by the next worker: every member captured exactly once, all settled within 60 s of restart', async () => {
    const ctl = emulatorControl(h.emulatorUrl);
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(Date.now() - 1000),
      tiers: [
        { minMembers: 2, unitPrice: 1200 },
        { minMembers: 8, unitPrice: 900 },
      ],
    });
    const rows = await addMembers(
      h.deps,
      g,
      Array.from({ length: 12 }, (_, i) => ({ unitPriceAtJoin: i < 7 ? 1200 : 900, quantity: 1 + (i % 2) })),
    );
    // Slow captures so the kill lands with some members settled, some in flight at Stripe, some not started.
    await ctl.injectFault({ path: '/v1/payment_intents/*/capture', delayMs: 400, times: 1000 });
    await addJob(h.t.db, 'close-group', { groupId: g.groupId }, { jobKey: `close-group:${g.groupId}` });

    const t0 = Date.now();
    const first = workers.spawn({ STRIPE_MAX_RPS: '3' });
    await waitUntil('a few captures', async () => (await countCaptured(h, g.groupId)) >= 3, 60_000);
    console.log(`killing after ${Date.now() - t0} ms`);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const before = await countCaptured(h, g.groupId);
    expect(before).toBeLessThan(rows.length); // really mid-close
    const stuck = await h.t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker.jobs where locked_by is not null`,
    );
    expect(stuck.rows[0]?.n).toBeGreaterThan(0); // the dead worker left jobs locked (graphile-worker would wait 4 hours)

    await ctl.clearFaults();
    const restartedAt = Date.now();
    workers.spawn({});
    await waitUntil(
      'the group to be won',
      async () => {
        const [row] = await h.t.db.select({ s: groups.status }).from(groups).where(eq(groups.id, g.groupId));
        return row?.s === 'won';
      },
      60_000,
    );
    console.log(`settled ${Date.now() - restartedAt} ms after the restart`);
    // The registry path, not the 30-second fallback for unregistered lockers, is what unlocked the jobs.
    expect(Date.now() - restartedAt).toBeLessThan(20_000);
    const runners = await h.t.db.execute<{ n: number }>(sql`select count(*)::int as n from worker_runners`);
    expect(runners.rows[0]?.n).toBe(1); // the dead runner's row is gone, the live one remains

    const pis = new Map((await ctl.listPaymentIntents()).map((p) => [p.id, p]));
    for (const m of rows) {
      const pi = pis.get(m.paymentIntentId ?? '');
      expect(pi?.status).toBe('succeeded');
      expect(pi?.amount_received).toBe(900 * m.quantity);
      const captured = await h.t.db
        .select()
        .from(events)
        .where(and(eq(events.memberId, m.id), eq(events.type, 'member.captured')));
      expect(captured).toHaveLength(1);
    }
  }, 150_000);

  it('never unlocks jobs held by a live worker when another worker sweeps', async () => {
    const ctl = emulatorControl(h.emulatorUrl);
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(Date.now() - 1000),
      tiers: [{ minMembers: 1, unitPrice: 500 }],
    });
    const [m] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 500 }]);
    await ctl.injectFault({ path: '/v1/payment_intents/*/capture', delayMs: 3000, times: 1 });
    const a = await startAppWorker(h.deps, { pollInterval: 100 });
    const b = await startAppWorker(h.deps, { pollInterval: 100 });
    try {
      await addJob(h.t.db, 'close-group', { groupId: g.groupId });
      await waitUntil(
        'the settle job to be running',
        async () => {
          const r = await h.t.db.execute<{ n: number }>(
            sql`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'settle-member' and locked_by is not null`,
          );
          return (r.rows[0]?.n ?? 0) > 0;
        },
        10_000,
      );
      expect(await a.sweep()).toEqual([]);
      expect(await b.sweep()).toEqual([]);
      await waitUntil('the group to be won', async () => (await countCaptured(h, g.groupId)) === 1, 20_000);
      const captures = (await ctl.stats()).byRoute['POST /v1/payment_intents/:id/capture'] ?? 0;
      expect(captures).toBeGreaterThan(0);
      const ev = await h.t.db
        .select()
        .from(events)
        .where(and(eq(events.memberId, m?.id ?? ''), eq(events.type, 'member.captured')));
      expect(ev).toHaveLength(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);
});
