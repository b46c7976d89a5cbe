'use client';
// Starts (or continues) connecting the shopper's own payout account: the server answers where to go
// (Stripe's hosted onboarding, or in the demo the app's stand-in page) and the browser goes there.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { lazyApi } from '@/app/_trpc/lazy-api';

/** "Connect to get paid" / "Finish connecting" (`started`: an account exists that still needs details). */
export function ConnectPayouts({ started }: { started: boolean }) {
  const t = useTranslations('me.earnings');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function go() {
    setBusy(true);
    setError(null);
    try {
      const api = await lazyApi();
      const { url } = await api.payouts.connect.mutate({ for: 'sharer' });
      window.location.assign(url);
    } catch (err) {
      // A refusal from the server arrives in the reader's language (the tRPC error formatter).
      setError(err instanceof Error && err.message ? err.message : t('connectFailed'));
      setBusy(false);
    }
  }

  return (
    <div className="mt-3">
      <button
        type="button"
        onClick={() => void go()}
        disabled={busy}
        className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="connect-payouts"
      >
        {busy ? t('connecting') : started ? t('continue') : t('connect')}
      </button>
      {error && (
        <p role="alert" className="mt-2 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
