'use client';
// E-mail and password sign-up / sign-in for merchants (better-auth). After sign-up the merchant creates
// their shop profile; after sign-in they land on the dashboard (or the profile form if they have none).
// The fields are controlled and the form is submitted by hand (not a form action, which resets every
// field), so a wrong password or an address already in use keeps what was typed.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '@/app/_components/auth-client';
import { buttonClass, Field, inputClass } from './field';
import { useHydrated } from './use-hydrated';

// better-auth's error codes the form words itself, in the merchant's language.
const KNOWN_ERRORS = {
  INVALID_EMAIL_OR_PASSWORD: 'signInFailed',
  USER_ALREADY_EXISTS: 'accountExists',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'accountExists',
  PASSWORD_TOO_SHORT: 'passwordTooShort',
  PASSWORD_TOO_LONG: 'passwordTooLong',
  INVALID_EMAIL: 'invalidEmail',
} as const;

/** The sign-up or sign-in form. */
export function AuthForm({ mode, notice }: { mode: 'sign-up' | 'sign-in'; notice?: string }) {
  const t = useTranslations('merchant');
  const locale = useLocale();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [fields, setFields] = useState({ name: '', email: '', password: '' });
  const set = (k: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setFields((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const email = fields.email.trim();
    const password = fields.password;
    const r =
      mode === 'sign-up'
        ? await authClient.signUp.email({ email, password, name: fields.name.trim() || email })
        : await authClient.signIn.email({ email, password });
    if (r.error) {
      setBusy(false);
      const known = KNOWN_ERRORS[(r.error.code ?? '') as keyof typeof KNOWN_ERRORS];
      const fallback = mode === 'sign-up' ? t('auth.signUpFailed') : t('auth.signInFailed');
      // A refusal the form does not know keeps better-auth's English sentence for English readers only.
      setError(known ? t(`auth.${known}`) : locale === 'en' ? (r.error.message ?? fallback) : fallback);
      return;
    }
    router.push(mode === 'sign-up' ? '/merchant/profile' : '/merchant');
    router.refresh();
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4">
      {notice ? (
        <p role="status" className="rounded-lg bg-green-50 px-3 py-2 text-sm text-green-800">
          {notice}
        </p>
      ) : null}
      {mode === 'sign-up' ? (
        <Field label={t('auth.name')} htmlFor="name">
          <input
            id="name"
            name="name"
            autoComplete="name"
            required
            value={fields.name}
            onChange={set('name')}
            className={inputClass}
          />
        </Field>
      ) : null}
      <Field label={t('words.email')} htmlFor="email">
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={fields.email}
          onChange={set('email')}
          className={inputClass}
        />
      </Field>
      <Field
        label={t('auth.password')}
        htmlFor="password"
        hint={mode === 'sign-up' ? t('words.passwordHint') : undefined}
      >
        <input
          id="password"
          name="password"
          type="password"
          minLength={8}
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          required
          value={fields.password}
          onChange={set('password')}
          className={inputClass}
        />
      </Field>
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy || !hydrated} className={`${buttonClass.primary} w-full`}>
        {busy ? t('auth.busy') : mode === 'sign-up' ? t('auth.createAccount') : t('auth.signIn')}
      </button>
      <p className="text-center text-sm text-stone-600">
        {mode === 'sign-up' ? (
          t.rich('auth.alreadySelling', {
            link: (c) => (
              <Link className="font-semibold text-brand-700 underline" href="/merchant/sign-in">
                {c}
              </Link>
            ),
          })
        ) : (
          <>
            <Link className="font-semibold text-brand-700 underline" href="/merchant/forgot-password">
              {t('auth.forgot')}
            </Link>
            <br />
            {t.rich('auth.newToFlock', {
              link: (c) => (
                <Link className="font-semibold text-brand-700 underline" href="/merchant/sign-up">
                  {c}
                </Link>
              ),
            })}
          </>
        )}
      </p>
    </form>
  );
}
