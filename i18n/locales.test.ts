import { describe, expect, it } from 'vitest';
import { acceptedLocale, chooseLocale, chooseLocaleHref, closestLocale } from './locales';

describe('closestLocale', () => {
  it('maps the ways people write a language to ours', () => {
    expect(closestLocale('zh')).toBe('zh-CN');
    expect(closestLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(closestLocale('zh-TW')).toBe('zh-CN');
    expect(closestLocale('ja-JP')).toBe('ja');
    expect(closestLocale('en-GB')).toBe('en');
  });
  it('gives null for a language Flock does not speak or a malformed tag', () => {
    expect(closestLocale('ko')).toBeNull();
    expect(closestLocale('de-DE')).toBeNull();
    expect(closestLocale('<script>')).toBeNull();
    expect(closestLocale('')).toBeNull();
  });
});

describe('acceptedLocale', () => {
  it('takes the first of the browser languages Flock speaks, by weight', () => {
    expect(acceptedLocale('ko-KR,ko;q=0.9,ja;q=0.8,en;q=0.5')).toBe('ja');
    expect(acceptedLocale('en;q=0.4,zh-CN;q=0.8')).toBe('zh-CN');
    expect(acceptedLocale('de-DE,de;q=0.9')).toBeNull();
  });
});

describe('chooseLocale', () => {
  it('ranks a choice made now, then the saved choice, then the browser, then the link hint', () => {
    const all = { chosen: 'ja', saved: 'zh-CN', acceptLanguage: 'en-US', hint: 'zh-CN' };
    expect(chooseLocale(all)).toBe('ja');
    expect(chooseLocale({ ...all, chosen: null })).toBe('zh-CN');
    expect(chooseLocale({ ...all, chosen: null, saved: null })).toBe('en');
    expect(chooseLocale({ acceptLanguage: 'ko-KR', hint: 'zh-CN' })).toBe('zh-CN');
    expect(chooseLocale({ acceptLanguage: 'ko-KR' })).toBe('en');
  });
  it('ignores a saved value that is not a language', () => {
    expect(chooseLocale({ saved: 'x'.repeat(300), acceptLanguage: 'ja' })).toBe('ja');
  });
});

describe('chooseLocaleHref', () => {
  it('keeps the page and its query, replacing an earlier choice', () => {
    expect(chooseLocaleHref('/g/abc?i=x&lang=en', 'ja')).toBe('/g/abc?i=x&lang=ja');
    expect(chooseLocaleHref('/', 'zh-CN')).toBe('/?lang=zh-CN');
  });
});
