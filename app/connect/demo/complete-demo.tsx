'use client';
// The demo onboarding's one button: completes the account as Stripe's form would (the emulator's control,
// through payouts.completeDemo), then returns to where Stripe would send the person back.
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { lazyApi } from '@/app/_trpc/lazy-api';

const BACK = { merchant: '/merchant/payments', sharer: '/me' } as const;

/** "Complete onboarding" for the shop (`merchant`) or the signed-in shopper's own account (`sharer`). */
export function CompleteDemo({ who }: { who: 'merchant' | 'sharer' }) {
  const t = useTranslations('me.connect');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function complete() {
    setBusy(true);
    setError(null);
    try {
      const api = await lazyApi();
      await api.payouts.completeDemo.mutate({ for: who });
      router.push(`${BACK[who]}?connect=return`);
    } catch (err) {
      // A refusal from the server arrives in the reader's language (the tRPC error formatter).
      setError(err instanceof Error && err.message ? err.message : t('failed'));
      setBusy(false);
    }
  }

  return (
    <div className="mt-5 flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={() => void complete()}
        disabled={busy}
        className="rounded-xl bg-brand-600 px-4 py-3 font-bold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {busy ? t('completing') : t('complete')}
      </button>
      <Link href={BACK[who]} className="font-semibold text-brand-700 underline">
        {t('cancel')}
      </Link>
      {error && (
        <p role="alert" className="w-full text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
