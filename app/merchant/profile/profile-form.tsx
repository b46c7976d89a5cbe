'use client';
// Creates (or edits) the merchant's shop profile: name, logo, the default currency for new deals, and what
// shoppers read about the shop on its pages (about, contact, shipping and returns).
import { useMutation } from '@tanstack/react-query';
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

const TEXTS = [
  {
    key: 'about',
    label: 'About your shop',
    hint: 'A few words shoppers read on every deal and group page: who you are, where you are.',
    max: 500,
    rows: 3,
  },
  {
    key: 'shippingPolicy',
    label: 'Shipping',
    hint: 'Where you ship or deliver, how long it takes, and what it costs.',
    max: 2000,
    rows: 4,
  },
  {
    key: 'returnsPolicy',
    label: 'Returns',
    hint: 'What a shopper can return or exchange, and how.',
    max: 2000,
    rows: 4,
  },
] as const;

/** The profile form; `existing` switches it from create to edit. */
export function ProfileForm({ initial, existing }: { initial: Initial; existing: boolean }) {
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
      <Field label="Shop name" htmlFor="shop-name" error={fields.name} hint="Buyers see this on your deals.">
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
      <ImageUpload id="logo" label="Logo (optional)" value={logoUrl} onChange={setLogoUrl} />
      <Field
        label="Default currency"
        htmlFor="currency"
        error={fields.defaultCurrency}
        hint="New deals start in this currency; each deal can use another."
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
        label="Contact e-mail (optional)"
        htmlFor="contact-email"
        error={fields.contactEmail}
        errorId="contact-email-error"
        hint="Shown on your pages so shoppers can ask before they join."
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
      {TEXTS.map((t) => (
        <Field
          key={t.key}
          label={`${t.label} (optional)`}
          htmlFor={`shop-${t.key}`}
          error={fields[t.key]}
          errorId={`shop-${t.key}-error`}
          hint={t.hint}
        >
          <textarea
            id={`shop-${t.key}`}
            value={texts[t.key]}
            onChange={(e) => setTexts((v) => ({ ...v, [t.key]: e.target.value }))}
            maxLength={t.max}
            rows={t.rows}
            aria-invalid={fields[t.key] ? true : undefined}
            aria-describedby={fields[t.key] ? `shop-${t.key}-error` : undefined}
            className={inputClass}
          />
        </Field>
      ))}
      {m.error && !Object.keys(fields).length ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorMessage(m.error)}
        </p>
      ) : null}
      <p role="status" className="text-sm text-green-800">
        {saved ? 'Saved.' : ''}
      </p>
      <button type="submit" disabled={m.isPending} className={buttonClass.primary}>
        {m.isPending ? 'Saving…' : existing ? 'Save profile' : 'Create my shop'}
      </button>
    </form>
  );
}
