// The frame of the console's room pages (the inbox, communities, room settings): their metadata from the
// namespace's `metaTitle`, and for the pages under the inbox a section with the way back to it and the
// page's heading, after the merchant check and its reads. Server-only. Edit when these pages' frame or the way back changes.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { serverCaller } from '@/app/_trpc/server';
import { requireMerchant } from '@/app/merchant/_lib/console-session';

type Namespace = 'merchant.inbox' | 'merchant.communities' | 'merchant.roomSettings';

/** The page's generateMetadata: its title from `namespace`'s `metaTitle`. */
export function roomsMetadata(namespace: Namespace): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations(namespace);
    return { title: t('metaTitle') };
  };
}

/** For a merchant only (else to sign-in): what `load` reads through the caller, and `namespace`'s words. */
export async function loadUnderInbox<T, N extends Namespace>(
  load: (api: Awaited<ReturnType<typeof serverCaller>>) => Promise<T>,
  namespace: N,
) {
  await requireMerchant();
  return Promise.all([load(await serverCaller()), getTranslations(namespace)]);
}

/** A page under the inbox: a `width`-wide section, "← Inbox", the heading `title`, then `children`. */
export async function UnderInbox({
  width,
  title,
  children,
}: {
  width: 'max-w-3xl' | 'max-w-lg';
  title: string;
  children: ReactNode;
}) {
  const ti = await getTranslations('merchant.inbox');
  return (
    <section className={`mx-auto ${width}`}>
      <p className="text-sm">
        <Link href="/merchant/inbox" className="font-semibold text-brand-700 underline">
          ← {ti('title')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{title}</h1>
      {children}
    </section>
  );
}
