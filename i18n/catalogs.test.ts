// No string left behind: every locale's catalog has exactly English's keys, each message parses as ICU,
// uses the same arguments, and a translated message is not English's text left in place.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { MESSAGES } from './messages';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      into.add(`<${el.value}>`);
      argumentsOf(el.children, into);
      continue;
    }
    into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
  }
  return into;
}

// Messages that are the same in every language: names and symbols, not sentences.
const SAME_IN_EVERY_LANGUAGE = new Set(['common.site.name', 'common.site.titleTemplate']);

const english = flatten(MESSAGES.en as Tree);

describe.each(LOCALES.filter((l) => l !== 'en'))('the %s catalog', (locale) => {
  const catalog = flatten(MESSAGES[locale] as Tree);

  it('has every key English has, and no other', () => {
    expect([...catalog.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('uses the same ICU arguments as English in every message', () => {
    for (const [key, text] of english) {
      const theirs = catalog.get(key);
      if (theirs === undefined) continue;
      expect([...argumentsOf(parse(theirs))].sort(), key).toEqual([...argumentsOf(parse(text))].sort());
    }
  });

  it('translates every sentence instead of leaving English in place', () => {
    const untranslated = [...english].filter(
      ([key, text]) =>
        !SAME_IN_EVERY_LANGUAGE.has(key) && /[a-z]{2}/i.test(text) && catalog.get(key) === text,
    );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});

describe('the English catalog', () => {
  it('parses as ICU and has no empty message', () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(() => parse(text), key).not.toThrow();
    }
  });
});
