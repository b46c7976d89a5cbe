'use client';
// The deal editor's languages: which language the main title and description are written in, and an
// optional title and description per other language Flock speaks (a shopper reading in that language gets
// them; server/deals/deal-content.ts decides). Field ids follow the server's error keys
// (deal-translations.<locale>.title) so the editor can focus the first problem. Edit when Flock gains a
// language whose name the catalog lacks.
import { useTranslations } from 'next-intl';
import type { DealText, DealTranslations } from '@/db/schema/deals';
import { LOCALES, type Locale } from '@/i18n/locales';
import { Field, inputClass } from './field';

/** Catalog key of each language's name, in the merchant's own language. */
const NAME_KEY = { en: 'en', 'zh-CN': 'zhCN', ja: 'ja' } as const satisfies Record<Locale, string>;

type Props = {
  contentLocale: Locale;
  translations: DealTranslations;
  /** A change to the form, and the field key it touches (to show that field's live check). */
  onChange: (patch: { contentLocale?: Locale; translations?: DealTranslations }, touchKey: string) => void;
  errorOf: (key: string) => string | undefined;
};

/** The content-language choice and the per-language title and description fields. */
export function DealTranslationsFields({ contentLocale, translations, onChange, errorOf }: Props) {
  const t = useTranslations('merchant.translations');
  const name = (l: Locale) => t(`language.${NAME_KEY[l]}`);
  // The main language's own box shows only while it still holds text (left from before a switch), so the
  // server's "write it in the main fields" can be read and fixed where it is.
  const shown = LOCALES.filter(
    (l) => l !== contentLocale || Boolean(translations[l]?.title || translations[l]?.description),
  );

  function edit(l: Locale, patch: Partial<DealText>, field: keyof DealText) {
    const current = translations[l] ?? { title: '', description: '' };
    onChange(
      { translations: { ...translations, [l]: { ...current, ...patch } } },
      `translations.${l}.${field}`,
    );
  }

  return (
    <div className="space-y-4">
      <Field
        label={t('contentLocale')}
        htmlFor="deal-contentLocale"
        hint={t('contentLocaleHint')}
        error={errorOf('contentLocale')}
      >
        <select
          id="deal-contentLocale"
          value={contentLocale}
          onChange={(e) => onChange({ contentLocale: e.target.value as Locale }, 'contentLocale')}
          className={inputClass}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {name(l)}
            </option>
          ))}
        </select>
      </Field>

      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-semibold text-stone-800">{t('heading')}</legend>
        <p className="text-xs text-stone-500">{t('intro')}</p>
        {errorOf('translations') ? (
          <p id="deal-translations-error" className="text-sm text-red-700">
            {errorOf('translations')}
          </p>
        ) : null}
        {shown.map((l) => {
          const value = translations[l] ?? { title: '', description: '' };
          const titleId = `deal-translations.${l}.title`;
          const descriptionId = `deal-translations.${l}.description`;
          const titleError = errorOf(`translations.${l}.title`);
          const descriptionError = errorOf(`translations.${l}.description`);
          return (
            <div key={l} className="space-y-3 rounded-lg border border-stone-200 p-3">
              <Field label={t('title', { language: name(l) })} htmlFor={titleId} error={titleError}>
                <input
                  id={titleId}
                  lang={l}
                  value={value.title}
                  onChange={(e) => edit(l, { title: e.target.value }, 'title')}
                  aria-invalid={titleError ? true : undefined}
                  aria-describedby={titleError ? `${titleId}-error` : undefined}
                  className={inputClass}
                />
              </Field>
              <Field
                label={t('description', { language: name(l) })}
                htmlFor={descriptionId}
                hint={t('descriptionHint')}
                error={descriptionError}
              >
                <textarea
                  id={descriptionId}
                  lang={l}
                  rows={3}
                  value={value.description}
                  onChange={(e) => edit(l, { description: e.target.value }, 'description')}
                  aria-invalid={descriptionError ? true : undefined}
                  aria-describedby={descriptionError ? `${descriptionId}-error` : undefined}
                  className={inputClass}
                />
              </Field>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
