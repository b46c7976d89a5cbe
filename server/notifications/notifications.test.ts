// The outbox against real PostgreSQL and a real SMTP server: planned in the event's transaction, sent
// once per key, quiet hours, caps, coalescing, bounces and retries.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { emailSuppressions, groups, members, notifications, notificationSettings } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { startTestSmtp, type TestSmtp } from '@/test/smtp-server';
import type { WorkerHandle } from '@/server/jobs/worker';
import { startAppWorker } from '@/server/tasks';
import { createOpenGroup, addMembers, waitForGroupStatus } from '@/server/groups/close-test-factory';
import { openGroup } from '@/server/groups/open-group';
import { VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { createMailer } from './channels/email';
import { planClosingSoon } from './plan-closing-soon';
import { planDailySummaries } from './plan-daily-summaries';
import { planNotifications, type PlannedNotification } from './plan-notifications';
import { sendNotification } from './send-notification';

let h: Harness;
let smtp: TestSmtp;

beforeAll(async () => {
  h = await createHarness();
  smtp = await startTestSmtp();
  h.deps.mailer = createMailer(h.t.db, smtp.url, 'Flock <hello@flock.test>');
});
afterAll(async () => {
  h.deps.mailer?.close();
  await smtp.close();
  await h.close();
});
beforeEach(() => {
  smtp.mails.length = 0;
});

const TIERS = [
  { minMembers: 2, unitPrice: 3200 },
  { minMembers: 4, unitPrice: 2800 },
  { minMembers: 7, unitPrice: 2300 },
];

async function joinAs(code: string, opts: { locale?: string; email?: string } = {}) {
  const u = await h.makeUser();
  const email = opts.email ?? `${randomUUID().slice(0, 8)}@buyers.test`;
  const r = await h.caller(u).groups.join({
    code,
    alias: `Ana ${u.id.slice(0, 3)}`,
    quantity: 1,
    fulfilment: { ...VOUCHER_CHOICE, contactEmail: email },
    idempotencyKey: randomUUID(),
    paymentMethod: 'pm_card_visa',
  });
  if (opts.locale)
    await h.t.db.update(members).set({ locale: opts.locale }).where(eq(members.id, r.member.id));
  return { user: u, member: r.member, email };
}

async function rowsOf(where: { userId?: string; groupId?: string; moment?: string }) {
  return h.t.db
    .select()
    .from(notifications)
    .where(
      and(
        where.userId ? eq(notifications.userId, where.userId) : sql`true`,
        where.groupId ? eq(notifications.groupId, where.groupId) : sql`true`,
        where.moment ? eq(notifications.moment, where.moment) : sql`true`,
      ),
    );
}

/** Nudges in these tests must not depend on the hour the suite runs at. */
async function noQuietHours(userId: string) {
  await h.t.db
    .insert(notificationSettings)
    .values({ userId, quietStart: 0, quietEnd: 0 })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { quietStart: 0, quietEnd: 0 } });
}

async function sendAll(ids: number[]) {
  return Promise.all(ids.map((id) => sendNotification(h.deps, id)));
}

async function newGroup() {
  const owner = await h.makeMerchant();
  const base = await createOpenGroup(h.deps, { merchantId: owner.merchantId, tiers: TIERS });
  const g = await openGroup(h.deps, { merchantId: owner.merchantId }, { dealId: base.dealId });
  return { owner, id: g.id, code: g.code, dealId: base.dealId };
}

describe('a hold receipt', () => {
  it('is written in the join’s transaction and mailed once, in the member’s language, with no unsubscribe', async () => {
    const g = await newGroup();
    const a = await joinAs(g.code);
    const [row] = await rowsOf({ userId: a.user.id, moment: 'holdPlaced' });
    expect(row?.status).toBe('pending');
    expect(row?.kind).toBe('receipt');
    await h.t.db
      .update(notifications)
      .set({ locale: 'ja' })
      .where(eq(notifications.id, row?.id ?? 0));

    const results = await sendAll([row?.id ?? 0, row?.id ?? 0, row?.id ?? 0]);
    expect(results.filter((r) => r.done === 'sent')).toHaveLength(1);
    const mails = await smtp.waitFor(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual([a.email]);
    expect(mails[0]?.text).toContain(`http://flock.test/g/${g.code}`);
    expect(mails[0]?.subject).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(mails[0]?.headers.has('list-unsubscribe')).toBe(false);
    const [after] = await rowsOf({ userId: a.user.id, moment: 'holdPlaced' });
    expect(after?.status).toBe('sent');
  });
});

describe('group nudges', () => {
  it('five joins in a minute make one "price dropped" per earlier member, sent after the window, one-click unsubscribe attached', async () => {
    const g = await newGroup();
    const first = await joinAs(g.code);
    await noQuietHours(first.user.id);
    const second = await joinAs(g.code);
    for (let i = 0; i < 5; i++) await joinAs(g.code); // 7 members: tier 1 at 4, tier 2 at 7
    const drops = (await rowsOf({ groupId: g.id, moment: 'priceDropped' })).filter(
      (r) => r.userId === first.user.id,
    );
    // Tier 1's message was superseded by tier 2's: one live message.
    expect(drops.map((r) => r.status).sort()).toEqual(['dropped', 'pending']);
    expect(drops.find((r) => r.status === 'dropped')?.dropReason).toBe('superseded');
    const live = drops.find((r) => r.status === 'pending');
    expect(live?.subject).toBe('2');
    expect(live && live.sendAfter.getTime() - live.createdAt.getTime()).toBeGreaterThanOrEqual(59_000);

    // Not before its time.
    expect((await sendNotification(h.deps, live?.id ?? 0)).done).toBe('nothing');
    h.advance(61_000);
    const r = await sendNotification(h.deps, live?.id ?? 0);
    expect(r.done).toBe('sent');
    const [mail] = await smtp.waitFor(1);
    const unsubscribe = String(mail?.headers.get('list-unsubscribe') ?? '');
    expect(unsubscribe).toMatch(/^<http:\/\/flock\.test\/api\/unsubscribe\/[^>]+>$/);
    expect(String(mail?.headers.get('list-unsubscribe-post'))).toBe('List-Unsubscribe=One-Click');
    // The member who joined second also paid 3200 at join: they hear it too; the later joiners at 2800 hear only what is news.
    expect((await rowsOf({ userId: second.user.id, moment: 'priceDropped' })).length).toBeGreaterThan(0);
  });

  it('drops "one more" that is no longer true when it is due (the bracket was reached meanwhile)', async () => {
    const g = await newGroup();
    const a = await joinAs(g.code);
    await joinAs(g.code);
    await joinAs(g.code); // 3 of 4: one more unlocks tier 1
    const oneMore = (await rowsOf({ userId: a.user.id, moment: 'oneMore' })).find((r) => r.subject === '1');
    expect(oneMore).toBeDefined();
    await joinAs(g.code); // tier 1 reached
    const r = await sendNotification(h.deps, oneMore?.id ?? 0);
    expect(r).toEqual({ done: 'dropped', reason: 'stale:bracket_changed' });
    expect(smtp.mails).toHaveLength(0);
  });
});

describe('quiet hours', () => {
  /** Quiet hours for `userId` in UTC from `before` minutes ago to `after` minutes from now; returns now. */
  async function quietAroundNow(userId: string, before: number, after: number): Promise<Date> {
    const now = h.deps.now();
    const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
    await h.t.db.insert(notificationSettings).values({
      userId,
      timeZone: 'UTC',
      quietStart: (minute + 1440 - before) % 1440,
      quietEnd: (minute + after) % 1440,
    });
    return now;
  }

  /** The "one more person unlocks tier 1" row planned for `userId`. */
  async function oneMoreToTier1(userId: string) {
    return (await rowsOf({ userId, moment: 'oneMore' })).find((r) => r.subject === '1');
  }

  it('holds a nudge during the recipient’s night and sends it when their morning comes; a receipt goes at once', async () => {
    const g = await newGroup();
    const a = await joinAs(g.code);
    const now = await quietAroundNow(a.user.id, 60, 60);
    await joinAs(g.code);
    await joinAs(g.code); // 3 of 4: "one more" for a
    const nudge = await oneMoreToTier1(a.user.id);
    const held = await sendNotification(h.deps, nudge?.id ?? 0);
    expect(held.done).toBe('held');
    const row = await oneMoreToTier1(a.user.id);
    expect(row?.status).toBe('pending');
    const wait = (row?.sendAfter.getTime() ?? 0) - now.getTime();
    expect(wait).toBeGreaterThan(55 * 60_000);
    expect(wait).toBeLessThanOrEqual(61 * 60_000);
    // The hold receipt ignores quiet hours.
    const [receipt] = await rowsOf({ userId: a.user.id, moment: 'holdPlaced' });
    expect((await sendNotification(h.deps, receipt?.id ?? 0)).done).toBe('sent');

    h.advance(wait + 1000);
    expect((await sendNotification(h.deps, nudge?.id ?? 0)).done).toBe('sent');
  });

  it('drops a held nudge whose group closed during the night', async () => {
    const g = await newGroup();
    const a = await joinAs(g.code);
    await quietAroundNow(a.user.id, 10, 30);
    await joinAs(g.code);
    await joinAs(g.code);
    const nudge = await oneMoreToTier1(a.user.id);
    expect((await sendNotification(h.deps, nudge?.id ?? 0)).done).toBe('held');
    await h.t.db.update(groups).set({ status: 'failed' }).where(eq(groups.id, g.id));
    h.advance(31 * 60_000);
    expect(await sendNotification(h.deps, nudge?.id ?? 0)).toEqual({
      done: 'dropped',
      reason: 'stale:group_closed',
    });
  });
});

describe('caps', () => {
  it('sends at most one nudge per group per 6 hours and three per person per day, counted once across channels', async () => {
    const u = await h.makeUser();
    await noQuietHours(u.id);
    const plans: PlannedNotification[] = [];
    const groupIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const base = await createOpenGroup(h.deps, { tiers: TIERS });
      const [m] = await addMembers(h.deps, base, [{ unitPriceAtJoin: 3200 }]);
      await h.t.db
        .update(members)
        .set({ userId: u.id })
        .where(eq(members.id, m?.id ?? ''));
      await h.t.db.update(groups).set({ confirmedCount: 1 }).where(eq(groups.id, base.groupId));
      groupIds.push(base.groupId);
      plans.push({
        userId: u.id,
        locale: 'en',
        moment: 'oneMore' as const,
        groupId: base.groupId,
        memberId: m?.id,
        subject: 0,
      });
    }
    // A second nudge about the first group.
    plans.push({
      userId: u.id,
      locale: 'en',
      moment: 'closingSoon24h' as const,
      groupId: groupIds[0],
      memberId: plans[0]?.memberId,
    });
    await h.t.db.transaction((tx) => planNotifications(tx, plans, h.deps.now()));
    const rows = await h.t.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, u.id))
      .orderBy(notifications.id);
    const outcomes = [];
    for (const r of rows) outcomes.push(await sendNotification(h.deps, r.id));
    expect(outcomes.map((o) => o.done)).toEqual(['sent', 'sent', 'sent', 'dropped', 'dropped', 'dropped']);
    expect(outcomes[3]).toEqual({ done: 'dropped', reason: 'cap_per_day' });
    expect(outcomes[5]).toEqual({ done: 'dropped', reason: 'cap_per_day' });
    // Below the daily cap, the same group within 6 hours is what stops it.
    await h.t.db
      .update(notifications)
      .set({ sentAt: new Date(h.deps.now().getTime() - 25 * 3600_000) })
      .where(
        and(
          eq(notifications.userId, u.id),
          inArray(
            notifications.id,
            rows.slice(1, 3).map((r) => r.id),
          ),
        ),
      );
    await h.t.db
      .update(notifications)
      .set({ status: 'pending', dropReason: null })
      .where(eq(notifications.id, rows[5]?.id ?? 0));
    expect(await sendNotification(h.deps, rows[5]?.id ?? 0)).toEqual({
      done: 'dropped',
      reason: 'cap_per_group',
    });
  });
});

describe('exactly once', () => {
  it('a worker that died after claiming resends once; dying twice marks it failed instead of a third copy', async () => {
    const g = await newGroup();
    const a = await joinAs(g.code);
    const [row] = await rowsOf({ userId: a.user.id, moment: 'holdPlaced' });
    // As if a worker claimed it, sent it, and died before recording: within the lease it is left alone.
    const id = row?.id ?? 0;
    await h.t.db
      .update(notifications)
      .set({ status: 'sending', attempts: 1, claimedAt: h.deps.now() })
      .where(eq(notifications.id, id));
    expect((await sendNotification(h.deps, id)).done).toBe('retry');
    h.advance(121_000);
    expect((await sendNotification(h.deps, id)).done).toBe('sent');
    const [after] = await rowsOf({ userId: a.user.id, moment: 'holdPlaced' });
    expect(after?.resends).toBe(1);
    await h.t.db.update(notifications).set({ status: 'sending' }).where(eq(notifications.id, id));
    h.advance(121_000);
    expect(await sendNotification(h.deps, id)).toEqual({
      done: 'failed',
      error: expect.stringMatching(/uncertain/),
    });
    expect(smtp.mails).toHaveLength(1);
  });

  it('replaying the cause plans nothing twice', async () => {
    const g = await newGroup();
    const a = await joinAs(g.code);
    const plan = {
      userId: a.user.id,
      locale: 'en',
      moment: 'holdPlaced' as const,
      groupId: g.id,
      memberId: a.member.id,
    };
    const written = await h.t.db.transaction((tx) => planNotifications(tx, [plan, plan], h.deps.now()));
    expect(written).toBe(0);
    expect(await rowsOf({ userId: a.user.id, moment: 'holdPlaced' })).toHaveLength(1);
  });

  it('a won group sends every member one receipt through the worker, and the shop hears the group won', async () => {
    const worker: WorkerHandle = await startAppWorker(h.deps, { pollInterval: 100 });
    try {
      const base = await createOpenGroup(h.deps, { tiers: TIERS, deadline: new Date(Date.now() - 1000) });
      const rows = await addMembers(
        h.deps,
        base,
        Array.from({ length: 12 }, (_, i) => ({
          unitPriceAtJoin: i < 4 ? 3200 : 2800,
          locale: i % 3 === 0 ? 'zh-CN' : 'en',
        })),
      );
      await h.t.db.execute(
        sql`select graphile_worker.add_job('close-group', json_build_object('groupId', ${base.groupId}::text))`,
      );
      await waitForGroupStatus(h.deps, base.groupId, ['won'], 30_000);
      const mails = await smtp.waitFor(13, 30_000);
      await new Promise((r) => setTimeout(r, 500));
      const receipts = smtp.mails.filter((m) => m.to[0]?.startsWith('buyer-'));
      expect(receipts).toHaveLength(12);
      expect(new Set(receipts.map((m) => m.to[0])).size).toBe(12);
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);
      // Tier 2 (7+ members) reached: everyone paid 23.00 each.
      for (const m of receipts) expect(m.text).toMatch(/23(\.00)?/);
      expect(receipts.filter((m) => /[一-龯]/.test(m.subject))).toHaveLength(4);
      expect(smtp.mails.filter((m) => m.to[0]?.startsWith('m-'))).toHaveLength(1);
      expect(rows).toHaveLength(12);
    } finally {
      await worker.stop();
    }
  }, 60_000);
});

describe('bad addresses', () => {
  it('an address refused for good is marked and never tried again; a temporary refusal is retried', async () => {
    const g = await newGroup();
    const a = await joinAs(g.code, { email: 'gone@buyers.test' });
    smtp.refuse('gone@buyers.test', 550);
    const [row] = await rowsOf({ userId: a.user.id, moment: 'holdPlaced' });
    expect((await sendNotification(h.deps, row?.id ?? 0)).done).toBe('failed');
    const [s] = await h.t.db
      .select()
      .from(emailSuppressions)
      .where(eq(emailSuppressions.email, 'gone@buyers.test'));
    expect(s?.reason).toMatch(/550/);
    // The next message to that address is not even attempted.
    const b = await joinAs(g.code, { email: 'Gone@Buyers.test' });
    const [next] = await rowsOf({ userId: b.user.id, moment: 'holdPlaced' });
    expect(await sendNotification(h.deps, next?.id ?? 0)).toEqual({
      done: 'dropped',
      reason: 'address_bounced',
    });

    const c = await joinAs(g.code, { email: 'busy@buyers.test' });
    smtp.refuse('busy@buyers.test', 451, 1);
    const [third] = await rowsOf({ userId: c.user.id, moment: 'holdPlaced' });
    expect((await sendNotification(h.deps, third?.id ?? 0)).done).toBe('retry');
    expect((await sendNotification(h.deps, third?.id ?? 0)).done).toBe('sent');
  });
});

describe('scheduled moments', () => {
  it('plans "closing soon" once per member while the minimum is not met, and the shop’s daily summary once a day at 09:00 local', async () => {
    const base = await createOpenGroup(h.deps, {
      tiers: TIERS,
      deadline: new Date(h.deps.now().getTime() + 20 * 3600_000),
    });
    await h.t.db
      .update(groups)
      .set({ openedAt: new Date(h.deps.now().getTime() - 2 * 24 * 3600_000) })
      .where(eq(groups.id, base.groupId));
    await addMembers(h.deps, base, [{ unitPriceAtJoin: 3200 }]);
    expect(await planClosingSoon(h.deps)).toBe(1);
    expect(await planClosingSoon(h.deps)).toBe(0);
    const [r] = await rowsOf({ groupId: base.groupId, moment: 'closingSoon24h' });
    expect(r?.kind).toBe('nudge');

    const tz = 'Asia/Tokyo';
    await h.t.db
      .insert(notificationSettings)
      .values({ userId: base.merchantUserId, timeZone: tz, locale: 'ja' });
    // Walk the clock hour by hour through a day: exactly one summary, planned in the 09:00 hour in Tokyo.
    let planned = 0;
    for (let i = 0; i < 24; i++) {
      planned += await planDailySummaries(h.deps);
      h.advance(3600_000);
    }
    const summaries = await h.t.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, base.merchantUserId), eq(notifications.moment, 'merchantDailySummary')),
      );
    expect(summaries).toHaveLength(1);
    expect(planned).toBeGreaterThanOrEqual(1);
    expect(summaries[0]?.locale).toBe('ja');
  });
});
