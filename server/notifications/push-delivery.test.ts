// The outbox's push rows delivered to a real local push service (payloads decrypted there): a member with
// alerts on gets the receipt on their device in their language, and a device that is gone is forgotten.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { members, notifications, pushSubscriptions } from '@/db/schema';
import { forgetEnv } from '@/server/env';
import { createOpenGroup } from '@/server/groups/close-test-factory';
import { openGroup } from '@/server/groups/open-group';
import { VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { createHarness, type Harness } from '@/test/harness';
import { startPushService, type PushService } from '@/test/push-service';
import { startTestSmtp, type TestSmtp } from '@/test/smtp-server';
import { createMailer } from './channels/email';
import { sendNotification } from './send-notification';

let h: Harness;
let service: PushService;
let smtp: TestSmtp;
let publicKey: string;

beforeAll(async () => {
  service = await startPushService();
  vi.stubEnv('PUSH_SERVICE_HOSTS', service.host);
  vi.stubEnv('FLOCK_DATA_DIR', mkdtempSync(path.join(os.tmpdir(), 'flock-push-delivery-')));
  forgetEnv();
  h = await createHarness();
  smtp = await startTestSmtp();
  h.deps.mailer = createMailer(h.t.db, smtp.url, 'Flock <hello@flock.test>');
  publicKey = (await h.caller(null).push.config()).publicKey ?? '';
});
afterAll(async () => {
  h.deps.mailer?.close();
  await smtp.close();
  await service.stop();
  await h.close();
  vi.unstubAllEnvs();
  forgetEnv();
});

describe('push rows of the outbox', () => {
  it('reach the member’s device in the language they joined in, and e-mail goes too', async () => {
    const u = await h.makeUser();
    const device = await service.subscribe(publicKey);
    await h
      .caller(u)
      .push.subscribe({ endpoint: device.endpoint, keys: device.keys, applicationServerKey: publicKey });

    const owner = await h.makeMerchant();
    const base = await createOpenGroup(h.deps, {
      merchantId: owner.merchantId,
      tiers: [{ minMembers: 3, unitPrice: 2500 }],
    });
    const g = await openGroup(h.deps, { merchantId: owner.merchantId }, { dealId: base.dealId });
    const joined = await h.caller(u).groups.join({
      code: g.code,
      alias: 'Mei',
      quantity: 1,
      fulfilment: { ...VOUCHER_CHOICE, contactEmail: 'mei@buyers.test' },
      idempotencyKey: randomUUID(),
      paymentMethod: 'pm_card_visa',
    });
    await h.t.db.update(members).set({ locale: 'zh-CN' }).where(eq(members.id, joined.member.id));
    await h.t.db
      .update(notifications)
      .set({ locale: 'zh-CN' })
      .where(eq(notifications.memberId, joined.member.id));
    const rows = await h.t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, u.id), eq(notifications.moment, 'holdPlaced')));
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'push']);
    for (const r of rows) expect((await sendNotification(h.deps, r.id)).done).toBe('sent');

    const [received] = (await service.messages(device.clientHash)) as {
      title: string;
      body: string;
      url: string;
    }[];
    expect(received?.url).toBe(`http://flock.test/g/${g.code}`);
    expect(received?.title).toMatch(/[一-龯]/);
    expect(received?.body).toMatch(/25/);
    expect(smtp.mails.map((m) => m.to[0])).toEqual(['mei@buyers.test']);
  });

  it('a device the push service says is gone (410) is forgotten and its message dropped, not retried', async () => {
    const u = await h.makeUser();
    const device = await service.subscribe(publicKey);
    await h
      .caller(u)
      .push.subscribe({ endpoint: device.endpoint, keys: device.keys, applicationServerKey: publicKey });
    await service.expire(device.clientHash);
    const base = await createOpenGroup(h.deps, { tiers: [{ minMembers: 3, unitPrice: 2500 }] });
    const joined = await h.caller(u).groups.join({
      code:
        (await h.t.db.query.groups.findFirst({ where: (t, { eq: e }) => e(t.id, base.groupId) }))?.code ?? '',
      alias: 'Ken',
      quantity: 1,
      fulfilment: { ...VOUCHER_CHOICE, contactEmail: 'ken@buyers.test' },
      idempotencyKey: randomUUID(),
      paymentMethod: 'pm_card_visa',
    });
    const [push] = await h.t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.memberId, joined.member.id),
          eq(notifications.channel, 'push'),
          eq(notifications.moment, 'holdPlaced'),
        ),
      );
    expect(await sendNotification(h.deps, push?.id ?? 0)).toEqual({ done: 'dropped', reason: 'no_device' });
    expect(
      await h.t.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, u.id)),
    ).toHaveLength(0);
  });
});
