// The languages Flock speaks and how a request's language is chosen (DESIGN rule 16). Pure: no Next, no
// env; the proxy (proxy.ts), the tRPC context and tests call it. Edit LOCALES to add a language (and add its
// catalogs under messages/).
import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';

export const LOCALES = ['en', 'zh-CN', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself, for the switcher. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
  ja: '日本語',
};

/** The cookie that keeps a reader's own choice (set by the switcher, a year long). */
export const LOCALE_COOKIE = 'flock_locale';
/** Query parameter of the switcher's links: an explicit choice, saved and then dropped from the URL. */
export const CHOOSE_PARAM = 'lang';
/** Query parameter a share link carries: the sharer's language, only a hint for the reader. */
export const HINT_PARAM = 'hl';
/** Request header the proxy sets with the chosen locale for the page and API code behind it. */
export const LOCALE_HEADER = 'x-flock-locale';
/** Request header the proxy sets with the page's path and query, for the switcher's links. */
export const PATH_HEADER = 'x-flock-path';

/** The switcher's link to `pathAndQuery` in `locale`. */
export function chooseLocaleHref(pathAndQuery: string, locale: Locale): string {
  const url = new URL(pathAndQuery, 'http://flock.invalid');
  url.searchParams.delete(CHOOSE_PARAM);
  url.searchParams.set(CHOOSE_PARAM, locale);
  return `${url.pathname}${url.search}`;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A locale tag as people and links write it ("zh", "zh-cn", "zh-Hans-CN", "ja-JP", "en-GB") → ours, or null.
 * A Chinese tag in another script or region (zh-TW, zh-HK) reads Simplified Chinese rather than English.
 */
export function closestLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  let language: string;
  try {
    language = new Intl.Locale(tag).language;
  } catch {
    return null; // not a well-formed language tag
  }
  const found = match([tag], LOCALES, DEFAULT_LOCALE, { algorithm: 'best fit' });
  if (isLocale(found) && (found !== DEFAULT_LOCALE || language === 'en')) return found;
  return LOCALES.find((l) => new Intl.Locale(l).language === language) ?? null;
}

/** Languages of an Accept-Language header, best first, matched to ours; null when none fits. */
export function acceptedLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const wanted = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages();
  for (const tag of wanted) {
    if (tag === '*') continue;
    const found = closestLocale(tag);
    if (found) return found;
  }
  return null;
}

export type LocaleSignals = {
  /** `?lang=` from the switcher: the reader chose it just now. */
  chosen?: string | null;
  /** The saved choice (LOCALE_COOKIE). */
  saved?: string | null;
  acceptLanguage?: string | null;
  /** `?hl=` from a share link: the sharer's language. */
  hint?: string | null;
};

/**
 * The reader's language: what they chose now, then what they chose before, then their browser's languages,
 * then the sharer's language from the link, then English. The sharer's hint ranks below the reader's own
 * browser: a Japanese phone opening a link shared from a Chinese chat reads Japanese; a phone in a language
 * Flock does not speak reads the sharer's language rather than English.
 */
export function chooseLocale(signals: LocaleSignals): Locale {
  return (
    closestLocale(signals.chosen) ??
    closestLocale(signals.saved) ??
    acceptedLocale(signals.acceptLanguage) ??
    closestLocale(signals.hint) ??
    DEFAULT_LOCALE
  );
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null; // a malformed value is no choice
    }
  }
  return null;
}

/**
 * The reader's language for a request behind the proxy: its stamp (LOCALE_HEADER); without one (a direct
 * call, a path the proxy skips), the saved choice, then the browser's languages, then English.
 */
export function requestLocale(headers: Headers | null | undefined): Locale {
  if (!headers) return DEFAULT_LOCALE;
  const stamped = headers.get(LOCALE_HEADER);
  if (isLocale(stamped)) return stamped;
  return chooseLocale({
    saved: cookieValue(headers.get('cookie'), LOCALE_COOKIE),
    acceptLanguage: headers.get('accept-language'),
  });
}

/**
 * A `lang` attribute for text written in `textLocale` on a page in `pageLocale`: set only when they differ
 * (a deal with no translation for the reader), so the browser shapes its characters in their own script.
 */
export function otherLang(textLocale: Locale, pageLocale: Locale): Locale | undefined {
  return textLocale === pageLocale ? undefined : textLocale;
}
