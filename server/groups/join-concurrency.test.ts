import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { createCaller } from '@/server/trpc/root';
import { createHarness, type Harness } from '@/test/harness';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { makeGroup, readGroup, VOUCHER_CHOICE } from './test-factory';
import { refusal } from './test-helpers';

let h: Harness;
// Four "app instances": separate pools and separate join batchers, racing on one group like a scaled-out deploy.
const instances: { deps: Deps; db: Db }[] = [];
beforeAll(async () => {
  h = await createHarness({ dbMax: 10 });
  for (let i = 0; i < 4; i++) {
    const db = createDb(h.t.url, { max: 15 });
    instances.push({ db, deps: { ...h.deps, db } });
  }
});
afterAll(async () => {
  for (const i of instances) await i.db.$client.end();
  await h.close();
});

describe('joins under concurrency', () => {
  it('200 concurrent joins on a group of 50: exactly 50 members and holds, 150 clear refusals', async () => {
    const { code, groupId } = await makeGroup(h.deps, {
      maxMembers: 50,
      qrCutoff: 100,
      tiers: [
        { minMembers: 10, unitPrice: 900 },
        { minMembers: 50, unitPrice: 700 },
      ],
      listPrice: 1000,
    });
    const users = await Promise.all(Array.from({ length: 200 }, () => h.makeUser({ anonymous: true })));
    const results = await Promise.allSettled(
      users.map((u, i) => {
        const inst = instances[i % instances.length];
        if (!inst) throw new Error('no instance');
        return createCaller({ deps: inst.deps, user: u, merchantId: null, headers: null }).groups.join({
          code,
          alias: `Buyer ${i}`,
          quantity: 1,
          fulfilment: VOUCHER_CHOICE,
          idempotencyKey: randomUUID(),
          paymentMethod: 'pm_card_visa',
        });
      }),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = await Promise.all(
      results.filter((r) => r.status === 'rejected').map((r) => refusal(Promise.reject(r.reason))),
    );
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(150);
    for (const r of refused)
      expect(r).toEqual({
        code: 'GROUP_FULL',
        message: 'This group is full. Open a new group on this deal, or join another one.',
      });

    const g = await readGroup(h.deps, groupId);
    expect([g.seatsTaken, g.confirmedCount]).toEqual([50, 50]);
    const rows = await h.deps.db.select().from(members).where(eq(members.groupId, groupId));
    expect(rows).toHaveLength(50);
    expect(rows.every((m) => m.status === 'authorized')).toBe(true);
    const holds = (await emulatorControl(h.emulatorUrl).listPaymentIntents()).filter(
      (p) => p.metadata.group_id === groupId,
    );
    expect(holds).toHaveLength(50);
    expect(new Set(holds.map((p) => p.metadata.member_id))).toEqual(new Set(rows.map((m) => m.id)));
    // Rule 8: the full group's close job was moved to now.
    const jobs = await h.deps.db.execute<{ payload: { reason?: string } }>(
      sql`select payload from graphile_worker._private_jobs where key = ${'close-group:' + groupId}`,
    );
    expect(jobs.rows[0]?.payload.reason).toBe('full');
  });

  it('10 concurrent joins with one idempotency key make one member and one hold', async () => {
    const { code, groupId } = await makeGroup(h.deps);
    const u = await h.makeUser({ anonymous: true });
    const idempotencyKey = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const inst = instances[i % instances.length];
        if (!inst) throw new Error('no instance');
        return createCaller({ deps: inst.deps, user: u, merchantId: null, headers: null }).groups.join({
          code,
          alias: 'Tapper',
          quantity: 1,
          fulfilment: VOUCHER_CHOICE,
          idempotencyKey,
          paymentMethod: 'pm_card_visa',
        });
      }),
    );
    expect(new Set(results.map((r) => r.member.id)).size).toBe(1);
    expect(results.every((r) => r.member.status === 'authorized')).toBe(true);
    expect(await h.deps.db.select().from(members).where(eq(members.groupId, groupId))).toHaveLength(1);
    const g = await readGroup(h.deps, groupId);
    expect([g.seatsTaken, g.confirmedCount]).toEqual([1, 1]);
    const holds = (await emulatorControl(h.emulatorUrl).listPaymentIntents()).filter(
      (p) => p.metadata.group_id === groupId,
    );
    expect(holds).toHaveLength(1);
  });
});
