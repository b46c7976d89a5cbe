// The reader's Words for server code (pages, route handlers, jobs, tests): translators over the catalogs.
// Kept apart from group-words.ts so client components, which import group-words for its sentences, never
// bundle every locale's catalog (they build their Words with useWords() from the provider's messages).
import type { Locale } from '@/i18n/locales';
import { translator } from '@/i18n/translator';
import type { Words } from './group-words';

/** The Words of `locale`: group and time sentences in that language, money in its Intl format. */
export function wordsFor(locale: Locale): Words {
  return { locale, group: translator(locale, 'group'), time: translator(locale, 'time') };
}
