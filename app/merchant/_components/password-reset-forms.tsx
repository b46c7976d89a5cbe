'use client';
// A forgotten merchant password: ask for a reset link by e-mail (better-auth sends it through the mailer,
// /dev/outbox in development), then choose a new password on the page the link opens. The request answers
// the same whether or not the address has an account, so the form tells nobody who sells on Flock.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '@/app/_components/auth-client';
import { buttonClass, Field, inputClass } from './field';
import { useHydrated } from './use-hydrated';

/** The "send me a reset link" form. */
export function ForgotPasswordForm() {
  const t = useTranslations('merchant');
  const english = useLocale() === 'en';
  const hydrated = useHydrated();
  const [email, setEmail] = useState('');
  const [state, setState] = useState<
    { kind: 'idle' | 'sending' } | { kind: 'sent'; to: string } | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const to = email.trim();
    setState({ kind: 'sending' });
    const r = await authClient.requestPasswordReset({ email: to, redirectTo: '/merchant/reset-password' });
    if (r.error)
      setState({
        kind: 'error',
        // better-auth's own sentences are English: other readers get the catalog's.
        message: (english ? r.error.message : undefined) ?? t('reset.sendFailed'),
      });
    else setState({ kind: 'sent', to });
  }

  if (state.kind === 'sent')
    return (
      <p
        role="status"
        className="rounded-lg bg-green-50 px-3 py-2 text-sm text-green-800"
        data-testid="reset-sent"
      >
        {t('reset.sent', { email: state.to })}
      </p>
    );
  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4">
      <Field label={t('words.email')} htmlFor="email">
        <input
          id="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className={inputClass}
        />
      </Field>
      {state.kind === 'error' ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={state.kind === 'sending' || !hydrated}
        className={`${buttonClass.primary} w-full`}
      >
        {state.kind === 'sending' ? t('reset.sending') : t('reset.send')}
      </button>
      <p className="text-center text-sm text-stone-600">
        <Link className="font-semibold text-brand-700 underline" href="/merchant/sign-in">
          {t('reset.backToSignIn')}
        </Link>
      </p>
    </form>
  );
}

/** The "choose a new password" form opened from the e-mailed link (`token` from its query). */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('merchant');
  const english = useLocale() === 'en';
  const router = useRouter();
  const hydrated = useHydrated();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await authClient.resetPassword({ newPassword: password, token });
    if (r.error) {
      setBusy(false);
      setError(
        r.error.code === 'PASSWORD_TOO_SHORT'
          ? t('auth.passwordTooShort')
          : ((english ? r.error.message : undefined) ?? t('reset.changeFailed')),
      );
      return;
    }
    router.push('/merchant/sign-in?from=password-reset');
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4">
      <Field label={t('reset.newPassword')} htmlFor="new-password" hint={t('words.passwordHint')}>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className={inputClass}
        />
      </Field>
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy || !hydrated} className={`${buttonClass.primary} w-full`}>
        {busy ? t('words.saving') : t('reset.save')}
      </button>
    </form>
  );
}
