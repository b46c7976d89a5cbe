// A person's notification preferences: read (every default when they never saved any) and saved. The
// sender reads them with getNotificationSettings before each message. Edit when a setting is added.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { DEFAULT_QUIET_END, DEFAULT_QUIET_START, notificationSettings } from '@/db/schema';
import { isLocale, type Locale } from '@/i18n/locales';
import type { Deps } from '@/server/deps';
import { parseOrThrow } from '@/server/errors';
import { notificationSettingsInputSchema, type NotificationSettingsInput } from './settings-input';

export type NotificationSettings = {
  emailEnabled: boolean;
  pushEnabled: boolean;
  /** Reminders; receipts always go. */
  nudgesEnabled: boolean;
  /** Minutes after local midnight; equal start and end = no quiet hours. */
  quietStart: number;
  quietEnd: number;
  /** IANA time zone; null = not chosen yet (read as UTC). */
  timeZone: string | null;
  /** The language of merchant mails; null = not chosen. */
  locale: Locale | null;
  merchantGroupWon: boolean;
  merchantGroupFailed: boolean;
  merchantDailySummary: boolean;
  /** False while the person has never saved their preferences (every value is the default). */
  saved: boolean;
};

/** The table's defaults: what a person who never chose gets. */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
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
};

/** `userId`'s preferences, or the defaults when they never saved any. */
export async function getNotificationSettings(db: Tx, userId: string): Promise<NotificationSettings> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  if (!row) return { ...DEFAULT_NOTIFICATION_SETTINGS };
  return {
    emailEnabled: row.emailEnabled,
    pushEnabled: row.pushEnabled,
    nudgesEnabled: row.nudgesEnabled,
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    timeZone: row.timeZone,
    locale: isLocale(row.locale) ? row.locale : null,
    merchantGroupWon: row.merchantGroupWon,
    merchantGroupFailed: row.merchantGroupFailed,
    merchantDailySummary: row.merchantDailySummary,
    saved: true,
  };
}

/** Saves the fields `input` names (the rest keep their value or default); refuses bad ones per field. */
export async function updateNotificationSettings(
  deps: Pick<Deps, 'db' | 'now'>,
  userId: string,
  input: NotificationSettingsInput,
): Promise<NotificationSettings> {
  // drizzle leaves out undefined fields: an insert takes their defaults, an update keeps their values.
  const changes = parseOrThrow(notificationSettingsInputSchema, input);
  const updatedAt = deps.now();
  await deps.db
    .insert(notificationSettings)
    .values({ ...changes, userId, updatedAt })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...changes, updatedAt } });
  return getNotificationSettings(deps.db, userId);
}
