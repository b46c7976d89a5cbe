// The message catalogs as the browser tests read them: a step written with the English words ("Start a new
// group") finds the same message in another language, so a spec walks the journey in zh-CN or ja without
// naming catalog keys; and the English sentences left on a page that should be in another language.
// Reads messages/<locale>/*.json from disk (no bundler here). Edit when the catalog layout changes.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import fs from 'node:fs';
import path from 'node:path';

export type TestLocale = 'en' | 'zh-CN' | 'ja';

type Tree = { [key: string]: string | Tree };

const cache = new Map<TestLocale, Map<string, string>>();

function flatten(tree: Tree, prefix: string, out: Map<string, string>): void {
  for (const [key, value] of Object.entries(tree)) {
    const at = `${prefix}.${key}`;
    if (typeof value === 'string') out.set(at, value);
    else flatten(value, at, out);
  }
}

/** Every message of `locale`, by "namespace.dotted.key". */
export function messagesOf(locale: TestLocale): Map<string, string> {
  let found = cache.get(locale);
  if (!found) {
    found = new Map();
    const dir = path.join(process.cwd(), 'messages', locale);
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort())
      flatten(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Tree, file.slice(0, -5), found);
    cache.set(locale, found);
  }
  return found;
}

function keyOfEnglish(english: string, startsWith: boolean): string {
  const found = [...messagesOf('en')].find(([, text]) =>
    startsWith ? text.startsWith(english) : text === english,
  );
  if (!found) throw new Error(`no English message ${startsWith ? 'starts with' : 'is'} "${english}"`);
  return found[0];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The literal text of a message with each argument as a wildcard: a pattern for what it renders to. */
function renderedPattern(elements: MessageFormatElement[]): string {
  return elements
    .map((el) =>
      el.type === TYPE.literal
        ? escapeRegExp(el.value)
        : el.type === TYPE.tag
          ? renderedPattern(el.children)
          : '.*?',
    )
    .join('');
}

/** The message at `key` ("namespace.dotted.key") in `locale`, for words English uses in several places. */
export function messageAt(locale: TestLocale, key: string): string {
  const text = messagesOf(locale).get(key);
  if (text === undefined) throw new Error(`${locale} has no message ${key}`);
  return text;
}

/** The message `locale` has where English has exactly `english` (a message without arguments). */
export function say(locale: TestLocale, english: string): string {
  const text = messagesOf(locale).get(keyOfEnglish(english, false));
  if (text === undefined) throw new Error(`${locale} lacks the message English has as "${english}"`);
  return text;
}

/** A pattern for what `locale` renders where English renders a message starting with `englishStart`. */
export function sayPattern(locale: TestLocale, englishStart: string): RegExp {
  const text = messagesOf(locale).get(keyOfEnglish(englishStart, true));
  if (text === undefined) throw new Error(`${locale} lacks the message English starts as "${englishStart}"`);
  return new RegExp(`^\\s*${renderedPattern(parse(text))}`);
}

/** Runs of literal text in a message, as they appear on a page whatever the arguments are. */
function literalRuns(elements: MessageFormatElement[], into: string[] = []): string[] {
  let run = '';
  const flush = () => {
    if (run.trim()) into.push(run.trim());
    run = '';
  };
  for (const el of elements) {
    if (el.type === TYPE.literal) run += el.value;
    else {
      flush();
      if (el.type === TYPE.tag) literalRuns(el.children, into);
      if (el.type === TYPE.plural || el.type === TYPE.select)
        for (const option of Object.values(el.options)) literalRuns(option.value, into);
    }
  }
  flush();
  return into;
}

/**
 * English sentences from the catalogs that appear in `pageText`, for a page rendered in `locale`: runs of at
 * least two words and ten letters (shorter ones, such as a lone "Flock", are names, not sentences), minus
 * any run the locale's own catalog also uses.
 */
export function englishLeftovers(pageText: string, locale: Exclude<TestLocale, 'en'>): string[] {
  const theirs = new Set<string>();
  for (const text of messagesOf(locale).values()) for (const run of literalRuns(parse(text))) theirs.add(run);
  const found = new Set<string>();
  const normalized = pageText.replace(/\s+/g, ' ');
  for (const text of messagesOf('en').values())
    for (const run of literalRuns(parse(text))) {
      const words = run.split(/\s+/).filter((w) => /[A-Za-z]/.test(w));
      if (words.length < 2 || run.replace(/[^A-Za-z]/g, '').length < 10 || theirs.has(run)) continue;
      if (normalized.includes(run.replace(/\s+/g, ' '))) found.add(run);
    }
  return [...found];
}
