// The language switcher in every page's header: a disclosure of links back to this page in each language.
// No client code: a link's `?lang=` reaches proxy.ts, which saves the choice and loads the page again.
import { getLocale, getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { chooseLocaleHref, LOCALE_NAMES, LOCALES, PATH_HEADER } from '@/i18n/locales';

export async function LanguageSwitcher() {
  const [locale, t, h] = await Promise.all([getLocale(), getTranslations('common.language'), headers()]);
  const here = h.get(PATH_HEADER) ?? '/';
  return (
    <details className="relative">
      <summary
        aria-label={t('current', { name: LOCALE_NAMES[locale] })}
        className="cursor-pointer list-none rounded px-1 text-stone-700 hover:text-stone-950 hover:underline"
      >
        <span aria-hidden="true">{LOCALE_NAMES[locale]}</span>
      </summary>
      <ul className="absolute right-0 z-40 mt-2 min-w-32 rounded-md border border-stone-200 bg-white py-1 shadow-lg">
        {LOCALES.map((l) => (
          <li key={l}>
            <a
              href={chooseLocaleHref(here, l)}
              hrefLang={l}
              lang={l}
              aria-current={l === locale ? 'true' : undefined}
              className="block px-3 py-2 text-stone-800 hover:bg-stone-100 aria-[current=true]:font-semibold"
            >
              {LOCALE_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
