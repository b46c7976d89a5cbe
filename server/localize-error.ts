// Refusals in the reader's language: the locale of a request (the proxy's stamp, else the reader's saved
// choice and browser) and a DomainError rendered in it. Used by the tRPC middleware and error formatter, the
// live stream and route handlers. Server only (it loads every locale's catalog); forms use fieldMessages.
// Edit when another place answers errors to a person.
import { requestLocale, type Locale } from '@/i18n/locales';
import { translator } from '@/i18n/translator';
import {
  renderFields,
  renderRefusal,
  type DomainError,
  type ErrorWords,
  type Refusal,
} from '@/server/errors';

export { requestLocale };

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
