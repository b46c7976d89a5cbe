import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/i18n/locales';
import { suggestAlias } from './alias-suggestion';

describe('suggestAlias', () => {
  it('keeps the English names it always gave', () => {
    expect(suggestAlias('en', 0)).toBe('Sunny Otter');
    expect(suggestAlias(undefined, 13)).toBe('Brave Panda');
  });
  it('names people in the reader’s language', () => {
    expect(suggestAlias('zh-CN', 0)).toBe('阳光水獭');
    expect(suggestAlias('ja', 13)).toBe('勇敢なパンダ');
  });
  it('gives a short name in every language for every seed', () => {
    for (const locale of LOCALES)
      for (let seed = 0; seed < 144; seed++) {
        const alias = suggestAlias(locale, seed);
        expect(alias.trim().length, `${locale} ${seed}`).toBeGreaterThan(1);
        expect(alias.length).toBeLessThanOrEqual(40);
      }
  });
});
