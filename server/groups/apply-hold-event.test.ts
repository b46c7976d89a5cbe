// A hold the bank cancels on a full group: the member fails, the seat frees, and the close that the full
// group had brought forward goes back to the deadline, exactly as when a member leaves.
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups, members } from '@/db/schema';
import { closeGroupJobKey } from '@/server/jobs/job-keys';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createHarness, type Harness } from '@/test/harness';
import { handleHoldWebhook } from './apply-hold-event';
import { makeGroup, readGroup } from './test-factory';

let h: Harness;
let stripe: Stripe;
const SECRET = `whsec_${randomBytes(16).toString('hex')}`;
beforeAll(async () => {
  h = await createHarness();
  stripe = createStripeClient({ emulatorUrl: h.emulatorUrl });
});
afterAll(async () => h.close());

async function closeJob(groupId: string) {
  const r = await h.t.db.execute<{ run_at: Date; payload: { reason?: string } }>(
    sql`select run_at, payload from graphile_worker._private_jobs where key = ${closeGroupJobKey(groupId)}`,
  );
  return r.rows[0];
}

async function deliverCanceled(paymentIntentId: string) {
  const payload = JSON.stringify({
    id: `evt_${randomUUID()}`,
    object: 'event',
    type: 'payment_intent.canceled',
    api_version: '2024-06-20',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: await stripe.paymentIntents.retrieve(paymentIntentId) },
  });
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
  return handleHoldWebhook(h.deps, payload, header, SECRET);
}

const join = (code: string, alias: string) =>
  h.makeUser({ anonymous: true }).then((u) =>
    h.caller(u).groups.join({
      code,
      alias,
      quantity: 1,
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
    await stripe.paymentIntents.cancel(m?.paymentIntentId ?? '');
    expect((await deliverCanceled(m?.paymentIntentId ?? '')).status).toBe(200);

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
});
