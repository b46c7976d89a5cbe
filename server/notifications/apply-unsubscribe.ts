// What an unsubscribe link does when it is followed (the one-click POST or the /u/<token> page's button):
// exactly the action it was signed for, on exactly its person; again is a no-op. The page's "undo" turns
// the same one thing back on. Edit when an unsubscribe action is added (unsubscribe-token.ts).
import { eq } from 'drizzle-orm';
import { notificationSettings, user } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { muteGroup, unmuteGroup } from './mute-group';
import { getNotificationSettings, type NotificationSettings } from './settings';
import {
  readUnsubscribeToken,
  type MerchantUnsubscribeSetting,
  type UnsubscribeAction,
} from './unsubscribe-token';

type BooleanSetting = {
  [K in keyof NotificationSettings]: NotificationSettings[K] extends boolean ? K : never;
}[keyof NotificationSettings];

const MERCHANT_COLUMN: Readonly<Record<MerchantUnsubscribeSetting, BooleanSetting>> = {
  won: 'merchantGroupWon',
  failed: 'merchantGroupFailed',
  daily: 'merchantDailySummary',
};

/** The one setting an action turns off (mutes aside). */
function settingOf(action: Exclude<UnsubscribeAction, { t: 'mute' }>): BooleanSetting {
  if (action.t === 'nudges') return 'nudgesEnabled';
  if (action.t === 'email') return 'emailEnabled';
  return MERCHANT_COLUMN[action.setting];
}

export type UnsubscribeOutcome = {
  userId: string;
  action: UnsubscribeAction;
  /** False when it was already so (a second click, a mail provider's retry). */
  changed: boolean;
};

/**
 * Applies the action `token` was signed for (or, with `undo`, turns that same thing back on). A token that
 * is not ours, altered, or for a person who no longer exists is refused with a sentence for the reader.
 */
export async function applyUnsubscribe(
  deps: Pick<Deps, 'db' | 'now'>,
  token: string,
  opts: { undo?: boolean } = {},
): Promise<UnsubscribeOutcome> {
  const read = readUnsubscribeToken(token);
  if (!read) throw new DomainError('INVALID_INPUT', 'notify.badLink');
  const { userId, action } = read;
  const [person] = await deps.db.select({ id: user.id }).from(user).where(eq(user.id, userId)).limit(1);
  if (!person) throw new DomainError('NOT_FOUND', 'notify.badLink');

  if (action.t === 'mute') {
    const changed = opts.undo
      ? await unmuteGroup(deps, userId, action.groupId)
      : await muteGroup(deps, userId, action.groupId).catch((err: unknown) => {
          // The group is gone or the person was never in it: the link names nothing left to stop.
          if (err instanceof DomainError) throw new DomainError('NOT_FOUND', 'notify.badLink');
          throw err;
        });
    return { userId, action, changed };
  }

  const setting = settingOf(action);
  const wanted = Boolean(opts.undo);
  const before = await getNotificationSettings(deps.db, userId);
  if (before[setting] === wanted) return { userId, action, changed: false };
  const patch: Partial<Record<BooleanSetting, boolean>> = {};
  patch[setting] = wanted;
  const updatedAt = deps.now();
  await deps.db
    .insert(notificationSettings)
    .values({ ...patch, userId, updatedAt })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...patch, updatedAt } });
  return { userId, action, changed: true };
}
