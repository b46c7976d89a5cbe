// A real worker process killed (SIGKILL) in the middle of paying helper-sellers' commissions: some
// transfers made, some in flight at Stripe, some not started. The next worker takes over and every
// commission is paid exactly once (the key commission:<id> replays a transfer the dead worker already made).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissions, groups } from '@/db/schema';
import { completeDemoOnboarding, ensureAccount } from '@/server/payouts/accounts';
import { createHarness, type Harness } from '@/test/harness';
import { publishedDeal } from '@/test/published-deal';
import { waitUntil, workerProcesses } from '@/test/worker-process';
import { emulatorControl } from '@/tools/stripe-emulator/index';

let h: Harness;
const workers = workerProcesses(() => h);

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  workers.killAll();
  await h.close();
});

const paidCount = async (groupId: string) =>
  (await h.t.db.select().from(commissions).where(eq(commissions.groupId, groupId))).filter(
    (c) => c.status === 'paid',
  ).length;

describe('a worker killed while paying commissions', () => {
  it('is taken over by the next worker: each commission transferred exactly once', async () => {
    const ctl = emulatorControl(h.emulatorUrl);
    const shop = await h.makeMerchant({ name: 'Busy Shop' });
    const c = h.caller(shop.user, shop.merchantId);
    const deal = await publishedDeal(h, shop, {
      title: 'Rice, 5 kg',
      listPrice: 3000,
      tiers: [{ minMembers: 2, unitPrice: 2500 }],
      commissionBps: 800,
      commissionHoldDays: 0,
    });
    // The helper-seller opens the group, joins, and has an account that can receive transfers.
    const sharer = await h.makeUser({ anonymous: true });
    await ensureAccount(h.deps, { kind: 'sharer', userId: sharer.id }, null);
    await completeDemoOnboarding(h.deps, { kind: 'sharer', userId: sharer.id });
    const opened = await h.caller(sharer).groups.open({ dealId: deal.id });
    const joinAs = async (alias: string, inviteCode?: string) => {
      const u = await h.makeUser({ anonymous: true });
      const r = await h.caller(u).groups.join({
        code: opened.code,
        alias,
        quantity: 1,
        fulfilment: { method: 'voucher', contactEmail: 'buyer@example.test' },
        idempotencyKey: randomUUID(),
        paymentMethod: 'pm_card_visa',
        ...(inviteCode ? { inviteCode } : {}),
      });
      return r.member;
    };
    const s = await h.caller(sharer).groups.join({
      code: opened.code,
      alias: 'Sam',
      quantity: 1,
      fulfilment: { method: 'voucher', contactEmail: 'sam@example.test' },
      idempotencyKey: randomUUID(),
      paymentMethod: 'pm_card_visa',
    });
    const brought = 10;
    for (let i = 0; i < brought; i++) await joinAs(`Friend ${i}`, s.member.inviteCode);
    await c.merchantGroups.endNow({ groupId: opened.id });

    // Slow transfers so the kill lands while commissions are being paid.
    await ctl.injectFault({ path: '/v1/transfers', method: 'POST', delayMs: 400, times: 1000 });
    const first = workers.spawn({ STRIPE_MAX_RPS: '3' });
    await waitUntil('a few commissions paid', async () => (await paidCount(opened.id)) >= 2, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(await paidCount(opened.id)).toBeLessThan(brought); // really in the middle

    await ctl.clearFaults();
    workers.spawn({});
    await waitUntil('every commission paid', async () => (await paidCount(opened.id)) === brought, 60_000);

    const rows = await h.t.db.select().from(commissions).where(eq(commissions.groupId, opened.id));
    expect(rows).toHaveLength(brought);
    // 8% of $25.00 each, and one transfer per commission at Stripe, no more.
    for (const r of rows) expect(r).toMatchObject({ amount: 200, paidAmount: 200, status: 'paid' });
    const transfers = (await ctl.listTransfers()).filter((t) => t.transfer_group === opened.id);
    const toSharer = transfers.filter((t) => t.metadata?.['commission_id']);
    expect(toSharer).toHaveLength(brought);
    expect(new Set(toSharer.map((t) => t.metadata?.['commission_id'])).size).toBe(brought);
    expect(toSharer.reduce((sum, t) => sum + t.amount, 0)).toBe(200 * brought);
    const [g] = await h.t.db.select().from(groups).where(eq(groups.id, opened.id));
    expect(g?.status).toBe('won');
  });
});
