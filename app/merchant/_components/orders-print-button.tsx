'use client';
// The print lists' "Print" button (the browser's print dialog; the page's print styles drop the chrome).
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/app/merchant/_components/field';

export function OrdersPrintButton() {
  const t = useTranslations('orders');
  return (
    <button type="button" className={`${buttonClass.primary} print:hidden`} onClick={() => window.print()}>
      {t('print.print')}
    </button>
  );
}
