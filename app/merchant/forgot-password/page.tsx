import type { Metadata } from 'next';
import { ForgotPasswordForm } from '@/app/merchant/_components/password-reset-forms';

export const metadata: Metadata = { title: 'Reset your password' };

export default function ForgotPasswordPage() {
  return (
    <section className="mx-auto max-w-sm py-6">
      <h1 className="text-2xl font-bold">Reset your password</h1>
      <p className="mt-2 mb-6 text-stone-600">
        Enter the e-mail address of your merchant account. We will send you a link to choose a new password.
      </p>
      <ForgotPasswordForm />
    </section>
  );
}
