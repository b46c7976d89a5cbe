// The shared text rules: what every user-supplied string may contain, and how it is normalised.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { englishErrors, issueRefusal, msg, renderRefusal } from './errors';
import { translator } from '@/i18n/translator';
import { errorWordsIn } from './localize-error';
import { hasForbiddenCharacters, keyText, multiLineText, singleLineText } from './text';

/** The first issue's message as a reader of `words` sees it. */
const said = (r: z.ZodSafeParseResult<unknown>, words = englishErrors) =>
  r.error?.issues[0] ? renderRefusal(words, issueRefusal(r.error.issues[0])) : undefined;

describe('singleLineText', () => {
  const alias = singleLineText('fieldName.alias')
    .min(1, msg('group.aliasRequired'))
    .max(40, msg('group.aliasTooLong'));

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
    expect(said(r)).toMatch(/^Your name contains an invisible control character/);
  });

  it('names the field in the reader’s language', () => {
    const r = alias.safeParse('Ann\u0000');
    expect(said(r, errorWordsIn('zh-CN'))).toBe(
      translator('zh-CN', 'errors')('text.controlCharacter', { field: '你的昵称' }),
    );
    expect(said(r, errorWordsIn('ja'))).toMatch(/^表示名に目に見えない制御文字/);
  });

  it('keeps what people really type: accents, CJK, emoji (a surrogate pair), and trims', () => {
    expect(alias.parse('  Zoë 小明 さくら 🍓 ')).toBe('Zoë 小明 さくら 🍓');
  });

  it('stores one form of each letter (NFC), so "é" typed two ways is one alias', () => {
    expect(alias.parse('Rene\u0301')).toBe('Ren\u00E9');
  });

  it('still applies the field length rules after normalising', () => {
    expect(said(alias.safeParse('   '))).toBe('Choose a name to show to the group');
    expect(said(alias.safeParse('x'.repeat(41)))).toBe('Use at most 40 characters');
  });
});

describe('multiLineText', () => {
  const description = multiLineText('fieldName.description').max(100, msg('deal.descriptionTooLong'));

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
    const key = keyText('fieldName.requestKey', 10);
    expect(key.parse('abc-123_X')).toBe('abc-123_X');
    expect(key.safeParse('abc\u0000').success).toBe(false);
    expect(key.safeParse('abc def').success).toBe(false);
    expect(key.safeParse('ключ').success).toBe(false);
    expect(key.safeParse('x'.repeat(11)).success).toBe(false);
    expect(said(key.safeParse('x'.repeat(11)))).toBe('Request key is too long');
    expect(said(key.safeParse('abc def'))).toBe('Request key contains characters that are not allowed');
  });
});

it('hasForbiddenCharacters tells single-line and multi-line apart', () => {
  expect(hasForbiddenCharacters('a\nb')).toBe(true);
  expect(hasForbiddenCharacters('a\nb', true)).toBe(false);
  expect(hasForbiddenCharacters('a\u0000b', true)).toBe(true);
});
