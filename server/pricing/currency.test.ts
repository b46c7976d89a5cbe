import { describe, expect, it } from 'vitest';
import {
  CURRENCIES,
  CURRENCY_CODES,
  currencyExponent,
  formatMoney,
  isCurrency,
  minorToDecimalString,
  parseMoney,
} from './currency';

describe('CURRENCIES', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['CAD', 2],
    ['AUD', 2],
    ['SGD', 2],
    ['HKD', 2],
    ['CNY', 2],
    ['TWD', 2],
    ['INR', 2],
    ['BRL', 2],
    ['MXN', 2],
    ['CHF', 2],
    ['SEK', 2],
    ['THB', 2],
    ['IDR', 2],
    ['PHP', 2],
    ['MYR', 2],
    ['VND', 0],
    ['JPY', 0],
    ['KRW', 0],
    ['CLP', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['JOD', 3],
    ['OMR', 3],
  ])('%s has exponent %i', (code, exponent) => {
    expect(isCurrency(code)).toBe(true);
    expect(currencyExponent(code)).toBe(exponent);
  });

  it('lists every code once, and each is a currency Intl knows', () => {
    expect(new Set(CURRENCY_CODES).size).toBe(Object.keys(CURRENCIES).length);
    for (const code of CURRENCY_CODES) {
      expect(() => new Intl.NumberFormat('en-US', { style: 'currency', currency: code })).not.toThrow();
    }
  });

  it.each(['usd', 'XXX', '', 'US', 'toString', '__proto__', 'hasOwnProperty'])('rejects %j', (code) => {
    expect(isCurrency(code)).toBe(false);
    expect(() => currencyExponent(code)).toThrow(RangeError);
  });
});

describe('minorToDecimalString', () => {
  it.each([
    [1234, 2, '12.34'],
    [5, 2, '0.05'],
    [0, 2, '0.00'],
    [100, 2, '1.00'],
    [-5, 3, '-0.005'],
    [1234, 3, '1.234'],
    [780, 0, '780'],
    [0, 0, '0'],
    [Number.MAX_SAFE_INTEGER, 2, '90071992547409.91'],
  ])('(%i, %i) → %s', (minor, exponent, text) => {
    expect(minorToDecimalString(minor, exponent)).toBe(text);
  });

  it.each([1.5, Number.NaN, Infinity, 2 ** 53])('throws for %d', (minor) => {
    expect(() => minorToDecimalString(minor, 2)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it.each([
    [1234, 'USD', '$12.34'],
    [5, 'USD', '$0.05'],
    [0, 'USD', '$0.00'],
    [123456789, 'USD', '$1,234,567.89'],
    [-1234, 'USD', '-$12.34'],
    [780, 'JPY', '¥780'],
    [1234567, 'JPY', '¥1,234,567'],
    [1234, 'KWD', 'KWD 1.234'],
    [5, 'BHD', 'BHD 0.005'],
    [150000, 'IDR', 'IDR 1,500.00'],
    [25000, 'VND', '₫25,000'],
    [999, 'GBP', '£9.99'],
    [Number.MAX_SAFE_INTEGER, 'USD', '$90,071,992,547,409.91'],
  ])('(%i, %s) → %s', (minor, currency, text) => {
    // Intl separates a code from the number with a no-break space.
    expect(formatMoney(minor, currency, 'en').replace(/\u00a0/g, ' ')).toBe(text);
  });

  it('honours the locale', () => {
    expect(formatMoney(1234, 'EUR', 'de-DE').replace(/\u00a0/g, ' ')).toBe('12,34 €');
    expect(formatMoney(780, 'JPY', 'ja-JP')).toBe('￥780');
    // The reader's locale decides the symbol: each of Flock's languages writes yen its own way.
    expect(formatMoney(980, 'JPY', 'en')).toBe('¥980');
    expect(formatMoney(980, 'JPY', 'zh-CN')).toBe('JP¥980');
    expect(formatMoney(980, 'JPY', 'ja')).toBe('￥980');
    expect(formatMoney(2600, 'USD', 'zh-CN')).toBe('US$26.00');
    expect(formatMoney(1234, 'KWD', 'en-US')).toContain('1.234');
  });

  it('throws for an unknown currency or a non-integer amount', () => {
    expect(() => formatMoney(100, 'XXX', 'en')).toThrow(/Unsupported currency "XXX"/);
    expect(() => formatMoney(12.5, 'USD', 'en')).toThrow(RangeError);
  });
});

describe('parseMoney', () => {
  it.each([
    ['12.5', 'USD', 1250],
    ['12.50', 'USD', 1250],
    ['12', 'USD', 1200],
    ['12.', 'USD', 1200],
    ['.5', 'USD', 50],
    ['0.01', 'USD', 1],
    ['0', 'USD', 0],
    ['  9.99  ', 'USD', 999],
    ['007.10', 'USD', 710],
    ['1,234.56', 'USD', 123456],
    ['1,234,567', 'USD', 123456700],
    ['12.340', 'USD', 1234], // a trailing zero is still exact
    ['0.29', 'USD', 29], // 0.29 * 100 is 28.999999999999996 in floats
    ['1.005', 'KWD', 1005],
    ['1.1', 'KWD', 1100],
    ['780', 'JPY', 780],
    ['780.0', 'JPY', 780],
    ['90071992547409.91', 'USD', Number.MAX_SAFE_INTEGER],
  ])('%j in %s → %i', (input, currency, minor) => {
    expect(parseMoney(input, currency)).toBe(minor);
  });

  it.each([
    ['12.345', 'USD'], // too many decimals
    ['780.5', 'JPY'],
    ['1.0001', 'KWD'],
    ['-5', 'USD'],
    ['-0.01', 'USD'],
    ['+5', 'USD'],
    ['', 'USD'],
    ['   ', 'USD'],
    ['.', 'USD'],
    ['abc', 'USD'],
    ['12a', 'USD'],
    ['1e3', 'USD'],
    ['$12', 'USD'],
    ['12,50', 'EUR'], // a decimal comma is ambiguous, refused rather than misread
    ['1,23', 'USD'],
    ['1,2345', 'USD'],
    ['1.2.3', 'USD'],
    ['1 000', 'USD'],
    ['Infinity', 'USD'],
    ['0x10', 'USD'],
    ['90071992547409.92', 'USD'], // one past MAX_SAFE_INTEGER
    ['99999999999999999999', 'JPY'],
  ])('%j in %s → null', (input, currency) => {
    expect(parseMoney(input, currency)).toBeNull();
  });

  it('throws for an unknown currency', () => {
    expect(() => parseMoney('1', 'XXX')).toThrow(RangeError);
  });
});
