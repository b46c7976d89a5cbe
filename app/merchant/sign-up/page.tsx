import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { AuthForm } from '@/app/merchant/_components/auth-form';
import { getConsoleSession } from '@/app/merchant/_lib/console-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('signUp') };
}

export default async function SignUpPage() {
  const s = await getConsoleSession();
  if (s.state === 'merchant') redirect('/merchant');
  if (s.state === 'no-profile') redirect('/merchant/profile');
  const t = await getTranslations('merchant.auth');
  return (
    <section className="mx-auto max-w-sm py-6">
      <h1 className="text-2xl font-bold">{t('signUpTitle')}</h1>
      <p className="mt-2 mb-6 text-stone-600">{t('signUpIntro')}</p>
      <AuthForm mode="sign-up" />
    </section>
  );
}
