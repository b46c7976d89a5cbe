// A hold the bank cancels on a full group: the member fails, the seat frees, and the close that the full
// group had brought forward goes back to the deadline, exactly as when a member leaves.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups, members } from '@/db/schema';
import { closeGroupJobKey } from '@/server/jobs/job-keys';
import { createHarness, type Harness } from '@/test/harness';
import { webhookDriver, type WebhookDriver } from '@/test/webhooks';
import { makeGroup, readGroup, VOUCHER_CHOICE } from './test-factory';

let h: Harness;
let webhooks: WebhookDriver;
beforeAll(async () => {
  h = await createHarness();
  webhooks = webhookDriver(h);
});
afterAll(async () => h.close());

async function closeJob(groupId: string) {
  const r = await h.t.db.execute<{ run_at: Date; payload: { reason?: string } }>(
    sql`select run_at, payload from graphile_worker._private_jobs where key = ${closeGroupJobKey(groupId)}`,
  );
  return r.rows[0];
}

const join = (code: string, alias: string) =>
  h.makeUser({ anonymous: true }).then((u) =>
    h.caller(u).groups.join({
      code,
      alias,
      quantity: 1,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: randomUUID(),
      paymentMethod: 'pm_card_visa',
    }),
  );

describe('a hold canceled by the bank', () => {
  it('on a full group frees the seat and moves the close back to the deadline', async () => {
    const { groupId, code } = await makeGroup(h.deps, { maxMembers: 2, qrCutoff: 2 });
    const first = await join(code, 'Ann');
    await join(code, 'Ben');
    const full = await readGroup(h.deps, groupId);
    expect([full.seatsTaken, full.confirmedCount]).toEqual([2, 2]);
    expect((await closeJob(groupId))?.payload.reason).toBe('full');
    expect(full.closeAt?.getTime()).toBeLessThan(full.deadline.getTime());

    const [m] = await h.t.db.select().from(members).where(eq(members.id, first.member.id));
    await webhooks.stripe.paymentIntents.cancel(m?.paymentIntentId ?? '');
    const canceled = await webhooks.eventFor('payment_intent.canceled', m?.paymentIntentId ?? '');
    expect((await webhooks.deliver(canceled)).status).toBe(200);

    const after = await readGroup(h.deps, groupId);
    expect(after.status).toBe('open');
    expect([after.seatsTaken, after.confirmedCount]).toEqual([1, 1]);
    expect(after.closeAt?.getTime()).toBe(after.deadline.getTime());
    const job = await closeJob(groupId);
    expect(new Date(job?.run_at ?? 0).getTime()).toBe(after.deadline.getTime());
    expect(job?.payload.reason).toBe('deadline');
    const [lost] = await h.t.db.select().from(members).where(eq(members.id, first.member.id));
    expect(lost?.status).toBe('failed');

    // The freed seat takes a new member, who fills the group again and brings the close forward again.
    const third = await join(code, 'Cy');
    expect(third.member.status).toBe('authorized');
    expect((await closeJob(groupId))?.payload.reason).toBe('full');
    const [g] = await h.t.db.select({ seats: groups.seatsTaken }).from(groups).where(eq(groups.id, groupId));
    expect(g?.seats).toBe(2);
  });

  it("that Flock released itself (a member leaving) is the leave's to record, whichever arrives first", async () => {
    const { groupId, code } = await makeGroup(h.deps, { maxMembers: 5, qrCutoff: 5 });
    const u = await h.makeUser({ anonymous: true });
    const joined = await h.caller(u).groups.join({
      code,
      alias: 'Lea',
      quantity: 1,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: randomUUID(),
      paymentMethod: 'pm_card_visa',
    });
    const [m] = await h.t.db.select().from(members).where(eq(members.id, joined.member.id));
    // The leave's release reaches Stripe, and its webhook arrives before the leave moves the member.
    await h.deps.payments.release({
      memberId: joined.member.id,
      paymentIntentId: m?.paymentIntentId ?? '',
      reason: 'abandoned',
    });
    const canceled = await webhooks.eventFor('payment_intent.canceled', m?.paymentIntentId ?? '');
    expect((await webhooks.deliver(canceled)).status).toBe(200);
    const [still] = await h.t.db.select().from(members).where(eq(members.id, joined.member.id));
    expect(still?.status).toBe('authorized');

    await h.caller(u).groups.leave({ memberId: joined.member.id });
    const [left] = await h.t.db.select().from(members).where(eq(members.id, joined.member.id));
    expect(left?.status).toBe('left');
    const g = await readGroup(h.deps, groupId);
    expect([g.seatsTaken, g.confirmedCount]).toEqual([0, 0]);
  });
});
