// End to end through the real join and leave flows (groups router), then the close.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { groups, members } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import type { WorkerHandle } from '@/server/jobs/worker';
import { startAppWorker } from '@/server/tasks';
import { createOpenGroup, waitForGroupStatus } from './close-test-factory';
import { openGroup } from './open-group';
import { VOUCHER_CHOICE } from './test-factory';

let h: Harness;
let worker: WorkerHandle;
beforeAll(async () => {
  h = await createHarness();
  worker = await startAppWorker(h.deps, { pollInterval: 100 });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

async function join(code: string, quantity = 1) {
  const u = await h.makeUser();
  const r = await h.caller(u).groups.join({
    code,
    alias: u.name,
    quantity,
    fulfilment: VOUCHER_CHOICE,
    idempotencyKey: randomUUID(),
    paymentMethod: 'pm_card_visa',
  });
  return { user: u, member: r.member };
}

describe('joins, a leave, then the close', () => {
  it('charges the member who joined at the cheaper tier no more than shown, after leaves raised the price', async () => {
    const owner = await h.makeMerchant();
    const base = await createOpenGroup(h.deps, {
      merchantId: owner.merchantId,
      tiers: [
        { minMembers: 2, unitPrice: 1000 },
        { minMembers: 4, unitPrice: 600 },
      ],
    });
    const opened = await openGroup(h.deps, { merchantId: owner.merchantId }, { dealId: base.dealId });
    const a = await join(opened.code);
    const b = await join(opened.code);
    const c = await join(opened.code);
    const d = await join(opened.code);
    const e = await join(opened.code, 2);
    expect(e.member.unitPriceAtJoin).toBe(600);
    await h.caller(a.user).groups.leave({ memberId: a.member.id });
    await h.caller(b.user).groups.leave({ memberId: b.member.id });

    await h.caller(owner.user, owner.merchantId).merchantGroups.endNow({ groupId: opened.id });
    await waitForGroupStatus(h.deps, opened.id, ['won']);
    const [g] = await h.t.db.select().from(groups).where(eq(groups.id, opened.id));
    expect(g?.finalUnitPrice).toBe(1000);
    const pis = new Map((await emulatorControl(h.emulatorUrl).listPaymentIntents()).map((p) => [p.id, p]));
    const expected = new Map([
      [c.member.id, 1000],
      [d.member.id, 1000],
      [e.member.id, 1200],
    ]);
    for (const [id, amount] of expected) {
      const [m] = await h.t.db.select().from(members).where(eq(members.id, id));
      expect(m?.status).toBe('captured');
      expect(pis.get(m?.paymentIntentId ?? '')?.amount_received).toBe(amount);
    }
    for (const left of [a, b]) {
      const [m] = await h.t.db.select().from(members).where(eq(members.id, left.member.id));
      expect(pis.get(m?.paymentIntentId ?? '')?.status).toBe('canceled');
    }
  });
});
