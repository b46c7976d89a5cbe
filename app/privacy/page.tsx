// Privacy in plain words: what this site keeps, who sees it, and what it never sees.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Fragment } from 'react';
import { LegalPage } from '@/app/_components/legal-page';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('legal.privacy');
  return { title: t('metaTitle') };
}

const SECTIONS = ['members', 'keep', 'cards', 'shops', 'cookies'] as const;

export default async function PrivacyPage() {
  const t = await getTranslations('legal.privacy');
  return (
    <LegalPage title={t('title')}>
      {SECTIONS.map((s) => (
        <Fragment key={s}>
          <h2>{t(`${s}.heading`)}</h2>
          <p>{t(`${s}.body`)}</p>
        </Fragment>
      ))}
    </LegalPage>
  );
}
