'use client';
// The console's words in a client component: the merchant catalog of the console's provider
// (app/merchant/layout.tsx) and Intl in the merchant's locale.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { consoleWords, type ConsoleWords } from '@/app/merchant/_lib/format';

/** Money, dates, people, statuses and group names in the merchant's language. */
export function useConsoleWords(): ConsoleWords {
  const t = useTranslations('merchant');
  const locale = useLocale();
  return useMemo(() => consoleWords(t, locale), [t, locale]);
}
