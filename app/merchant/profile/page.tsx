import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getConsoleSession } from '@/app/merchant/_lib/console-session';
import { ProfileForm } from './profile-form';

export const metadata: Metadata = { title: 'Your shop' };

export default async function ProfilePage() {
  const s = await getConsoleSession();
  if (s.state === 'signed-out') redirect('/merchant/sign-in');
  const existing = s.state === 'merchant';
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
      <h1 className="text-2xl font-bold">{existing ? 'Your shop' : 'Set up your shop'}</h1>
      <p className="mt-2 mb-6 text-stone-600">
        {existing
          ? 'Change how buyers see your shop.'
          : 'One last step before your first deal: tell buyers who is selling.'}
      </p>
      <ProfileForm initial={initial} existing={existing} />
    </section>
  );
}
