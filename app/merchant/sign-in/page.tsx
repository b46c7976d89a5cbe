import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthForm } from '@/app/merchant/_components/auth-form';
import { getConsoleSession } from '@/app/merchant/_lib/console-session';

export const metadata: Metadata = { title: 'Merchant sign-in' };

// Where a merchant arrives from, when it has something to say.
const NOTICES: Record<string, string> = {
  'password-reset': 'Your password is changed. Sign in with the new one.',
  'signed-out': 'You are signed out.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const s = await getConsoleSession();
  if (s.state === 'merchant') redirect('/merchant');
  if (s.state === 'no-profile') redirect('/merchant/profile');
  const { from } = await searchParams;
  return (
    <section className="mx-auto max-w-sm py-6">
      <h1 className="mb-6 text-2xl font-bold">Merchant sign-in</h1>
      <AuthForm mode="sign-in" notice={from ? NOTICES[from] : undefined} />
    </section>
  );
}
