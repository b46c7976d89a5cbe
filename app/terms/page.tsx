// Terms in plain words: how buying in a group works here, what a hold is, who sells.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Fragment } from 'react';
import { LegalPage } from '@/app/_components/legal-page';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('legal.terms');
  return { title: t('metaTitle') };
}

const SECTIONS = ['whoSells', 'prices', 'holds', 'pay', 'refunds'] as const;

export default async function TermsPage() {
  const t = await getTranslations('legal.terms');
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
