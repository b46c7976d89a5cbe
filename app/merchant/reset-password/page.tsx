import type { Metadata } from 'next';
import Link from 'next/link';
import { ResetPasswordForm } from '@/app/merchant/_components/password-reset-forms';

export const metadata: Metadata = { title: 'Choose a new password', robots: { index: false } };

// The e-mailed link lands here with ?token=… (or ?error=INVALID_TOKEN when it expired or was used).
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; error?: string }>;
}) {
  const { token, error } = await searchParams;
  return (
    <section className="mx-auto max-w-sm py-6">
      <h1 className="mb-6 text-2xl font-bold">Choose a new password</h1>
      {token && !error ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          This reset link has expired or was already used.{' '}
          <Link className="font-semibold underline" href="/merchant/forgot-password">
            Ask for a new link
          </Link>
        </p>
      )}
    </section>
  );
}
