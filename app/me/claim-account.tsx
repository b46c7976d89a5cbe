'use client';
// A guest buyer keeps their groups on an e-mail address: better-auth sends a sign-in link; opening it
// signs them in and moves this browser's memberships to that account (server/auth/auth.ts onLinkAccount).
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The "keep my groups" form shown to guest buyers on /me. */
export function ClaimAccount() {
  const t = useTranslations('me.claim');
  const id = useId();
  const [email, setEmail] = useState('');
  const [state, setState] = useState<
    { kind: 'idle' | 'sending' } | { kind: 'sent'; to: string } | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const to = email.trim();
    if (!EMAIL.test(to)) {
      setState({ kind: 'error', message: t('invalidEmail') });
      return;
    }
    setState({ kind: 'sending' });
    const { authClient } = await import('@/app/_components/auth-client');
    const r = await authClient.signIn.magicLink({ email: to, callbackURL: '/me' });
    // better-auth's own messages are English: the reader gets ours.
    if (r.error) setState({ kind: 'error', message: t('failed') });
    else setState({ kind: 'sent', to });
  }

  if (state.kind === 'sent') {
    return (
      <p
        role="status"
        className="mt-6 rounded-2xl bg-green-50 p-4 text-green-900 ring-1 ring-green-200"
        data-testid="claim-sent"
      >
        {t.rich('sent', { email: state.to, b: (c) => <strong>{c}</strong> })}
      </p>
    );
  }
  return (
    <form
      onSubmit={submit}
      noValidate
      className="mt-6 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      aria-labelledby={`${id}-h`}
    >
      <h2 id={`${id}-h`} className="font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-stone-700">{t('intro')}</p>
      <label htmlFor={`${id}-email`} className="mt-3 block font-medium">
        {t('emailLabel')}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={state.kind === 'error' ? true : undefined}
          aria-describedby={state.kind === 'error' ? `${id}-err` : undefined}
          className="min-w-0 flex-1 rounded-lg border border-stone-400 px-3 py-2 text-base"
        />
        <button
          type="submit"
          disabled={state.kind === 'sending'}
          className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {state.kind === 'sending' ? t('sending') : t('send')}
        </button>
      </div>
      {state.kind === 'error' && (
        <p id={`${id}-err`} role="alert" className="mt-2 text-sm font-medium text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
