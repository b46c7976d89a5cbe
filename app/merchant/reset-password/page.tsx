import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { ResetPasswordForm } from '@/app/merchant/_components/password-reset-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.meta');
  return { title: t('resetPassword'), robots: { index: false } };
}

// The e-mailed link lands here with ?token=… (or ?error=INVALID_TOKEN when it expired or was used).
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; error?: string }>;
}) {
  const { token, error } = await searchParams;
  const t = await getTranslations('merchant.reset');
  return (
    <section className="mx-auto max-w-sm py-6">
      <h1 className="mb-6 text-2xl font-bold">{t('chooseTitle')}</h1>
      {token && !error ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {t.rich('expired', {
            link: (c) => (
              <Link className="font-semibold underline" href="/merchant/forgot-password">
                {c}
              </Link>
            ),
          })}
        </p>
      )}
    </section>
  );
}
