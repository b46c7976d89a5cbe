// Refusals in the reader's language: the locale of a request (the proxy's stamp, else the reader's saved
// choice and browser) and a DomainError rendered in it. Used by the tRPC middleware and error formatter, the
// live stream and route handlers. Server only (it loads every locale's catalog); forms use fieldMessages.
// Edit when another place answers errors to a person.
import { chooseLocale, isLocale, LOCALE_COOKIE, LOCALE_HEADER, type Locale } from '@/i18n/locales';
import { translator } from '@/i18n/translator';
import {
  renderFields,
  renderRefusal,
  type DomainError,
  type ErrorWords,
  type Refusal,
} from '@/server/errors';

function cookieValue(cookie: string | null, name: string): string | null {
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The reader's locale for a request: the proxy's header, else their saved choice, browser, English. */
export function requestLocale(headers: Headers | null | undefined): Locale {
  if (!headers) return 'en';
  const stamped = headers.get(LOCALE_HEADER);
  if (isLocale(stamped)) return stamped;
  return chooseLocale({
    saved: cookieValue(headers.get('cookie'), LOCALE_COOKIE),
    acceptLanguage: headers.get('accept-language'),
  });
}

/** The errors catalog's words in `locale`. */
export function errorWordsIn(locale: Locale): ErrorWords {
  return { t: translator(locale, 'errors') as ErrorWords['t'], locale };
}

/** A refusal's sentence in `locale`. */
export function sayIn(locale: Locale, refusal: Refusal): string {
  return renderRefusal(errorWordsIn(locale), refusal);
}

/** A DomainError's message and per-field messages in `locale`. */
export function localizeError(
  err: DomainError,
  locale: Locale,
): { message: string; fields: Record<string, string> | null } {
  const words = errorWordsIn(locale);
  return {
    message: renderRefusal(words, err.refusal),
    fields: renderFields(words, err.fieldRefusals) ?? null,
  };
}
