import { describe, expect, it } from 'vitest';
import { isQuietMinute, localDayAndHour, quietUntil } from './quiet-hours';

const night = { start: 21 * 60, end: 8 * 60 };

describe('quiet hours in the recipient’s own time zone', () => {
  it('holds a nudge at 23:30 in Tokyo until 08:00 Tokyo time', () => {
    // 14:30 UTC = 23:30 in Tokyo (UTC+9, no daylight saving)
    const at = new Date('2026-11-30T14:30:00Z');
    expect(quietUntil(at, { ...night, timeZone: 'Asia/Tokyo' })?.toISOString()).toBe(
      '2026-11-30T23:00:00.000Z',
    );
  });

  it('lets the same instant through for someone in London, where it is 14:30', () => {
    expect(quietUntil(new Date('2026-11-30T14:30:00Z'), { ...night, timeZone: 'Europe/London' })).toBeNull();
  });

  it('holds a nudge at 05:59 until 08:00 the same morning, and not at 08:00 itself', () => {
    expect(quietUntil(new Date('2026-06-01T05:59:00Z'), { ...night, timeZone: 'UTC' })?.toISOString()).toBe(
      '2026-06-01T08:00:00.000Z',
    );
    expect(quietUntil(new Date('2026-06-01T08:00:00Z'), { ...night, timeZone: 'UTC' })).toBeNull();
    expect(quietUntil(new Date('2026-06-01T20:59:59Z'), { ...night, timeZone: 'UTC' })).toBeNull();
    expect(quietUntil(new Date('2026-06-01T21:00:00Z'), { ...night, timeZone: 'UTC' })?.toISOString()).toBe(
      '2026-06-02T08:00:00.000Z',
    );
  });

  it('follows daylight saving: 21:30 in New York in July is 01:30 UTC', () => {
    const at = new Date('2026-07-02T01:30:00Z');
    expect(quietUntil(at, { ...night, timeZone: 'America/New_York' })?.toISOString()).toBe(
      '2026-07-02T12:00:00.000Z',
    );
  });

  it('supports a window that does not wrap midnight, and none at all when start equals end', () => {
    expect(isQuietMinute(13 * 60, { start: 12 * 60, end: 14 * 60 })).toBe(true);
    expect(isQuietMinute(14 * 60, { start: 12 * 60, end: 14 * 60 })).toBe(false);
    expect(
      quietUntil(new Date('2026-06-01T03:00:00Z'), { start: 600, end: 600, timeZone: 'UTC' }),
    ).toBeNull();
  });

  it('treats an unknown time zone as UTC instead of failing', () => {
    expect(
      quietUntil(new Date('2026-06-01T23:00:00Z'), { ...night, timeZone: 'Mars/Olympus' })?.toISOString(),
    ).toBe('2026-06-02T08:00:00.000Z');
  });

  it('gives the local day and hour for the daily summary', () => {
    expect(localDayAndHour(new Date('2026-11-30T23:30:00Z'), 'Asia/Shanghai')).toEqual({
      day: '2026-12-01',
      hour: 7,
    });
  });
});
