import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from '@/app/_components/language-switcher';
import { CLIENT_MESSAGES } from '@/i18n/client-messages';
import { pickMessages } from '@/i18n/messages';
import { appUrl } from '@/server/env';
import './globals.css';

/** Site-wide metadata; metadataBase (APP_URL, read per request) makes Open Graph and icon URLs absolute. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common.site');
  return {
    metadataBase: new URL(appUrl()),
    title: { default: t('title'), template: t('titleTemplate') },
    description: t('description'),
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#c2410c' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so Next can stamp the request's CSP nonce (proxy.ts) on its scripts: a
  // page prerendered at build time (the not-found page was) carries none, and the browser refuses its scripts.
  await connection();
  const [locale, t] = await Promise.all([getLocale(), getTranslations('common.nav')]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t('skip')}
        </a>
        <header className="border-b border-stone-200 bg-white print:hidden">
          <nav
            aria-label={t('main')}
            className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3"
          >
            <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
              Flock
            </Link>
            <div className="flex items-center gap-4 text-sm">
              <Link href="/me" className="text-stone-700 hover:text-stone-950 hover:underline">
                {t('myGroups')}
              </Link>
              <Link href="/merchant" className="text-stone-700 hover:text-stone-950 hover:underline">
                {t('forMerchants')}
              </Link>
              <LanguageSwitcher />
            </div>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-6">
          <NextIntlClientProvider locale={locale} messages={pickMessages(locale, CLIENT_MESSAGES)}>
            {children}
          </NextIntlClientProvider>
        </main>
        <footer className="border-t border-stone-200 bg-white print:hidden">
          <nav
            aria-label={t('about')}
            className="mx-auto flex max-w-5xl flex-wrap gap-x-5 gap-y-2 px-4 py-4 pb-28 text-sm text-stone-600 lg:pb-4"
          >
            <Link href="/terms" className="hover:text-stone-950 hover:underline">
              {t('terms')}
            </Link>
            <Link href="/privacy" className="hover:text-stone-950 hover:underline">
              {t('privacy')}
            </Link>
            <Link href="/contact" className="hover:text-stone-950 hover:underline">
              {t('contact')}
            </Link>
          </nav>
        </footer>
      </body>
    </html>
  );
}
