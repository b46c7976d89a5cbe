// Web Push against a real local push service (web-push-testing's model: it checks the VAPID signature and
// decrypts each payload) and real PostgreSQL: what a browser subscribes through the API receives the
// message; a subscription the browser dropped is forgotten; subscriptions Flock could not or must not send to
// are refused with a sentence.
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pushSubscriptions } from '@/db/schema/notifications';
import { forgetEnv } from '@/server/env';
import { isDomainError } from '@/server/errors';
import { createHarness, type Harness } from '@/test/harness';
import { startPushService, type PushService } from '@/test/push-service';
import { sendPush } from './channels/push';
import { MAX_PUSH_SUBSCRIPTIONS } from './push-subscriptions';
import { vapidKeys } from './vapid';

let h: Harness;
let service: PushService;
let publicKey: string;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'flock-push-'));

/** This file's environment: the local push service allowed, keys generated into its own folder (vitest stubs, undone after). */
function stubPushEnv(extra: Record<string, string | undefined> = {}): void {
  vi.unstubAllEnvs();
  const env = {
    PUSH_SERVICE_HOSTS: service.host,
    FLOCK_DATA_DIR: dataDir,
    VAPID_PUBLIC_KEY: undefined,
    VAPID_PRIVATE_KEY: undefined,
    ...extra,
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  forgetEnv();
}

beforeAll(async () => {
  service = await startPushService();
  stubPushEnv();
  h = await createHarness();
  const config = await h.caller(null).push.config();
  if (!config.publicKey) throw new Error('push should be on outside production');
  publicKey = config.publicKey;
});
afterAll(async () => {
  await service.stop();
  await h.close();
  vi.unstubAllEnvs();
  forgetEnv();
});
afterEach(() => stubPushEnv());

/** A browser of `u` subscribing through the API, as the page's offer does. */
async function subscribeBrowser(u: Awaited<ReturnType<Harness['makeUser']>>) {
  const sub = await service.subscribe(publicKey);
  await h
    .caller(u)
    .push.subscribe({ endpoint: sub.endpoint, keys: sub.keys, applicationServerKey: publicKey });
  return sub;
}

async function rowsOf(userId: string) {
  return h.t.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
}

const message = {
  title: 'Price dropped',
  body: 'Matcha set is now ¥2,300 each.',
  url: 'http://flock.test/g/abc',
  tag: 'g-abc',
};

describe('keys', () => {
  it('are generated once into the data folder, readable by this user only, and reused', () => {
    const first = vapidKeys();
    expect(first?.publicKey).toBe(publicKey);
    const file = path.join(dataDir, 'vapid.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(vapidKeys()?.privateKey).toBe(first?.privateKey);
    expect(first?.subject).toMatch(/^(mailto:|https:)/);
  });

  it('come from VAPID_* when set, and push is off in production without them', async () => {
    const given = webpush.generateVAPIDKeys();
    stubPushEnv({ VAPID_PUBLIC_KEY: given.publicKey, VAPID_PRIVATE_KEY: given.privateKey });
    expect(await h.caller(null).push.config()).toEqual({ publicKey: given.publicKey });

    stubPushEnv({ NODE_ENV: 'production', STRIPE_EMULATOR_URL: h.emulatorUrl });
    expect(vapidKeys()).toBeNull();
    expect(await h.caller(null).push.config()).toEqual({ publicKey: null });
  });
});

describe('sending', () => {
  it('delivers the message, decrypted by the push service, to every browser of the person', async () => {
    const u = await h.makeUser();
    const phone = await subscribeBrowser(u);
    const laptop = await subscribeBrowser(u);
    const result = await sendPush(h.t.db, u.id, message);
    expect(result).toEqual({ devices: 2, delivered: 2, removed: 0, failed: 0 });
    for (const browser of [phone, laptop]) {
      expect(await service.messages(browser.clientHash)).toEqual([message]);
    }
    const rows = await rowsOf(u.id);
    expect(rows.every((r) => r.lastSuccessAt instanceof Date)).toBe(true);
  });

  it('sends nothing to a person with no browser subscribed', async () => {
    const u = await h.makeUser();
    expect(await sendPush(h.t.db, u.id, message)).toEqual({
      devices: 0,
      delivered: 0,
      removed: 0,
      failed: 0,
    });
  });

  it('forgets a subscription the browser dropped (410) and still reaches the others', async () => {
    const u = await h.makeUser();
    const gone = await subscribeBrowser(u);
    const kept = await subscribeBrowser(u);
    await service.expire(gone.clientHash);
    const result = await sendPush(h.t.db, u.id, message);
    expect(result).toEqual({ devices: 2, delivered: 1, removed: 1, failed: 0 });
    expect((await rowsOf(u.id)).map((r) => r.endpoint)).toEqual([kept.endpoint]);
    expect(await service.messages(kept.clientHash)).toEqual([message]);
    // Next time only the live browser is tried.
    expect(await sendPush(h.t.db, u.id, message)).toMatchObject({ devices: 1, delivered: 1 });
  });

  it('counts a push service that refuses the message as failed and keeps the subscription for a retry', async () => {
    const u = await h.makeUser();
    const sub = await subscribeBrowser(u);
    // The push service can no longer decrypt for this browser (its secret changed): a 400, not a 410.
    await h.t.db
      .update(pushSubscriptions)
      .set({ auth: Buffer.alloc(16, 7).toString('base64url') })
      .where(eq(pushSubscriptions.endpoint, sub.endpoint));
    const result = await sendPush(h.t.db, u.id, message);
    expect(result).toMatchObject({ devices: 1, delivered: 0, removed: 0, failed: 1 });
    expect(result.lastError).toMatch(/^400/);
    expect(await rowsOf(u.id)).toHaveLength(1);
  });
});

describe('subscribing', () => {
  async function refusal(p: Promise<unknown>) {
    const err: unknown = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, 'the subscription should have been refused').not.toBeNull();
    const cause = (err as { cause?: unknown }).cause;
    return { code: isDomainError(cause) ? cause.code : null, message: (err as Error).message };
  }

  it('refuses subscriptions Flock could not or must not send to, each with a sentence', async () => {
    const u = await h.makeUser();
    const good = await service.subscribe(publicKey);
    const base = { endpoint: good.endpoint, keys: good.keys, applicationServerKey: publicKey };
    const otherSite = webpush.generateVAPIDKeys().publicKey;
    const cases: [string, unknown, RegExp][] = [
      [
        'another host',
        { ...base, endpoint: 'https://attacker.example/notify/x' },
        /not a browser's push service/,
      ],
      [
        'an internal address',
        { ...base, endpoint: 'https://169.254.169.254/latest' },
        /not a browser's push service/,
      ],
      [
        'http to a host not listed',
        { ...base, endpoint: 'http://fcm.googleapis.com/fcm/send/x' },
        /secure \(https\)/,
      ],
      ['not a URL', { ...base, endpoint: 'not-a-url' }, /no valid address/],
      [
        'a key that is not a P-256 point',
        { ...base, keys: { ...base.keys, p256dh: Buffer.alloc(65, 4).toString('base64url') } },
        /encryption key/,
      ],
      ['a short key', { ...base, keys: { ...base.keys, p256dh: 'BAAA' } }, /encryption key/],
      [
        'an auth secret of the wrong size',
        { ...base, keys: { ...base.keys, auth: Buffer.alloc(8).toString('base64url') } },
        /secret/,
      ],
      ["another site's key", { ...base, applicationServerKey: otherSite }, /another site/],
    ];
    for (const [what, input, words] of cases) {
      const r = await refusal(h.caller(u).push.subscribe(input as never));
      expect(r.code, what).toBe('INVALID_INPUT');
      expect(r.message, what).toMatch(words);
    }
    expect(await rowsOf(u.id)).toEqual([]);
    // Control: the browser's own subscription is taken.
    await h.caller(u).push.subscribe(base);
    expect(await rowsOf(u.id)).toHaveLength(1);
  });

  it("accepts the browsers' push services", async () => {
    const u = await h.makeUser();
    const sub = await service.subscribe(publicKey);
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAA',
      'https://web.push.apple.com/QGx',
      'https://wns2-par02p.notify.windows.com/w/?token=x',
    ]) {
      await h.caller(u).push.subscribe({ endpoint, keys: sub.keys, applicationServerKey: publicKey });
    }
    expect(await rowsOf(u.id)).toHaveLength(4);
  });

  it('asks a signed-out caller to sign in', async () => {
    const sub = await service.subscribe(publicKey);
    const err = await h
      .caller(null)
      .push.subscribe({ endpoint: sub.endpoint, keys: sub.keys, applicationServerKey: publicKey })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isDomainError((err as { cause?: unknown } | null)?.cause, 'UNAUTHENTICATED')).toBe(true);
    const rows = await h.t.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, sub.endpoint));
    expect(rows).toEqual([]);
  });

  it('gives a browser to whoever subscribed it last: the earlier person no longer gets its pushes', async () => {
    const ann = await h.makeUser();
    const bo = await h.makeUser();
    const shared = await subscribeBrowser(ann);
    await h
      .caller(bo)
      .push.subscribe({ endpoint: shared.endpoint, keys: shared.keys, applicationServerKey: publicKey });
    expect(await rowsOf(ann.id)).toEqual([]);
    expect(await sendPush(h.t.db, ann.id, message)).toMatchObject({ devices: 0, delivered: 0 });
    expect(await sendPush(h.t.db, bo.id, message)).toMatchObject({ devices: 1, delivered: 1 });
    expect(await service.messages(shared.clientHash)).toEqual([message]);
  });

  it(`keeps a person's ${MAX_PUSH_SUBSCRIPTIONS} newest browsers`, async () => {
    const u = await h.makeUser();
    const first = await subscribeBrowser(u);
    h.advance(1000);
    for (let i = 0; i < MAX_PUSH_SUBSCRIPTIONS; i++) {
      await subscribeBrowser(u);
      h.advance(1000);
    }
    const rows = await rowsOf(u.id);
    expect(rows).toHaveLength(MAX_PUSH_SUBSCRIPTIONS);
    expect(rows.map((r) => r.endpoint)).not.toContain(first.endpoint);
  });

  it('stops a browser on unsubscribe, only for its own person', async () => {
    const u = await h.makeUser();
    const stranger = await h.makeUser();
    const sub = await subscribeBrowser(u);
    expect(await h.caller(stranger).push.unsubscribe({ endpoint: sub.endpoint })).toBe(false);
    expect(await rowsOf(u.id)).toHaveLength(1);
    expect(await h.caller(u).push.unsubscribe({ endpoint: sub.endpoint })).toBe(true);
    expect(await sendPush(h.t.db, u.id, message)).toMatchObject({ devices: 0 });
    expect(await service.messages(sub.clientHash)).toEqual([]);
  });
});
