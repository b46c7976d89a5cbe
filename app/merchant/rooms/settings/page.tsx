// The shop's room settings: the review rules (members' links, keyword filter), how long rooms last, and the
// saved replies the inbox inserts. Server-rendered around a small client form (room-settings-form.tsx).
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { RoomSettingsForm } from './room-settings-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.roomSettings');
  return { title: t('metaTitle') };
}
export const dynamic = 'force-dynamic';

/** /merchant/rooms/settings. */
export default async function RoomSettingsPage() {
  await requireMerchant();
  const [settings, t, ti] = await Promise.all([
    (await serverCaller()).rooms.settings(),
    getTranslations('merchant.roomSettings'),
    getTranslations('merchant.inbox'),
  ]);
  return (
    <section className="mx-auto max-w-lg">
      <p className="text-sm">
        <Link href="/merchant/inbox" className="font-semibold text-brand-700 underline">
          ← {ti('title')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t('title')}</h1>
      <p className="mt-2 mb-6 text-stone-600">{t('intro')}</p>
      <RoomSettingsForm initial={settings} />
    </section>
  );
}
