// next-intl's per-request configuration (wired in next.config.js): the locale proxy.ts chose for this request
// and its catalog. Server components call getTranslations()/getLocale(); nothing else reads the locale from
// headers. Edit when the request's formats or time zone need to change.
import { getRequestConfig } from 'next-intl/server';
import { headers } from 'next/headers';
import { requestLocale } from './locales';
import { MESSAGES } from './messages';

// Dates render in the server's zone, as the console always has (a per-reader zone is not known server-side).
const SERVER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export default getRequestConfig(async () => {
  // The proxy stamps every page and API request; a path it skips still gets the reader's language.
  const locale = requestLocale(await headers());
  return { locale, messages: MESSAGES[locale], timeZone: SERVER_TIME_ZONE };
});
