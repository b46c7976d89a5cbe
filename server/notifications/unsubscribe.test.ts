// Unsubscribe links against real PostgreSQL: a token reads back as the person and action it was signed for;
// changing the person, the action or the signature voids it; following one changes exactly its one setting
// of exactly its person, once; the RFC 8058 one-click endpoint answers 200 and applies, or 400 in the
// reader's language for a bad token.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { notificationSettings } from '@/db/schema';
import { LOCALE_HEADER } from '@/i18n/locales';
import type { Deps } from '@/server/deps';
import { makeGroup } from '@/server/groups/test-factory';
import { seedMember } from '@/server/merchant-console/seed-console-history';
import { createHarness, type Harness } from '@/test/harness';
import { GET, POST } from '@/app/api/unsubscribe/[token]/route';
import { applyUnsubscribe } from './apply-unsubscribe';
import { isGroupMuted } from './mute-group';
import { DEFAULT_NOTIFICATION_SETTINGS, getNotificationSettings } from './settings';
import { readUnsubscribeToken, unsubscribeToken, type UnsubscribeAction } from './unsubscribe-token';

let h: Harness;
// The route handler builds its services from getDeps(): here, the harness's database.
const routeDeps = vi.hoisted(() => ({ current: null as Deps | null }));
vi.mock('@/server/deps', () => ({
  getDeps: () => {
    if (!routeDeps.current) throw new Error('the harness is not started');
    return routeDeps.current;
  },
}));

beforeAll(async () => {
  h = await createHarness();
  routeDeps.current = h.deps;
});
afterAll(async () => h.close());

/** A person in a fresh group: their id and the group's id. */
async function member() {
  const u = await h.makeUser({ anonymous: true });
  const g = await makeGroup(h.deps);
  await seedMember(h.t.db, g.groupId, {
    userId: u.id,
    unitPriceAtJoin: 1500,
    holdAmount: 1500,
    quantity: 1,
    status: 'authorized',
  });
  return { userId: u.id, groupId: g.groupId };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const partsOf = (token: string) => {
  const [payload = '', signature = ''] = token.split('.');
  return { payload, signature };
};

/** The settings a person reads, without the "saved" flag. */
async function settingsOf(userId: string) {
  const { saved: _saved, ...s } = await getNotificationSettings(h.deps.db, userId);
  return s;
}
const { saved: _defaultSaved, ...DEFAULTS } = DEFAULT_NOTIFICATION_SETTINGS;

function oneClick(token: string, body: BodyInit, headers: Record<string, string> = {}) {
  return POST(new Request(`http://flock.test/api/unsubscribe/${token}`, { method: 'POST', body, headers }), {
    params: Promise.resolve({ token }),
  });
}

describe('an unsubscribe token', () => {
  it('reads back as the person and action it was signed for', () => {
    const actions: UnsubscribeAction[] = [
      { t: 'mute', groupId: '3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c' },
      { t: 'nudges' },
      { t: 'email' },
      { t: 'merchant', setting: 'won' },
      { t: 'merchant', setting: 'failed' },
      { t: 'merchant', setting: 'daily' },
    ];
    for (const action of actions) {
      const token = unsubscribeToken('user-1', action);
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect(readUnsubscribeToken(token)).toEqual({ userId: 'user-1', action });
    }
  });

  it('is void when the person, the action or the signature is changed', () => {
    const token = unsubscribeToken('user-a', { t: 'nudges' });
    const { payload, signature } = partsOf(token);
    expect(readUnsubscribeToken(`${b64({ u: 'user-b', a: { t: 'nudges' } })}.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`${b64({ u: 'user-a', a: { t: 'email' } })}.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(`${payload}.${signature.slice(0, -1)}`)).toBeNull();
    expect(readUnsubscribeToken(`${payload}.${signature.slice(0, 20)}`)).toBeNull();
    expect(readUnsubscribeToken(payload)).toBeNull();
    expect(readUnsubscribeToken(`${payload}.${signature}.x`)).toBeNull();
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(readUnsubscribeToken(`${payload}.${flipped}`)).toBeNull();
    expect(readUnsubscribeToken('')).toBeNull();
    // Control: the untouched token still reads.
    expect(readUnsubscribeToken(token)).toEqual({ userId: 'user-a', action: { t: 'nudges' } });
  });
});

describe('following an unsubscribe link', () => {
  it('changes exactly its one setting, and again changes nothing', async () => {
    const cases: [UnsubscribeAction, keyof typeof DEFAULTS][] = [
      [{ t: 'nudges' }, 'nudgesEnabled'],
      [{ t: 'email' }, 'emailEnabled'],
      [{ t: 'merchant', setting: 'won' }, 'merchantGroupWon'],
      [{ t: 'merchant', setting: 'failed' }, 'merchantGroupFailed'],
      [{ t: 'merchant', setting: 'daily' }, 'merchantDailySummary'],
    ];
    for (const [action, setting] of cases) {
      const u = await h.makeUser();
      const token = unsubscribeToken(u.id, action);
      expect(await applyUnsubscribe(h.deps, token)).toEqual({ userId: u.id, action, changed: true });
      expect(await settingsOf(u.id), setting).toEqual({ ...DEFAULTS, [setting]: false });
      expect(await applyUnsubscribe(h.deps, token)).toMatchObject({ changed: false });
      expect(await settingsOf(u.id), setting).toEqual({ ...DEFAULTS, [setting]: false });
      // The page's undo turns that same thing back on.
      expect(await applyUnsubscribe(h.deps, token, { undo: true })).toMatchObject({ changed: true });
      expect(await settingsOf(u.id), setting).toEqual(DEFAULTS);
    }
  });

  it('mutes exactly its group, leaving every setting as it was', async () => {
    const a = await member();
    const token = unsubscribeToken(a.userId, { t: 'mute', groupId: a.groupId });
    expect(await applyUnsubscribe(h.deps, token)).toMatchObject({ changed: true });
    expect(await isGroupMuted(h.deps.db, a.userId, a.groupId)).toBe(true);
    expect(await settingsOf(a.userId)).toEqual(DEFAULTS);
    await applyUnsubscribe(h.deps, token, { undo: true });
    expect(await isGroupMuted(h.deps.db, a.userId, a.groupId)).toBe(false);
  });

  it('cannot be turned on someone else: user A’s token leaves user B untouched', async () => {
    const a = await member();
    const b = await member();
    const { signature } = partsOf(unsubscribeToken(a.userId, { t: 'email' }));
    const forged = `${b64({ u: b.userId, a: { t: 'email' } })}.${signature}`;
    await expect(applyUnsubscribe(h.deps, forged)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // A's own mute link, pointed at B's group, is void too.
    const { signature: muteSig } = partsOf(unsubscribeToken(a.userId, { t: 'mute', groupId: a.groupId }));
    const moved = `${b64({ u: a.userId, a: { t: 'mute', groupId: b.groupId } })}.${muteSig}`;
    await expect(applyUnsubscribe(h.deps, moved)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await applyUnsubscribe(h.deps, unsubscribeToken(a.userId, { t: 'email' }));
    expect(await settingsOf(b.userId)).toEqual(DEFAULTS);
    expect((await settingsOf(a.userId)).emailEnabled).toBe(false);
    const rows = await h.t.db
      .select()
      .from(notificationSettings)
      .where(eq(notificationSettings.userId, b.userId));
    expect(rows).toEqual([]);
    expect(await isGroupMuted(h.deps.db, a.userId, b.groupId)).toBe(false);
  });
});

describe('the one-click endpoint (RFC 8058)', () => {
  it('answers 200 to a form-encoded one-click POST without Origin and applies it', async () => {
    const u = await h.makeUser();
    const token = unsubscribeToken(u.id, { t: 'nudges' });
    const res = await oneClick(token, new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('Done: you will not get these messages any more.');
    expect((await settingsOf(u.id)).nudgesEnabled).toBe(false);
  });

  it('is let in from another site: the signed token, not the origin, is its credential', async () => {
    const u = await h.makeUser();
    const token = unsubscribeToken(u.id, { t: 'merchant', setting: 'daily' });
    const res = await oneClick(token, new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }), {
      origin: 'https://mail.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(200);
    expect((await settingsOf(u.id)).merchantDailySummary).toBe(false);
  });

  it('changes nothing when the address is merely opened (GET): it sends the reader to the page that asks', async () => {
    const u = await h.makeUser();
    const token = unsubscribeToken(u.id, { t: 'email' });
    const res = await GET(new Request(`http://flock.test/api/unsubscribe/${token}`), {
      params: Promise.resolve({ token }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://flock.test/u/${token}`);
    expect(await settingsOf(u.id)).toEqual(DEFAULTS);
  });

  it('accepts multipart too', async () => {
    const a = await member();
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const res = await oneClick(unsubscribeToken(a.userId, { t: 'mute', groupId: a.groupId }), form);
    expect(res.status).toBe(200);
    expect(await isGroupMuted(h.deps.db, a.userId, a.groupId)).toBe(true);
  });

  it('answers 400 with a sentence in the reader’s language for a bad token, and changes nothing', async () => {
    const u = await h.makeUser();
    const { payload } = partsOf(unsubscribeToken(u.id, { t: 'email' }));
    const body = () => new URLSearchParams({ 'List-Unsubscribe': 'One-Click' });
    const cut = await oneClick(`${payload}.abc`, body(), { [LOCALE_HEADER]: 'ja' });
    expect(cut.status).toBe(400);
    expect(await cut.text()).toMatch(/^この配信停止リンクは無効です/);
    const junk = await oneClick('not-a-token', body(), { 'accept-language': 'zh-CN' });
    expect(junk.status).toBe(400);
    expect(await junk.text()).toMatch(/^这个退订链接无效/);
    expect(await settingsOf(u.id)).toEqual(DEFAULTS);
  });
});
