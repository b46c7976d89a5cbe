// Server-side HTML of a component as a browser in `locale` gets it, with the given catalog namespaces:
// for the room and inbox render tests. Tests only. Edit when those tests need more of the provider.
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import type { Locale } from '@/i18n/locales';
import { MESSAGES } from '@/i18n/messages';

type Namespace = keyof (typeof MESSAGES)[Locale];

/** The markup of `el` in `locale` with the catalogs' `namespaces` (times in UTC). */
export function renderIn(el: ReactElement, locale: Locale, namespaces: readonly Namespace[]): string {
  const m = MESSAGES[locale];
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: Object.fromEntries(namespaces.map((n) => [n, m[n]])),
      timeZone: 'UTC',
      children: el,
    }),
  );
}
