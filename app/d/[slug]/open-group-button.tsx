'use client';
// Opens a new group on a deal (starting an anonymous session if needed) and goes to its page with the join
// form open: opening a group and joining it are one step for a shopper (a group nobody joined is not listed).
// Opened from a community's product card, the group is announced in that community.
import { lazyApi } from '@/app/_trpc/lazy-api';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** "Start a new group": opens one and lands on its join form (?join=1), where the opener joins and shares. */
export function OpenGroupButton({ dealId, disabled }: { dealId: string; disabled?: boolean }) {
  const t = useTranslations('deal.openGroup');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function go() {
    setError(null);
    setBusy(true);
    try {
      // The auth client is loaded on first use: it is not needed to read the page (smaller first load).
      const { ensureBuyerSession } = await import('@/app/_components/auth-client');
      await ensureBuyerSession();
      const api = await lazyApi();
      // Opened from a shop's community card (?from=<code>): the group is announced in that community.
      const from = new URLSearchParams(window.location.search).get('from');
      const fromRoomCode = from && /^[A-Za-z0-9]{8,16}$/.test(from) ? from : undefined;
      // A community link that no longer works must not stop the shopper from opening the group.
      const g = await api.groups.open
        .mutate({ dealId, fromRoomCode })
        .catch((err: unknown) => (fromRoomCode ? api.groups.open.mutate({ dealId }) : Promise.reject(err)));
      router.push(`/g/${g.code}?join=1`);
    } catch (err) {
      // A refusal from the server arrives in the reader's language (the tRPC error formatter).
      setError(err instanceof Error && err.message ? err.message : t('failed'));
      setBusy(false);
    }
  }
  return (
    <div>
      <button
        type="button"
        onClick={go}
        disabled={disabled || busy}
        className="w-full rounded-xl bg-brand-600 px-4 py-3 text-lg font-bold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto"
      >
        {busy ? t('starting') : t('start')}
      </button>
      {error && (
        <p role="alert" className="mt-2 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
