// The reader's Words in a component: in the browser from the NextIntlClientProvider's messages (the layout
// gives every page the `group` and `time` namespaces), so live updates are phrased in the reader's language;
// in a non-async server component from next-intl's request config. Async server code uses
// wordsFor(await getLocale()) from server/share/words-for.ts instead.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { Words } from '@/server/share/group-words';

/** Words for the group-words and time-left functions, in the page's locale. */
export function useWords(): Words {
  const locale = useLocale();
  const group = useTranslations('group');
  const time = useTranslations('time');
  return useMemo(() => ({ locale, group, time }), [locale, group, time]);
}
