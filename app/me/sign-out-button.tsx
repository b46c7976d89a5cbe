'use client';
// Sign out of this browser (better-auth), for shoppers signed in by e-mail and for merchants; then go to
// `to` with fresh server-rendered pages.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** A "Sign out" button; `className` styles it like its neighbours. */
export function SignOutButton({ to, className }: { to: string; className?: string }) {
  const t = useTranslations('common.account');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function signOut() {
    setBusy(true);
    setFailed(false);
    const { authClient } = await import('@/app/_components/auth-client');
    const r = await authClient.signOut();
    if (r.error) {
      setBusy(false);
      setFailed(true);
      return;
    }
    router.push(to);
    router.refresh();
  }

  return (
    <>
      <button type="button" disabled={busy} onClick={() => void signOut()} className={className}>
        {busy ? t('signingOut') : t('signOut')}
      </button>
      {failed ? (
        <span role="alert" className="text-sm text-red-700">
          {t('signOutFailed')}
        </span>
      ) : null}
    </>
  );
}
