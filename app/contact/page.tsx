// Contact: an order goes to its shop (its address is on every deal and group page); the site to its operator.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LegalPage } from '@/app/_components/legal-page';
import { getEnv } from '@/server/env';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('legal.contact');
  return { title: t('metaTitle') };
}

export default async function ContactPage() {
  const support = getEnv().SUPPORT_EMAIL;
  const t = await getTranslations('legal.contact');
  return (
    <LegalPage title={t('title')}>
      <h2>{t('orders.heading')}</h2>
      <p>
        {t.rich('orders.body', {
          link: (c) => (
            <Link href="/me" className="font-medium text-brand-700 underline">
              {c}
            </Link>
          ),
        })}
      </p>
      <h2>{t('site.heading')}</h2>
      {support ? (
        <p>
          {t.rich('site.writeTo', {
            address: support,
            mail: (c) => (
              <a href={`mailto:${support}`} className="font-medium text-brand-700 underline">
                {c}
              </a>
            ),
          })}
        </p>
      ) : (
        <p>{t('site.noAddress')}</p>
      )}
    </LegalPage>
  );
}
