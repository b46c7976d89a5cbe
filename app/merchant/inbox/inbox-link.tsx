'use client';
// The console's link to the concierge inbox, with how many rooms wait for a reply (read from the inbox
// itself, refreshed with the console's other reads). Edit when the inbox's counts change.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useTRPC } from '@/app/_trpc/client';
import { inboxTotals } from './inbox-model';

/** "Inbox" with a badge counting rooms waiting for a reply (nothing while none wait). */
export function InboxLink({ className }: { className: string }) {
  const t = useTranslations('merchant.inbox');
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.rooms.inbox.queryOptions(), refetchInterval: 60_000 });
  const waiting = q.data ? inboxTotals(q.data).unanswered : 0;
  return (
    <Link href="/merchant/inbox" className={`${className} inline-flex items-center gap-2`}>
      {t('link')}
      {waiting > 0 ? (
        <span className="rounded-full bg-amber-500 px-2 text-xs font-bold text-white">
          <span aria-hidden>{waiting}</span>
          <span className="sr-only">{t('linkWaiting', { count: waiting })}</span>
        </span>
      ) : null}
    </Link>
  );
}
