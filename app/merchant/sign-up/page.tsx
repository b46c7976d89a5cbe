import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthForm } from '@/app/merchant/_components/auth-form';
import { getConsoleSession } from '@/app/merchant/_lib/console-session';

export const metadata: Metadata = { title: 'Create a merchant account' };

export default async function SignUpPage() {
  const s = await getConsoleSession();
  if (s.state === 'merchant') redirect('/merchant');
  if (s.state === 'no-profile') redirect('/merchant/profile');
  return (
    <section className="mx-auto max-w-sm py-6">
      <h1 className="text-2xl font-bold">Sell with Flock</h1>
      <p className="mt-2 mb-6 text-stone-600">
        Set prices that drop as more people join. Buyers only pay when the group tips.
      </p>
      <AuthForm mode="sign-up" />
    </section>
  );
}
