// The page's language as the browser's API calls carry it: a reader whose language came from a share link's
// hint (which only the page's address carries) gets refusals from the API in the page's language too.
// No imports, so browser code may use it. Edit never; proxy.ts reads the header.
export const PAGE_LOCALE_HEADER = 'x-flock-page-locale';

/** The headers a browser API request sends: the language of the page it was made from. */
export function pageLocaleHeaders(): Record<string, string> {
  if (typeof document === 'undefined') return {};
  const lang = document.documentElement.lang;
  return lang ? { [PAGE_LOCALE_HEADER]: lang } : {};
}
