// Translators outside React: route handlers, tRPC's error formatter, jobs, mail and tests. Pages use
// next-intl's getTranslations/useTranslations instead. Edit when a caller needs another kind of formatter.
import {
  createTranslator,
  type Messages as AppMessages,
  type NamespaceKeys,
  type NestedKeyOf,
} from 'use-intl/core';
import { DEFAULT_LOCALE, type Locale } from './locales';
import { MESSAGES } from './messages';

/** A translator for `namespace` in `locale` (English when the locale is unknown). */
export function translator<const N extends NamespaceKeys<AppMessages, NestedKeyOf<AppMessages>>>(
  locale: Locale,
  namespace: N,
) {
  return createTranslator({ locale, messages: MESSAGES[locale] ?? MESSAGES[DEFAULT_LOCALE], namespace });
}
