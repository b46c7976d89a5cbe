import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ForgotPasswordForm } from '@/app/merchant/_components/password-reset-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('forgotPassword') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('merchant.reset');
  return (
    <section className="mx-auto max-w-sm py-6">
      <h1 className="text-2xl font-bold">{t('forgotTitle')}</h1>
      <p className="mt-2 mb-6 text-stone-600">{t('forgotIntro')}</p>
      <ForgotPasswordForm />
    </section>
  );
}
