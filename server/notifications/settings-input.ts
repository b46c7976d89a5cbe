// What a person may change about the messages Flock sends them (buyers in /me/notifications, merchants in
// the console), checked at the edge. Quiet hours arrive as the form's "HH:MM" and are kept as minutes after
// local midnight (0..1439; minutes are accepted too); equal start and end mean no quiet hours. Every field is optional: a form sends
// what it shows. Edit when a setting is added (and its column in db/schema/notifications.ts).
import { z } from 'zod';
import { LOCALES } from '@/i18n/locales';
import { msg } from '@/server/errors';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "21:30" → 1290 (minutes after midnight); null when it is not a time of day. */
export function minutesOf(hhmm: string): number | null {
  const m = HH_MM.exec(hhmm);
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 1290 → "21:30", as an <input type="time"> shows it. */
export function hhmmOf(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

let zones: ReadonlySet<string> | undefined;

/** Every IANA time zone this runtime knows, and UTC (sorted, for a select). */
export function timeZones(): string[] {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return [...zones].sort();
}

/** True when `tz` names a real IANA time zone (an alias the runtime resolves to one counts). */
export function isTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(tz)) return false;
  timeZones();
  if (zones?.has(tz)) return true;
  try {
    return zones?.has(new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone) ?? false;
  } catch {
    return false;
  }
}

// "HH:MM" from a form, or minutes already (so a parsed value parses again to itself).
const quietTime = z.union([z.string(), z.number()], msg('notify.quietTime')).transform((v, ctx) => {
  const minutes =
    typeof v === 'number' ? (Number.isInteger(v) && v >= 0 && v < 1440 ? v : null) : minutesOf(v);
  if (minutes === null) {
    ctx.addIssue({ code: 'custom', message: msg('notify.quietTime') });
    return z.NEVER;
  }
  return minutes;
});

export const notificationSettingsInputSchema = z.object({
  emailEnabled: z.boolean().optional(),
  pushEnabled: z.boolean().optional(),
  nudgesEnabled: z.boolean().optional(),
  quietStart: quietTime.optional(),
  quietEnd: quietTime.optional(),
  /** null = not chosen (UTC until the browser tells). */
  timeZone: z.string(msg('notify.timeZone')).refine(isTimeZone, msg('notify.timeZone')).nullable().optional(),
  /** The language of merchant mails; null = not chosen. */
  locale: z.enum(LOCALES, msg('notify.locale')).nullable().optional(),
  merchantGroupWon: z.boolean().optional(),
  merchantGroupFailed: z.boolean().optional(),
  merchantDailySummary: z.boolean().optional(),
});

export type NotificationSettingsInput = z.input<typeof notificationSettingsInputSchema>;
export type NotificationSettingsChanges = z.output<typeof notificationSettingsInputSchema>;
