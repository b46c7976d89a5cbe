import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { getConsoleSession } from '@/app/merchant/_lib/console-session';
import { ProfileForm } from './profile-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('profile') };
}

export default async function ProfilePage() {
  const s = await getConsoleSession();
  if (s.state === 'signed-out') redirect('/merchant/sign-in');
  const existing = s.state === 'merchant';
  const t = await getTranslations('merchant.profile');
  const initial = existing
    ? {
        name: s.profile.name,
        logoUrl: s.profile.logoUrl,
        defaultCurrency: s.profile.defaultCurrency,
        about: s.profile.about,
        contactEmail: s.profile.contactEmail ?? '',
        shippingPolicy: s.profile.shippingPolicy,
        returnsPolicy: s.profile.returnsPolicy,
      }
    : {
        name: '',
        logoUrl: null,
        defaultCurrency: 'USD',
        about: '',
        contactEmail: '',
        shippingPolicy: '',
        returnsPolicy: '',
      };
  return (
    <section className="mx-auto max-w-lg">
      <h1 className="text-2xl font-bold">{existing ? t('existingTitle') : t('newTitle')}</h1>
      <p className="mt-2 mb-6 text-stone-600">{existing ? t('existingIntro') : t('newIntro')}</p>
      <ProfileForm initial={initial} existing={existing} />
    </section>
  );
}
