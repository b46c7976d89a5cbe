// The merchant console's shell: its pages query and mutate through react-query, so the provider lives
// here rather than in the root layout (shoppers' pages use the plain client and load less JavaScript).
// Its own message provider adds the `merchant`, `orders` and `rooms` (the inbox shows rooms) catalogs
// (nested providers do not merge, so it repeats the root layout's namespaces).
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '@/app/_trpc/client';
import { pickMessages } from '@/i18n/messages';

export default async function MerchantLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={pickMessages(locale, ['common', 'time', 'group', 'errors', 'merchant', 'orders', 'rooms'])}
    >
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </NextIntlClientProvider>
  );
}
