import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthForm } from '@/app/merchant/_components/auth-form';
import { getConsoleSession } from '@/app/merchant/_lib/console-session';

export const metadata: Metadata = { title: 'Merchant sign-in' };

export default async function SignInPage() {
  const s = await getConsoleSession();
  if (s.state === 'merchant') redirect('/merchant');
  if (s.state === 'no-profile') redirect('/merchant/profile');
  return (
    <section className="mx-auto max-w-sm py-6">
      <h1 className="mb-6 text-2xl font-bold">Merchant sign-in</h1>
      <AuthForm mode="sign-in" />
    </section>
  );
}
