// A real worker process killed (SIGKILL) in the middle of a long-window close: some saved cards charged,
// some charges in flight at Stripe, some not started. The next worker takes over and every member ends up
// charged exactly once (the key charge:<memberId> replays an attempt the dead worker already made).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups, members } from '@/db/schema';
import { addJob } from '@/server/jobs/add-job';
import { createHarness, type Harness } from '@/test/harness';
import { countCaptured, waitUntil, workerProcesses } from '@/test/worker-process';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { makeGroup, VOUCHER_CHOICE } from './test-factory';

let h: Harness;
const workers = workerProcesses(() => h);

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  workers.killAll();
  await h.close();
});

describe('a worker killed in the middle of an off-session close', () => {
  it('is taken over by the next worker: every saved card charged exactly once, the group won', async () => {
    const ctl = emulatorControl(h.emulatorUrl);
    const { code, groupId } = await makeGroup(h.deps, {
      windowSeconds: 14 * 24 * 3600,
      maxMembers: 50,
      qrCutoff: 50,
      tiers: [
        { minMembers: 2, unitPrice: 1200 },
        { minMembers: 8, unitPrice: 900 },
      ],
    });
    const joined: { id: string; quantity: number; unitPriceAtJoin: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const u = await h.makeUser({ anonymous: true });
      const res = await h.caller(u).groups.join({
        code,
        alias: `Buyer ${i}`,
        quantity: 1 + (i % 2),
        fulfilment: VOUCHER_CHOICE,
        idempotencyKey: randomUUID(),
        paymentMethod: 'pm_card_visa',
      });
      expect(res.member.status).toBe('authorized');
      joined.push({
        id: res.member.id,
        quantity: res.member.quantity,
        unitPriceAtJoin: res.member.unitPriceAtJoin,
      });
    }
    // The window ends now; slow off-session charges so the kill lands mid-close.
    await h.deps.db
      .update(groups)
      .set({ deadline: new Date(Date.now() - 1000) })
      .where(eq(groups.id, groupId));
    await ctl.injectFault({ path: '/v1/payment_intents', method: 'POST', delayMs: 400, times: 1000 });
    await addJob(
      h.t.db,
      'close-group',
      { groupId, reason: 'deadline' },
      { jobKey: `close-group:${groupId}` },
    );

    const first = workers.spawn({ STRIPE_MAX_RPS: '3' });
    await waitUntil('a few charges', async () => (await countCaptured(h, groupId)) >= 3, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const before = await countCaptured(h, groupId);
    expect(before).toBeLessThan(joined.length); // really mid-close

    await ctl.clearFaults();
    workers.spawn({});
    await waitUntil(
      'the group to be won',
      async () => {
        const [row] = await h.t.db.select({ s: groups.status }).from(groups).where(eq(groups.id, groupId));
        return row?.s === 'won';
      },
      60_000,
    );

    const pis = await ctl.listPaymentIntents();
    let total = 0;
    for (const m of joined) {
      const mine = pis.filter(
        (p) => (p.metadata as Record<string, string> | undefined)?.['member_id'] === m.id,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0]?.status).toBe('succeeded');
      const amount = Math.min(900, m.unitPriceAtJoin) * m.quantity;
      expect(mine[0]?.amount_received).toBe(amount);
      const [row] = await h.t.db.select().from(members).where(eq(members.id, m.id));
      expect(row).toMatchObject({ status: 'captured', chargeAmount: amount, paymentIntentId: mine[0]?.id });
      total += mine[0]?.amount_received ?? 0;
    }
    expect(total).toBe(joined.reduce((s, m) => s + 900 * m.quantity, 0));
  }, 150_000);
});
