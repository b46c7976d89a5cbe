import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { events, groups, members } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import type { WorkerHandle } from '@/server/jobs/worker';
import { startAppWorker } from '@/server/tasks';
import { closeGroup } from './close-group';
import { addMembers, createOpenGroup, waitForGroupStatus } from './close-test-factory';
import { settleMember } from './settle-member';

let h: Harness;
let worker: WorkerHandle;

beforeAll(async () => {
  h = await createHarness();
  worker = await startAppWorker(h.deps, { pollInterval: 200 });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

async function piById(): Promise<
  Map<string, { status: string; amount_received: number; cancellation_reason: string | null }>
> {
  const list = await emulatorControl(h.emulatorUrl).listPaymentIntents();
  return new Map(list.map((p) => [p.id, p]));
}

describe('closing a group', () => {
  it('captures every member of a won group at min(final, joined) × quantity, even after leaves raised the price', async () => {
    // Tiers: 2+ members pay 10.00, 4+ pay 6.00. A–D joined at 10.00; E joined at 6.00 (quantity 2) once there
    // were four; then two members left, so the group closes with 3 confirmed and a final price of 10.00.
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(Date.now() - 1000),
      tiers: [
        { minMembers: 2, unitPrice: 1000 },
        { minMembers: 4, unitPrice: 600 },
      ],
    });
    const rows = await addMembers(h.deps, g, [
      { unitPriceAtJoin: 1000, status: 'left' },
      { unitPriceAtJoin: 1000, status: 'left' },
      { unitPriceAtJoin: 1000 },
      { unitPriceAtJoin: 1000, quantity: 3 },
      { unitPriceAtJoin: 600, quantity: 2 },
      { unitPriceAtJoin: 1000, status: 'reserved' },
    ]);
    const res = await closeGroup(h.deps, g.groupId, 'deadline');
    expect(res).toMatchObject({ closed: true, outcome: 'won', finalUnitPrice: 1000, expired: 1 });
    expect(await waitForGroupStatus(h.deps, g.groupId, ['won', 'failed'])).toBe('won');

    const pis = await piById();
    const expected = [
      [rows[2], 1000],
      [rows[3], 3000],
      [rows[4], 1200], // E never pays more than the 6.00 shown when joining
    ] as const;
    for (const [m, amount] of expected) {
      const pi = pis.get(m?.paymentIntentId ?? '');
      expect(pi?.status).toBe('succeeded');
      expect(pi?.amount_received).toBe(amount);
      const [row] = await h.t.db
        .select()
        .from(members)
        .where(eq(members.id, m?.id ?? ''));
      expect(row?.status).toBe('captured');
      expect(row?.chargeAmount).toBe(amount);
    }
    const [reserved] = await h.t.db
      .select()
      .from(members)
      .where(eq(members.id, rows[5]?.id ?? ''));
    expect(reserved?.status).toBe('expired');
    const [grp] = await h.t.db.select().from(groups).where(eq(groups.id, g.groupId));
    expect(grp).toMatchObject({
      status: 'won',
      finalUnitPrice: 1000,
      seatsTaken: 3,
      confirmedCount: 3,
      closeReason: 'deadline',
    });
    const won = await h.t.db
      .select()
      .from(events)
      .where(and(eq(events.groupId, g.groupId), eq(events.type, 'group.won')));
    expect(won).toHaveLength(1);
    expect(won[0]?.payload).toMatchObject({ captured: 3, charged: 5200 });
  });

  it('releases every hold of a group that missed its minimum', async () => {
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(Date.now() - 1000),
      tiers: [{ minMembers: 5, unitPrice: 2000 }],
    });
    const rows = await addMembers(h.deps, g, [
      { unitPriceAtJoin: 2000 },
      { unitPriceAtJoin: 2000, quantity: 2 },
      { unitPriceAtJoin: 2000 },
    ]);
    const res = await closeGroup(h.deps, g.groupId, 'deadline');
    expect(res).toMatchObject({ closed: true, outcome: 'failed', finalUnitPrice: null });
    expect(await waitForGroupStatus(h.deps, g.groupId, ['won', 'failed'])).toBe('failed');
    const pis = await piById();
    for (const m of rows) {
      const pi = pis.get(m.paymentIntentId ?? '');
      expect(pi?.status).toBe('canceled');
      expect(pi?.amount_received).toBe(0);
    }
    const statuses = await h.t.db
      .select({ s: members.status })
      .from(members)
      .where(eq(members.groupId, g.groupId));
    expect(statuses.map((r) => r.s)).toEqual(['released', 'released', 'released']);
  });

  it('is a no-op the second time, and settling again moves no money', async () => {
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(Date.now() - 1000),
      tiers: [{ minMembers: 1, unitPrice: 1500 }],
    });
    const [m] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 1500 }]);
    await closeGroup(h.deps, g.groupId, 'full');
    expect(await closeGroup(h.deps, g.groupId, 'deadline')).toEqual({
      closed: false,
      status: expect.stringMatching(/closing|won/),
    });
    expect(await waitForGroupStatus(h.deps, g.groupId, ['won'])).toBe('won');
    // A replayed job (crash after Stripe answered, before the job was marked done) changes nothing.
    expect(await settleMember(h.deps, m?.id ?? '')).toBe('nothing_to_do');
    const pi = (await piById()).get(m?.paymentIntentId ?? '');
    expect(pi?.amount_received).toBe(1500);
    const captured = await h.t.db
      .select()
      .from(events)
      .where(and(eq(events.memberId, m?.id ?? ''), eq(events.type, 'member.captured')));
    expect(captured).toHaveLength(1);
  });

  it('asks only the member whose hold expired before capture to pay (payment due); the others pay the same price', async () => {
    const ctl = emulatorControl(h.emulatorUrl);
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(Date.now() - 1000),
      tiers: [
        { minMembers: 2, unitPrice: 1000 },
        { minMembers: 3, unitPrice: 800 },
      ],
    });
    const [early] = await addMembers(h.deps, g, [{ unitPriceAtJoin: 1000 }]);
    await ctl.advanceClock(6.5 * 24 * 3600);
    const later = await addMembers(h.deps, g, [{ unitPriceAtJoin: 1000 }, { unitPriceAtJoin: 800 }]);
    await ctl.advanceClock(0.6 * 24 * 3600); // the first hold is now 7.1 days old: Stripe cancels it
    await closeGroup(h.deps, g.groupId, 'deadline');
    expect(await waitForGroupStatus(h.deps, g.groupId, ['won', 'failed'])).toBe('won');
    const [failed] = await h.t.db
      .select()
      .from(members)
      .where(eq(members.id, early?.id ?? ''));
    // The group's price stands: the member owes it and gets a link to pay (server/groups/RECOVERY.md).
    expect(failed?.status).toBe('payment_due');
    expect(failed?.failureReason).toMatch(/expired|canceled/);
    expect(failed?.dueUntil).not.toBeNull();
    const pis = await piById();
    for (const m of later) {
      expect(pis.get(m.paymentIntentId ?? '')?.amount_received).toBe(800);
    }
    const [grp] = await h.t.db.select().from(groups).where(eq(groups.id, g.groupId));
    expect(grp?.finalUnitPrice).toBe(800);
  });

  it('rides out a storm of 500s on capture', async () => {
    const ctl = emulatorControl(h.emulatorUrl);
    const g = await createOpenGroup(h.deps, {
      deadline: new Date(Date.now() - 1000),
      tiers: [{ minMembers: 1, unitPrice: 700 }],
    });
    const rows = await addMembers(
      h.deps,
      g,
      Array.from({ length: 6 }, () => ({ unitPriceAtJoin: 700 })),
    );
    await ctl.injectFault({ path: '/v1/payment_intents/*/capture', status: 500, times: 15 });
    await closeGroup(h.deps, g.groupId, 'deadline');
    expect(await waitForGroupStatus(h.deps, g.groupId, ['won', 'failed'], 40_000)).toBe('won');
    const pis = await piById();
    for (const m of rows) expect(pis.get(m.paymentIntentId ?? '')?.amount_received).toBe(700);
    const statuses = await h.t.db
      .select({ s: members.status })
      .from(members)
      .where(eq(members.groupId, g.groupId));
    expect(statuses.every((r) => r.s === 'captured')).toBe(true);
    expect((await ctl.stats()).faultsInjected).toBeGreaterThanOrEqual(15);
  }, 60_000);
});
