'use client';
// Creates (or edits) the merchant's shop profile: name, logo, the default currency for new deals, and what
// shoppers read about the shop on its pages (about, contact, shipping and returns).
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import { CURRENCY_CODES } from '@/server/pricing';
import { buttonClass, Field, inputClass } from '@/app/merchant/_components/field';
import { ImageUpload } from '@/app/merchant/_components/image-upload';
import { errorFields, errorMessage } from '@/app/merchant/_lib/errors';

type Initial = {
  name: string;
  logoUrl: string | null;
  defaultCurrency: string;
  about: string;
  contactEmail: string;
  shippingPolicy: string;
  returnsPolicy: string;
};

// Each text's label and hint are merchant.profile.<words> and <words>Hint.
const TEXTS = [
  { key: 'about', words: 'about', max: 500, rows: 3 },
  { key: 'shippingPolicy', words: 'shipping', max: 2000, rows: 4 },
  { key: 'returnsPolicy', words: 'returns', max: 2000, rows: 4 },
] as const;

/** The profile form; `existing` switches it from create to edit. */
export function ProfileForm({ initial, existing }: { initial: Initial; existing: boolean }) {
  const t = useTranslations('merchant');
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState(initial.name);
  const [logoUrl, setLogoUrl] = useState(initial.logoUrl);
  const [currency, setCurrency] = useState(initial.defaultCurrency);
  const [contactEmail, setContactEmail] = useState(initial.contactEmail);
  const [texts, setTexts] = useState({
    about: initial.about,
    shippingPolicy: initial.shippingPolicy,
    returnsPolicy: initial.returnsPolicy,
  });
  const create = useMutation(trpc.merchant.createProfile.mutationOptions());
  const update = useMutation(trpc.merchant.updateProfile.mutationOptions());
  const m = existing ? update : create;
  const fields = errorFields(m.error);
  const [saved, setSaved] = useState(false);

  async function submit() {
    setSaved(false);
    const input = {
      name,
      logoUrl,
      defaultCurrency: currency,
      contactEmail: contactEmail.trim() === '' ? null : contactEmail.trim(),
      ...texts,
    };
    try {
      if (existing) {
        await update.mutateAsync(input);
        setSaved(true);
        router.refresh();
      } else {
        await create.mutateAsync(input);
        router.push('/merchant');
        router.refresh();
      }
    } catch {
      // Shown from the mutation's error state.
    }
  }

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label={t('profile.name')} htmlFor="shop-name" error={fields.name} hint={t('profile.nameHint')}>
        <input
          id="shop-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={80}
          aria-invalid={fields.name ? true : undefined}
          aria-describedby={fields.name ? 'shop-name-error' : undefined}
          className={inputClass}
        />
      </Field>
      <ImageUpload id="logo" label={t('profile.logo')} value={logoUrl} onChange={setLogoUrl} />
      <Field
        label={t('profile.currency')}
        htmlFor="currency"
        error={fields.defaultCurrency}
        hint={t('profile.currencyHint')}
      >
        <select
          id="currency"
          value={currency}
          onChange={(e) => setCurrency(e.target.value)}
          className={inputClass}
        >
          {CURRENCY_CODES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('profile.contact')}
        htmlFor="contact-email"
        error={fields.contactEmail}
        errorId="contact-email-error"
        hint={t('profile.contactHint')}
      >
        <input
          id="contact-email"
          type="email"
          value={contactEmail}
          onChange={(e) => setContactEmail(e.target.value)}
          maxLength={200}
          autoComplete="email"
          aria-invalid={fields.contactEmail ? true : undefined}
          aria-describedby={fields.contactEmail ? 'contact-email-error' : undefined}
          className={inputClass}
        />
      </Field>
      {TEXTS.map((x) => (
        <Field
          key={x.key}
          label={t('words.optional', { label: t(`profile.${x.words}`) })}
          htmlFor={`shop-${x.key}`}
          error={fields[x.key]}
          errorId={`shop-${x.key}-error`}
          hint={t(`profile.${x.words}Hint`)}
        >
          <textarea
            id={`shop-${x.key}`}
            value={texts[x.key]}
            onChange={(e) => setTexts((v) => ({ ...v, [x.key]: e.target.value }))}
            maxLength={x.max}
            rows={x.rows}
            aria-invalid={fields[x.key] ? true : undefined}
            aria-describedby={fields[x.key] ? `shop-${x.key}-error` : undefined}
            className={inputClass}
          />
        </Field>
      ))}
      {m.error && !Object.keys(fields).length ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorMessage(m.error, t('words.genericError'))}
        </p>
      ) : null}
      <p role="status" className="text-sm text-green-800">
        {saved ? t('words.saved') : ''}
      </p>
      <button type="submit" disabled={m.isPending} className={buttonClass.primary}>
        {m.isPending ? t('words.saving') : existing ? t('profile.save') : t('profile.create')}
      </button>
    </form>
  );
}
