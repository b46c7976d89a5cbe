'use client';
// Leave an open group (the hold is released), with a confirmation step. Used on the group page and /me.
import { lazyApi } from '@/app/_trpc/lazy-api';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** "Leave" with a confirmation step; refreshes the list when done. */
export function LeaveButton({
  memberId,
  title,
  paidNow = false,
  savedCard = false,
}: {
  memberId: string;
  title: string;
  /** A wallet paid now (WeChat Pay): leaving refunds the payment; there is no hold to release. */
  paidNow?: boolean;
  /** A card saved for a charge at close (long windows): leaving removes it; nothing was held. */
  savedCard?: boolean;
}) {
  const t = useTranslations('group.leave');
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function go() {
    setError(null);
    setLeaving(true);
    try {
      await (await lazyApi()).groups.leave.mutate({ memberId });
      router.refresh();
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : t('failed'));
    } finally {
      setLeaving(false);
    }
  }
  return (
    <div className="mt-2">
      {asking ? (
        <span className="flex flex-wrap items-center gap-2">
          <span className="text-sm">{paidNow ? t('askPaid') : savedCard ? t('askSavedCard') : t('ask')}</span>
          <button
            type="button"
            onClick={go}
            disabled={leaving}
            className="rounded-lg bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800"
          >
            {leaving ? t('leaving') : t('yes')}
          </button>
          <button
            type="button"
            onClick={() => setAsking(false)}
            className="px-2 py-1.5 text-sm font-semibold underline"
          >
            {t('stay')}
          </button>
        </span>
      ) : (
        <button
          type="button"
          onClick={() => setAsking(true)}
          className="text-sm font-semibold text-stone-700 underline hover:text-stone-950"
        >
          {t.rich('leave', { title, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
        </button>
      )}
      {error && (
        <p role="alert" className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
