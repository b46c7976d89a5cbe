// Notification preferences and group mutes against real PostgreSQL: a person who never chose gets every
// default; what they save is what they read back (quiet hours typed as "HH:MM"); bad values are refused per
// field in the reader's language; a group can be muted only by someone who is or was in it; a guest's
// preferences, mutes and devices follow them to their account.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUIET_END, DEFAULT_QUIET_START, pushSubscriptions } from '@/db/schema';
import { LOCALE_HEADER } from '@/i18n/locales';
import { moveGuestMemberships } from '@/server/auth/guest-claims';
import { DomainError } from '@/server/errors';
import { makeGroup } from '@/server/groups/test-factory';
import { localizeError } from '@/server/localize-error';
import { seedMember } from '@/server/merchant-console/seed-console-history';
import { createCaller } from '@/server/trpc/root';
import { createHarness, type Harness } from '@/test/harness';
import { isGroupMuted, listGroupMuteStates, listMutedGroups, muteGroup, unmuteGroup } from './mute-group';
import { getNotificationSettings, updateNotificationSettings } from './settings';
import type { NotificationSettingsInput } from './settings-input';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

async function refusal(input: NotificationSettingsInput, userId: string): Promise<DomainError> {
  try {
    await updateNotificationSettings(h.deps, userId, input);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('notification settings', () => {
  it('are the defaults for someone who never chose: everything on, quiet 21:00–08:00, no zone yet', async () => {
    const u = await h.makeUser({ anonymous: true });
    expect(await getNotificationSettings(h.deps.db, u.id)).toEqual({
      emailEnabled: true,
      pushEnabled: true,
      nudgesEnabled: true,
      quietStart: DEFAULT_QUIET_START,
      quietEnd: DEFAULT_QUIET_END,
      timeZone: null,
      locale: null,
      merchantGroupWon: true,
      merchantGroupFailed: true,
      merchantDailySummary: true,
      saved: false,
    });
    expect([DEFAULT_QUIET_START, DEFAULT_QUIET_END]).toEqual([21 * 60, 8 * 60]);
  });

  it('read back what was saved, and a later save keeps what it did not name', async () => {
    const u = await h.makeUser();
    await updateNotificationSettings(h.deps, u.id, {
      pushEnabled: false,
      nudgesEnabled: false,
      quietStart: '22:30',
      quietEnd: '07:15',
      timeZone: 'Asia/Tokyo',
      locale: 'ja',
    });
    const later = await updateNotificationSettings(h.deps, u.id, { merchantDailySummary: false });
    expect(later).toMatchObject({
      emailEnabled: true,
      pushEnabled: false,
      nudgesEnabled: false,
      quietStart: 22 * 60 + 30,
      quietEnd: 7 * 60 + 15,
      timeZone: 'Asia/Tokyo',
      locale: 'ja',
      merchantGroupWon: true,
      merchantDailySummary: false,
      saved: true,
    });
    expect(await getNotificationSettings(h.deps.db, u.id)).toEqual(later);
    // Equal start and end: no quiet hours; a chosen zone can be cleared.
    const none = await updateNotificationSettings(h.deps, u.id, {
      quietStart: '00:00',
      quietEnd: '00:00',
      timeZone: null,
    });
    expect([none.quietStart, none.quietEnd, none.timeZone]).toEqual([0, 0, null]);
  });

  it('refuses a made-up time zone, 25:00 and an unknown language, per field, in the reader’s language', async () => {
    const u = await h.makeUser();
    const err = await refusal(
      { timeZone: 'Mars/Olympus_Mons', quietStart: '25:00', locale: 'fr' as 'en' },
      u.id,
    );
    expect(err.code).toBe('INVALID_INPUT');
    expect(localizeError(err, 'ja').fields).toEqual({
      timeZone: 'リストからタイムゾーンを選んでください。',
      quietStart: '21:00 のような時刻を入力してください（時は 00〜23、分は 00〜59）。',
      locale: 'リストから言語を選んでください。',
    });
    expect(localizeError(err, 'zh-CN').fields?.quietStart).toBe(
      '请输入像 21:00 这样的时间（小时 00–23，分钟 00–59）。',
    );
    expect((await refusal({ quietEnd: '7:5' }, u.id)).fields).toEqual({
      quietEnd: 'Enter a time of day like 21:00 (hours 00–23, minutes 00–59).',
    });
    // Nothing was saved by the refused attempts.
    expect((await getNotificationSettings(h.deps.db, u.id)).saved).toBe(false);
    // UTC and the runtime's zones are accepted.
    expect((await updateNotificationSettings(h.deps, u.id, { timeZone: 'UTC' })).timeZone).toBe('UTC');
  });

  it('says a refused field over tRPC with the page’s language', async () => {
    const u = await h.makeUser({ anonymous: true });
    const caller = createCaller({
      deps: h.deps,
      user: u,
      merchantId: null,
      headers: new Headers({ [LOCALE_HEADER]: 'zh-CN' }),
    });
    await expect(caller.notificationSettings.update({ timeZone: 'Nowhere/Land' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '有几项需要修改。',
    });
    await caller.notificationSettings.update({ quietStart: '23:00', timeZone: 'Europe/Berlin' });
    expect(await caller.notificationSettings.get()).toMatchObject({
      quietStart: 23 * 60,
      timeZone: 'Europe/Berlin',
    });
  });
});

describe('group mutes', () => {
  it('mute and unmute a group the person is or was in, and list it with its title', async () => {
    const u = await h.makeUser({ anonymous: true });
    const g = await makeGroup(h.deps);
    await seedMember(h.t.db, g.groupId, {
      userId: u.id,
      unitPriceAtJoin: 1500,
      holdAmount: 1500,
      quantity: 1,
      status: 'left',
    });
    expect(await isGroupMuted(h.deps.db, u.id, g.groupId)).toBe(false);
    expect(await muteGroup(h.deps, u.id, g.groupId)).toBe(true);
    expect(await muteGroup(h.deps, u.id, g.groupId)).toBe(false);
    expect(await isGroupMuted(h.deps.db, u.id, g.groupId)).toBe(true);
    expect(await listMutedGroups(h.deps.db, u.id, 'en')).toMatchObject([
      { groupId: g.groupId, code: g.code, title: 'Ceramic mug' },
    ]);
    expect(await listGroupMuteStates(h.deps.db, u.id)).toEqual([
      { groupId: g.groupId, code: g.code, muted: true },
    ]);
    expect(await unmuteGroup(h.deps, u.id, g.groupId)).toBe(true);
    expect(await listGroupMuteStates(h.deps.db, u.id)).toEqual([
      { groupId: g.groupId, code: g.code, muted: false },
    ]);
    expect(await isGroupMuted(h.deps.db, u.id, g.groupId)).toBe(false);
    expect(await listMutedGroups(h.deps.db, u.id, 'en')).toEqual([]);
  });

  it('refuses a group the person was never in exactly as one that does not exist', async () => {
    const u = await h.makeUser({ anonymous: true });
    const other = await h.makeUser({ anonymous: true });
    const g = await makeGroup(h.deps);
    await seedMember(h.t.db, g.groupId, {
      userId: other.id,
      unitPriceAtJoin: 1500,
      holdAmount: 1500,
      quantity: 1,
      status: 'authorized',
    });
    const caller = createCaller({ deps: h.deps, user: u, merchantId: null, headers: null });
    const strangers = await caller.notificationSettings.mute({ groupId: g.groupId }).catch((e: unknown) => e);
    const missing = await caller.notificationSettings
      .mute({ groupId: '00000000-0000-4000-8000-000000000000' })
      .catch((e: unknown) => e);
    expect(strangers).toMatchObject({
      code: 'NOT_FOUND',
      message: 'You can only mute reminders about a group you joined.',
    });
    expect(missing).toMatchObject({
      code: (strangers as { code: string }).code,
      message: (strangers as Error).message,
    });
    expect(await isGroupMuted(h.deps.db, u.id, g.groupId)).toBe(false);
    expect(await isGroupMuted(h.deps.db, other.id, g.groupId)).toBe(false);
  });
});

describe('a guest keeping their groups on an account', () => {
  it('brings its mutes, its devices and, when the account never chose, its settings', async () => {
    const guest = await h.makeUser({ anonymous: true });
    const account = await h.makeUser();
    const chooser = await h.makeUser();
    const g = await makeGroup(h.deps);
    const seed = (userId: string) =>
      seedMember(h.t.db, g.groupId, {
        userId,
        unitPriceAtJoin: 1500,
        holdAmount: 1500,
        quantity: 1,
        status: 'authorized',
      });
    await seed(guest.id);
    await muteGroup(h.deps, guest.id, g.groupId);
    await updateNotificationSettings(h.deps, guest.id, { nudgesEnabled: false, timeZone: 'Asia/Shanghai' });
    await h.t.db.insert(pushSubscriptions).values({
      userId: guest.id,
      endpoint: `https://push.example.test/${guest.id}`,
      p256dh: 'k',
      auth: 'a',
    });

    expect(await moveGuestMemberships(h.t.db, guest.id, account.id)).toBe(1);
    expect(await isGroupMuted(h.deps.db, account.id, g.groupId)).toBe(true);
    expect(await isGroupMuted(h.deps.db, guest.id, g.groupId)).toBe(false);
    expect(await getNotificationSettings(h.deps.db, account.id)).toMatchObject({
      nudgesEnabled: false,
      timeZone: 'Asia/Shanghai',
      saved: true,
    });
    const devices = await h.t.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, account.id));
    expect(devices).toHaveLength(1);

    // An account that already chose keeps its own choices.
    const guest2 = await h.makeUser({ anonymous: true });
    await updateNotificationSettings(h.deps, guest2.id, { emailEnabled: false });
    await updateNotificationSettings(h.deps, chooser.id, { pushEnabled: false });
    await moveGuestMemberships(h.t.db, guest2.id, chooser.id);
    expect(await getNotificationSettings(h.deps.db, chooser.id)).toMatchObject({
      emailEnabled: true,
      pushEnabled: false,
    });
  });
});
