// The deal editor explains, live, how the typed window makes buyers pay (issue 16): a hold up to 6 days,
// a card saved and charged at close beyond, with the shop's days to fix a failed charge.
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/i18n/locales';
import { translator } from '@/i18n/translator';
import { windowModeWords } from './window-mode';

const DAY = 24 * 3600;

/** The words for a readable window (every case below has one). */
function wordsFor(seconds: number, fixDays: number) {
  const w = windowModeWords(seconds, fixDays);
  if (!w) throw new Error(`no words for a window of ${seconds} s`);
  return w;
}

describe('the window mode explanation', () => {
  it.each([
    [3600, 'hold'],
    [6 * DAY, 'hold'],
    [6 * DAY + 1, 'save_card'],
    [14 * DAY, 'save_card'],
    [30 * DAY, 'save_card'],
  ] as const)('%i seconds → %s', (seconds, mode) => {
    expect(windowModeWords(seconds, 7)?.mode).toBe(mode);
  });

  it('says nothing while no window is readable', () => {
    expect(windowModeWords(0, 7)).toBeNull();
    expect(windowModeWords(Number.NaN, 7)).toBeNull();
  });

  it('says the rule, the fix days, and which mode this window uses (English)', () => {
    const t = translator('en', 'merchant');
    const hold = wordsFor(2 * DAY, 7);
    expect(t(hold.key, hold.values)).toBe(
      "Up to 6 days: each buyer's card is held at join. Longer (up to 30 days): the card is saved and charged when the group closes; a buyer whose card then fails gets 7 days to fix it. This window holds cards.",
    );
    const saved = wordsFor(14 * DAY, 1);
    expect(t(saved.key, saved.values)).toMatch(/gets 1 day to fix it\. This window saves cards\.$/);
  });

  it.each(LOCALES)('%s says both modes differently, with the days', (locale) => {
    const t = translator(locale, 'merchant');
    const hold = wordsFor(DAY, 5);
    const saved = wordsFor(10 * DAY, 5);
    expect(t(hold.key, hold.values)).not.toBe(t(saved.key, saved.values));
    expect(t(saved.key, saved.values)).toContain('5');
  });
});
