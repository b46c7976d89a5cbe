import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { AuthForm } from '@/app/merchant/_components/auth-form';
import { getConsoleSession } from '@/app/merchant/_lib/console-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('signIn') };
}

// Where a merchant arrives from, when it has something to say (keys of merchant.auth).
const NOTICES = {
  'password-reset': 'noticePasswordReset',
  'signed-out': 'noticeSignedOut',
} as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const s = await getConsoleSession();
  if (s.state === 'merchant') redirect('/merchant');
  if (s.state === 'no-profile') redirect('/merchant/profile');
  const { from } = await searchParams;
  const t = await getTranslations('merchant.auth');
  const notice = from && Object.hasOwn(NOTICES, from) ? NOTICES[from as keyof typeof NOTICES] : null;
  return (
    <section className="mx-auto max-w-sm py-6">
      <h1 className="mb-6 text-2xl font-bold">{t('signInTitle')}</h1>
      <AuthForm mode="sign-in" notice={notice ? t(notice) : undefined} />
    </section>
  );
}
