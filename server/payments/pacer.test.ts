import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { createHarness, type Harness } from '@/test/harness';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { closeGroup } from '@/server/groups/close-group';
import { addMembers, createOpenGroup } from '@/server/groups/close-test-factory';
import { startAppWorker } from '@/server/tasks';
import { acquireStripeSlot, pacedPayments, pacerStats } from './pacer';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ rateLimit: 5 });
});
afterAll(async () => h.close());

async function closeAndSettle(
  deps: Deps,
  workers: number,
  size: number,
): Promise<{ ms: number; amounts: number[]; rateLimited: number; captures: number }> {
  const g = await createOpenGroup(h.deps, {
    deadline: new Date(Date.now() - 1000),
    tiers: [{ minMembers: 1, unitPrice: 1000 }],
  });
  await addMembers(
    h.deps,
    g,
    Array.from({ length: size }, () => ({ unitPriceAtJoin: 1000 })),
    { concurrency: 2 },
  );
  await new Promise((r) => setTimeout(r, 1100)); // a fresh rate-limit second at the emulator
  const before = await emulatorControl(h.emulatorUrl).stats();
  const runners = await Promise.all(
    Array.from({ length: workers }, () => startAppWorker(deps, { pollInterval: 100 })),
  );
  const t0 = Date.now();
  try {
    await closeGroup(deps, g.groupId, 'deadline');
    for (;;) {
      const [row] = await h.t.db.select({ s: groups.status }).from(groups).where(eq(groups.id, g.groupId));
      if (row?.s === 'won') break;
      if (Date.now() - t0 > 60_000) throw new Error('close did not finish');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
  }
  const rows = await h.t.db
    .select({ status: members.status, charge: members.chargeAmount })
    .from(members)
    .where(eq(members.groupId, g.groupId));
  expect(rows.every((r) => r.status === 'captured')).toBe(true);
  const after = await emulatorControl(h.emulatorUrl).stats();
  const route = 'POST /v1/payment_intents/:id/capture';
  return {
    ms: Date.now() - t0,
    amounts: rows.map((r) => r.charge ?? 0),
    rateLimited: after.rateLimited - before.rateLimited,
    captures: (after.byRoute[route] ?? 0) - (before.byRoute[route] ?? 0),
  };
}

describe('pacing Stripe calls', () => {
  it('finishes a close under a 5/s Stripe limit with every 429 retried (none gives up)', async () => {
    // The app believes it may send 20/s; Stripe (the emulator) allows 5/s: 429s happen and are ridden out.
    const deps = { ...h.deps, payments: pacedPayments(h.deps.payments, h.deps.db, { maxRps: 20 }) };
    const before = { ...pacerStats };
    const { amounts, rateLimited } = await closeAndSettle(deps, 1, 12);
    expect(amounts).toEqual(Array(12).fill(1000));
    expect(rateLimited).toBeGreaterThan(0);
    expect(pacerStats.rateLimitedRetried - before.rateLimitedRetried).toBeGreaterThan(0);
    expect(pacerStats.rateLimitedGaveUp - before.rateLimitedGaveUp).toBe(0);
  }, 90_000);

  it('shares one budget across workers through PostgreSQL: two workers at 4/s never trip the 5/s limit', async () => {
    const deps = {
      ...h.deps,
      payments: pacedPayments(h.deps.payments, h.deps.db, { maxRps: 4, key: 'shared-test' }),
    };
    const { ms, rateLimited, captures } = await closeAndSettle(deps, 2, 12);
    expect(rateLimited).toBe(0);
    expect(captures).toBe(12);
    // 12 captures at 4 per second span three one-second windows, so at least two window boundaries.
    expect(ms).toBeGreaterThanOrEqual(1000);
  }, 90_000);

  it('spaces requests evenly: no one-second span holds more than the limit, even across a second boundary', async () => {
    // Six workers race for 60 slots at 20/s; each notes when it was allowed to send.
    const granted: number[] = [];
    const worker = async () => {
      for (let i = 0; i < 10; i++) {
        await acquireStripeSlot(h.deps.db, { maxRps: 20, key: 'spacing-test' });
        granted.push(performance.now());
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    granted.sort((a, b) => a - b);
    expect(granted).toHaveLength(60);
    // Any 21 consecutive sends span at least a second (less a little timer jitter): at most 20 per second.
    const tightest = Math.min(...granted.slice(20).map((t, i) => t - (granted[i] ?? 0)));
    expect(tightest).toBeGreaterThanOrEqual(900);
    // And the budget is used, not wasted: 60 sends at 20/s take about three seconds.
    expect((granted.at(-1) ?? 0) - (granted[0] ?? 0)).toBeLessThan(4000);
  }, 30_000);
});
