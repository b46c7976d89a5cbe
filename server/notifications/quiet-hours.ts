// Quiet hours in the recipient's own time zone (DESIGN rule 14): pure, so the tests can walk the clock.

export type QuietHours = {
  /** Minutes after local midnight; start === end means no quiet hours. */
  start: number;
  end: number;
  /** IANA time zone; an unknown one counts as UTC. */
  timeZone: string | null;
};

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string | null): Intl.DateTimeFormat {
  const zone = timeZone ?? 'UTC';
  let f = formats.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = formatFor('UTC');
    }
    formats.set(zone, f);
  }
  return f;
}

/** Seconds after local midnight of `at` in `timeZone`. */
export function localSecondOfDay(at: Date, timeZone: string | null): number {
  let h = 0;
  let m = 0;
  let s = 0;
  for (const p of formatFor(timeZone).formatToParts(at)) {
    if (p.type === 'hour') h = Number(p.value) % 24;
    else if (p.type === 'minute') m = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
  }
  return h * 3600 + m * 60 + s;
}

/** True when the local minute `minute` falls inside the quiet window (which may wrap past midnight). */
export function isQuietMinute(minute: number, q: Pick<QuietHours, 'start' | 'end'>): boolean {
  if (q.start === q.end) return false;
  return q.start < q.end ? minute >= q.start && minute < q.end : minute >= q.start || minute < q.end;
}

/**
 * When the quiet window that contains `at` ends, or null when `at` is outside quiet hours. Across a
 * daylight-saving change the answer may be an hour off; the sender checks again when it wakes.
 */
export function quietUntil(at: Date, q: QuietHours): Date | null {
  const sec = localSecondOfDay(at, q.timeZone);
  if (!isQuietMinute(Math.floor(sec / 60), q)) return null;
  const wait = (q.end * 60 - sec + 86_400) % 86_400;
  return new Date(at.getTime() + (wait === 0 ? 86_400 : wait) * 1000);
}

/** The local calendar day (YYYY-MM-DD) and hour of `at` in `timeZone`. */
export function localDayAndHour(at: Date, timeZone: string | null): { day: string; hour: number } {
  let zone = timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) % 24 };
}
