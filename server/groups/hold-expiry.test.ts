import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, groups } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { closeGroupJobKey } from '@/server/jobs/job-keys';
import { HOLD_EXPIRY_MARGIN_MS } from './apply-moves';
import { makeGroup, VOUCHER_CHOICE } from './test-factory';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

const DAY = 86_400_000;

describe('hold expiry guard', () => {
  it('pulls the deadline (and the scheduled close) before the oldest hold lapses', async () => {
    // The app's clock runs a day ahead of the processor's, so a 6-day window would end after the hold's
    // capture-before time (processor time + 7 days) minus the margin.
    h.advance(DAY + 2 * 3600_000);
    const { code, groupId } = await makeGroup(h.deps, { windowSeconds: 6 * 24 * 3600 });
    const [before] = await h.deps.db
      .select({ deadline: groups.deadline })
      .from(groups)
      .where(eq(groups.id, groupId));
    const u = await h.makeUser({ anonymous: true });
    const res = await h.caller(u).groups.join({
      code,
      alias: 'Early',
      quantity: 1,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: randomUUID(),
      paymentMethod: 'pm_card_visa',
    });
    expect(res.member.status).toBe('authorized');

    const hold = await h.deps.payments.retrieve(await piOf(groupId));
    expect(hold.captureBefore).not.toBeNull();
    const latest = (hold.captureBefore?.getTime() ?? 0) - HOLD_EXPIRY_MARGIN_MS;

    const [after] = await h.deps.db
      .select({ deadline: groups.deadline })
      .from(groups)
      .where(eq(groups.id, groupId));
    expect(before && after).toBeTruthy();
    expect(after?.deadline.getTime()).toBe(latest);
    expect(after?.deadline.getTime()).toBeLessThan(before?.deadline.getTime() ?? 0);

    const job = await h.deps.db.execute<{ run_at: Date }>(
      sql`select run_at from graphile_worker.jobs where key = ${closeGroupJobKey(groupId)}`,
    );
    expect(new Date(job.rows[0]?.run_at ?? 0).getTime()).toBe(latest);
    const moved = await h.deps.db
      .select()
      .from(events)
      .where(and(eq(events.groupId, groupId), eq(events.type, 'group.deadline_moved')));
    expect(moved).toHaveLength(1);
  });

  it('leaves a deadline that is already early enough alone', async () => {
    const { code, groupId } = await makeGroup(h.deps, { windowSeconds: 3600 });
    const [before] = await h.deps.db
      .select({ deadline: groups.deadline })
      .from(groups)
      .where(eq(groups.id, groupId));
    const u = await h.makeUser({ anonymous: true });
    await h.caller(u).groups.join({
      code,
      alias: 'Soon',
      quantity: 1,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: randomUUID(),
      paymentMethod: 'pm_card_visa',
    });
    const [after] = await h.deps.db
      .select({ deadline: groups.deadline })
      .from(groups)
      .where(eq(groups.id, groupId));
    expect(after?.deadline.getTime()).toBe(before?.deadline.getTime());
  });
});

async function piOf(groupId: string): Promise<string> {
  const r = await h.deps.db.execute<{ payment_intent_id: string }>(
    sql`select payment_intent_id from members where group_id = ${groupId} and payment_intent_id is not null limit 1`,
  );
  return r.rows[0]?.payment_intent_id ?? '';
}
