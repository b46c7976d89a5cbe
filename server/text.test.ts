// The shared text rules: what every user-supplied string may contain, and how it is normalised.
import { describe, expect, it } from 'vitest';
import { hasForbiddenCharacters, keyText, multiLineText, singleLineText } from './text';

describe('singleLineText', () => {
  const alias = singleLineText('Your name').min(1, 'Choose a name').max(40, 'Too long');

  it.each([
    ['NUL', 'Ann\u0000'],
    ['a tab', 'Ann\tLee'],
    ['a newline', 'Ann\nLee'],
    ['DEL', 'Ann\u007F'],
    ['a C1 control', 'Ann\u0085'],
    ['a right-to-left override', 'Ann\u202Egpj.exe'],
    ['a lone surrogate', 'Ann\uD800'],
  ])('refuses %s with a message naming the field', (_, value) => {
    const r = alias.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^Your name contains an invisible control character/);
  });

  it('keeps what people really type: accents, CJK, emoji (a surrogate pair), and trims', () => {
    expect(alias.parse('  Zoë 小明 さくら 🍓 ')).toBe('Zoë 小明 さくら 🍓');
  });

  it('stores one form of each letter (NFC), so "é" typed two ways is one alias', () => {
    expect(alias.parse('Rene\u0301')).toBe('Ren\u00E9');
  });

  it('still applies the field length rules after normalising', () => {
    expect(alias.safeParse('   ').error?.issues[0]?.message).toBe('Choose a name');
    expect(alias.safeParse('x'.repeat(41)).error?.issues[0]?.message).toBe('Too long');
  });
});

describe('multiLineText', () => {
  const description = multiLineText('Description').max(100, 'Too long');

  it('keeps newlines and tabs, folding Windows line ends', () => {
    expect(description.parse('Line one\r\n\tLine two\rThree')).toBe('Line one\n\tLine two\nThree');
  });

  it('refuses NUL and other controls', () => {
    expect(description.safeParse('Nice\u0000').success).toBe(false);
    expect(description.safeParse('Nice\u001B[31m').success).toBe(false);
  });
});

describe('keyText', () => {
  it('accepts printable ASCII and refuses anything else', () => {
    const key = keyText('Request key', 10);
    expect(key.parse('abc-123_X')).toBe('abc-123_X');
    expect(key.safeParse('abc\u0000').success).toBe(false);
    expect(key.safeParse('abc def').success).toBe(false);
    expect(key.safeParse('ключ').success).toBe(false);
    expect(key.safeParse('x'.repeat(11)).success).toBe(false);
  });
});

it('hasForbiddenCharacters tells single-line and multi-line apart', () => {
  expect(hasForbiddenCharacters('a\nb')).toBe(true);
  expect(hasForbiddenCharacters('a\nb', true)).toBe(false);
  expect(hasForbiddenCharacters('a\u0000b', true)).toBe(true);
});
