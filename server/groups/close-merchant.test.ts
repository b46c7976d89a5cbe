import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { events, groups, members, outbox } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import type { WorkerHandle } from '@/server/jobs/worker';
import { startAppWorker } from '@/server/tasks';
import { addMembers, createOpenGroup, waitForGroupStatus } from './close-test-factory';

let h: Harness;
let worker: WorkerHandle;
let owner: Awaited<ReturnType<Harness['makeMerchant']>>;
let other: Awaited<ReturnType<Harness['makeMerchant']>>;

beforeAll(async () => {
  h = await createHarness();
  worker = await startAppWorker(h.deps, { pollInterval: 100 });
  owner = await h.makeMerchant({ name: 'Owner' });
  other = await h.makeMerchant({ name: 'Someone Else' });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

const asOwner = () => h.caller(owner.user, owner.merchantId).merchantGroups;
const asOther = () => h.caller(other.user, other.merchantId).merchantGroups;

async function pis() {
  return new Map((await emulatorControl(h.emulatorUrl).listPaymentIntents()).map((p) => [p.id, p]));
}

describe("the merchant's end-now", () => {
  it('closes an open group at once by the usual rules, and only for its owner', async () => {
    const g = await createOpenGroup(h.deps, {
      merchantId: owner.merchantId,
      tiers: [
        { minMembers: 2, unitPrice: 2500 },
        { minMembers: 3, unitPrice: 2000 },
      ],
    });
    const rows = await addMembers(h.deps, g, [{ unitPriceAtJoin: 2500 }, { unitPriceAtJoin: 2500 }]);

    await expect(asOther().endNow({ groupId: g.groupId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.t.db.select().from(groups).where(eq(groups.id, g.groupId)))[0]?.status).toBe('open');

    const r = await asOwner().endNow({ groupId: g.groupId });
    expect(r).toMatchObject({ closed: true, outcome: 'won', finalUnitPrice: 2500 });
    await waitForGroupStatus(h.deps, g.groupId, ['won']);
    const all = await pis();
    for (const m of rows) expect(all.get(m.paymentIntentId ?? '')?.amount_received).toBe(2500);
    const [grp] = await h.t.db.select().from(groups).where(eq(groups.id, g.groupId));
    expect(grp?.closeReason).toBe('merchant');

    await expect(asOwner().endNow({ groupId: g.groupId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already won/),
    });
  });

  it('fails a group below its minimum and releases the holds', async () => {
    const g = await createOpenGroup(h.deps, {
      merchantId: owner.merchantId,
      tiers: [{ minMembers: 3, unitPrice: 1000 }],
    });
    const rows = await addMembers(h.deps, g, [{ unitPriceAtJoin: 1000 }]);
    expect(await asOwner().endNow({ groupId: g.groupId })).toMatchObject({ outcome: 'failed' });
    await waitForGroupStatus(h.deps, g.groupId, ['failed']);
    expect((await pis()).get(rows[0]?.paymentIntentId ?? '')?.status).toBe('canceled');
  });
});

describe('canceling a group', () => {
  it('releases every hold, cancels the group and tells each member who had a hold (e-mail only to real addresses)', async () => {
    const g = await createOpenGroup(h.deps, {
      merchantId: owner.merchantId,
      tiers: [{ minMembers: 2, unitPrice: 1800 }],
    });
    const rows = await addMembers(h.deps, g, [
      { unitPriceAtJoin: 1800, email: 'ana@example.test' },
      { unitPriceAtJoin: 1800, quantity: 2, anonymous: true },
      { unitPriceAtJoin: 1800, status: 'reserved', email: 'cy@example.test' },
      { unitPriceAtJoin: 1800, email: 'bo@example.test', locale: 'ja' },
    ]);
    await expect(asOther().cancel({ groupId: g.groupId })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await asOwner().cancel({ groupId: g.groupId, reason: 'Out of stock, sorry.' })).toEqual({
      canceled: true,
      members: 4,
    });
    await waitForGroupStatus(h.deps, g.groupId, ['canceled']);
    const all = await pis();
    for (const m of rows.slice(0, 2)) {
      expect(all.get(m.paymentIntentId ?? '')).toMatchObject({ status: 'canceled', amount_received: 0 });
    }
    const statuses = await h.t.db
      .select({ id: members.id, s: members.status })
      .from(members)
      .where(eq(members.groupId, g.groupId));
    expect(new Map(statuses.map((s) => [s.id, s.s]))).toEqual(
      new Map([
        [rows[0]?.id, 'released'],
        [rows[1]?.id, 'released'],
        [rows[2]?.id, 'expired'],
        [rows[3]?.id, 'released'],
      ]),
    );
    const told = await h.t.db
      .select()
      .from(events)
      .where(and(eq(events.groupId, g.groupId), eq(events.type, 'member.group_canceled')));
    expect(told).toHaveLength(4);
    // The notifications go out through the worker (the dev outbox here): the reserved seat had no hold.
    const ours = ['ana@example.test', 'bo@example.test', 'cy@example.test'];
    const read = async () => (await h.t.db.select().from(outbox)).filter((m) => ours.includes(m.to));
    let mails = await read();
    for (let i = 0; i < 100 && mails.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      mails = await read();
    }
    await new Promise((r) => setTimeout(r, 300));
    mails = await read();
    expect(mails.map((m) => m.to).sort()).toEqual(['ana@example.test', 'bo@example.test']);
    // Each in the language the member joined in.
    const mailTo = (to: string) => mails.find((m) => m.to === to);
    expect(mailTo('ana@example.test')?.body).toMatch(/will not be charged/);
    expect(mailTo('bo@example.test')?.subject).toMatch(/グループはキャンセルされました$/);
    expect(mailTo('bo@example.test')?.body).toContain('お支払いは発生しません');
    expect(mailTo('bo@example.test')?.body).toContain('出店者からのメッセージ：Out of stock, sorry.');
    await expect(asOwner().cancel({ groupId: g.groupId })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('refunding a member', () => {
  it('refunds part then the rest of a charge, refuses more, and hides other merchants’ members', async () => {
    const g = await createOpenGroup(h.deps, {
      merchantId: owner.merchantId,
      tiers: [{ minMembers: 1, unitPrice: 3000 }],
    });
    const [m] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 3000 }]);
    const memberId = m?.id ?? '';
    await expect(asOwner().refundMember({ memberId, amount: 100 })).rejects.toMatchObject({
      code: 'CONFLICT',
    }); // not charged yet
    await asOwner().endNow({ groupId: g.groupId });
    await waitForGroupStatus(h.deps, g.groupId, ['won']);

    await expect(asOther().refundMember({ memberId, amount: 100 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await asOwner().refundMember({ memberId, amount: 1000 })).toEqual({
      refundedAmount: 1000,
      refundable: 2000,
    });
    await expect(asOwner().refundMember({ memberId, amount: 2001 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/at most \$20\.00/),
    });
    expect(await asOwner().refundMember({ memberId, amount: 2000 })).toEqual({
      refundedAmount: 3000,
      refundable: 0,
    });
    await expect(asOwner().refundMember({ memberId, amount: 1 })).rejects.toMatchObject({
      message: expect.stringMatching(/already been refunded in full/),
    });

    const stats = await emulatorControl(h.emulatorUrl).stats();
    expect(stats.byRoute['POST /v1/refunds']).toBe(2);
    const [row] = await h.t.db.select().from(members).where(eq(members.id, memberId));
    expect(row?.refundedAmount).toBe(3000);
  });
});
