// Which words of a deal a reader gets: the merchant's translation for the reader's language, or the deal's
// own title and description (written in its content locale). Pure: every read path that shows a deal's
// title or description to a shopper picks through here, after any cache shared between readers.
// Edit when a deal gains another text a merchant translates.
import type { DealText, DealTranslations } from '@/db/schema';
import type { Locale } from '@/i18n/locales';

/** What a deal row carries for its words: the main text, its language, and the other languages. */
export type DealContentSource = DealText & { contentLocale: Locale; translations: DealTranslations };

/** The title and description one reader gets, each with the language it is written in (for `lang`). */
export type DealContent = DealText & { titleLocale: Locale; descriptionLocale: Locale };

/**
 * The deal's words for a reader in `locale`: their translation when the merchant wrote one, else the
 * deal's own. A translation given without a description borrows the deal's own description (the product
 * details stay on the page, marked with their language) rather than showing none.
 */
export function dealContentFor(deal: DealContentSource, locale: Locale): DealContent {
  const own = {
    title: deal.title,
    description: deal.description,
    titleLocale: deal.contentLocale,
    descriptionLocale: deal.contentLocale,
  };
  if (locale === deal.contentLocale) return own;
  const translated = deal.translations[locale];
  if (!translated?.title) return own;
  return translated.description
    ? { ...translated, titleLocale: locale, descriptionLocale: locale }
    : { ...own, title: translated.title, titleLocale: locale };
}

/** Only the title for a reader in `locale` (lists that show no description). */
export function dealTitleFor(
  deal: Pick<DealContentSource, 'title' | 'contentLocale' | 'translations'>,
  locale: Locale,
): { title: string; titleLocale: Locale } {
  const { title, titleLocale } = dealContentFor({ ...deal, description: '' }, locale);
  return { title, titleLocale };
}
