import { describe, expect, it } from 'vitest';
import { translator } from '@/i18n/translator';
import { LOCALES, type Locale } from '@/i18n/locales';
import { joinedNames, systemLine, systemLineGroupCode, SYSTEM_KEYS, type SystemWords } from './system-line';

function words(locale: Locale): SystemWords {
  const t = translator(locale, 'rooms.system');
  return { t: (key, values) => t(key, values), locale };
}

const VALUES = {
  joined: { names: 'Ben, Chen', others: 2 },
  bracketUnlocked: { price: 1280, currency: 'USD' },
  closingSoon: { hours: 3 },
  won: { price: 980, currency: 'JPY' },
  failed: {},
  groupOpened: { title: 'Spring tea box', code: 'AbCd1234' },
} as const;

describe('system lines', () => {
  it.each(LOCALES)('has words for every key in %s, with the values filled in', (locale) => {
    const w = words(locale);
    for (const key of SYSTEM_KEYS) {
      const line = systemLine(w, key, VALUES[key]);
      expect(line, `${locale} ${key}`).not.toBe('');
      expect(line, `${locale} ${key}`).not.toMatch(/[{}]|rooms\.system/);
      expect(line, `${locale} ${key}`).not.toBe(systemLine(w, 'nonsense', {}));
    }
    expect(systemLine(w, 'joined', VALUES.joined)).toContain('Ben');
    expect(systemLine(w, 'joined', VALUES.joined)).toContain('2');
    expect(systemLine(w, 'groupOpened', VALUES.groupOpened)).toContain('Spring tea box');
  });

  it('says the joins in English as the issue shows them', () => {
    const w = words('en');
    expect(systemLine(w, 'joined', { names: 'Ben, Chen', others: 2 })).toBe('Ben, Chen and 2 others joined');
    expect(systemLine(w, 'joined', { names: 'Ben, Chen, Dai', others: 1 })).toBe(
      'Ben, Chen, Dai and 1 other joined',
    );
    expect(systemLine(w, 'joined', { names: 'Ben, Chen', others: 0 })).toBe('Ben and Chen joined');
    expect(systemLine(w, 'joined', { names: 'Ben', others: 0 })).toBe('Ben joined');
  });

  it('coalesces names with each language’s own separator', () => {
    expect(systemLine(words('zh-CN'), 'joined', { names: 'Ben, Chen', others: 2 })).toBe(
      'Ben、Chen 等另外 2 人加入了',
    );
    expect(systemLine(words('ja'), 'joined', { names: 'Ben, Chen', others: 2 })).toBe(
      'Ben、Chen さんほか 2 人が参加しました',
    );
    expect(joinedNames(' Ben ,Chen,, ', 0, 'en')).toBe('Ben and Chen');
  });

  it('writes prices in the currency’s minor units and the reader’s locale', () => {
    expect(systemLine(words('en'), 'bracketUnlocked', { price: 1280, currency: 'USD' })).toBe(
      'The price went down to $12.80 each',
    );
    expect(systemLine(words('ja'), 'won', { price: 980, currency: 'JPY' })).toContain('￥980');
    expect(systemLine(words('en'), 'closingSoon', { hours: 1 })).toBe(
      'Closing soon: 1 hour left as of this message',
    );
  });

  it('links only a well-formed group code', () => {
    expect(systemLineGroupCode('groupOpened', { code: 'AbCd1234' })).toBe('AbCd1234');
    expect(systemLineGroupCode('groupOpened', { code: '../x' })).toBeNull();
    expect(systemLineGroupCode('won', { code: 'AbCd1234' })).toBeNull();
  });
});
