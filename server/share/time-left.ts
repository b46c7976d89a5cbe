// Human wording for the time left before a group's deadline, shared by the page, the share message and
// the preview image, phrased from the `time` catalog in the reader's language ("2 d 23 h" / "2天23小时" /
// "2日23時間"). Pure; safe in the browser (the translators come in `w`).
import type { Words } from './group-words';

/** "2 d 3 h", "5 h", "4 h 12 min", "12 min", "45 s", or "ended" at or past the deadline. */
export function formatTimeLeft(w: Pick<Words, 'time'>, ms: number): string {
  if (!(ms > 0)) return w.time('left.ended');
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? w.time('left.daysHours', { days, hours }) : w.time('left.days', { days });
  if (hours > 0)
    return minutes > 0 && hours < 10
      ? w.time('left.hoursMinutes', { hours, minutes })
      : w.time('left.hours', { hours });
  if (minutes > 0) return w.time('left.minutes', { minutes });
  return w.time('left.seconds', { seconds: s });
}

/** The same as a running clock for the countdown: "1 d 02:03:04", "02:03:04", "03:04". */
export function formatClock(w: Pick<Words, 'time'>, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(s / 86_400);
  const hh = Math.floor((s % 86_400) / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  const clock = hh > 0 || days > 0 ? `${String(hh).padStart(2, '0')}:${mm}:${ss}` : `${mm}:${ss}`;
  return days > 0 ? w.time('clock.days', { days, clock }) : clock;
}

/** A window length in words for sentences: "1 day", "2 days 4 hours", "3 hours", "45 minutes", "30 seconds". */
export function formatDuration(w: Pick<Words, 'time'>, seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0)
    return hours > 0 ? w.time('duration.daysHours', { days, hours }) : w.time('duration.days', { days });
  if (hours > 0)
    return minutes > 0
      ? w.time('duration.hoursMinutes', { hours, minutes })
      : w.time('duration.hours', { hours });
  if (minutes > 0) return w.time('duration.minutes', { minutes });
  return w.time('duration.seconds', { seconds: s });
}
