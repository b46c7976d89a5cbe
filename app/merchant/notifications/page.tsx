// The merchant's notification settings: which notices about their groups, through which channels, quiet
// hours, time zone and the language of the mails. Server-rendered around a small client form.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { requireMerchant } from '@/app/merchant/_lib/console-session';
import { isLocale } from '@/i18n/locales';
import { NOTIFY_RULES } from '@/server/notifications/rules';
import { hhmmOf, timeZones } from '@/server/notifications/settings-input';
import { NotificationsForm } from './notifications-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('merchant.notifications');
  return { title: t('metaTitle') };
}
export const dynamic = 'force-dynamic';

export default async function MerchantNotificationsPage() {
  await requireMerchant();
  const [settings, localeTag, t, tm] = await Promise.all([
    (await serverCaller()).notificationSettings.get(),
    getLocale(),
    getTranslations('merchant.notifications'),
    getTranslations('merchant'),
  ]);
  const pageLocale = isLocale(localeTag) ? localeTag : 'en';
  // The summary's hour as the reader writes a time of day ("09:00", "上午9:00").
  const summaryTime = new Intl.DateTimeFormat(pageLocale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(Date.UTC(2000, 0, 1, NOTIFY_RULES.dailySummaryHour));
  return (
    <section className="mx-auto max-w-lg">
      <p className="text-sm">
        <Link href="/merchant" className="font-semibold text-brand-700 underline">
          ← {tm('meta.dashboard')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t('title')}</h1>
      <p className="mt-2 mb-6 text-stone-600">{t('intro')}</p>
      <NotificationsForm
        initial={{
          merchantGroupWon: settings.merchantGroupWon,
          merchantGroupFailed: settings.merchantGroupFailed,
          merchantDailySummary: settings.merchantDailySummary,
          emailEnabled: settings.emailEnabled,
          pushEnabled: settings.pushEnabled,
          quietStart: hhmmOf(settings.quietStart),
          quietEnd: hhmmOf(settings.quietEnd),
          timeZone: settings.timeZone,
          // Unchosen: the language this page is read in.
          locale: settings.locale ?? pageLocale,
        }}
        zones={timeZones()}
        summaryTime={summaryTime}
      />
    </section>
  );
}
