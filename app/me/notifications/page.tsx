// A buyer's notification settings (guests included): channels, reminders, quiet hours, time zone, and the
// groups they muted. Server-rendered; the form and the unmute buttons are small client components.
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { serverCaller } from '@/app/_trpc/server';
import { otherLang } from '@/i18n/locales';
import { pickMessages } from '@/i18n/messages';
import { NOTIFY_RULES } from '@/server/notifications/rules';
import { hhmmOf, timeZones } from '@/server/notifications/settings-input';
import { MuteButton, type MuteWords } from './mute-button';
import { SettingsForm } from './settings-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('me.notifications');
  return { title: t('metaTitle'), robots: { index: false } };
}
export const dynamic = 'force-dynamic';

async function load() {
  try {
    const caller = await serverCaller();
    const [settings, muted] = await Promise.all([
      caller.notificationSettings.get(),
      caller.notificationSettings.muted(),
    ]);
    return { settings, muted };
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'UNAUTHORIZED') return null;
    throw err;
  }
}

export default async function NotificationsPage() {
  const [mine, locale, t] = await Promise.all([load(), getLocale(), getTranslations('me.notifications')]);
  const hidden = (chunks: React.ReactNode) => <span className="sr-only">{chunks}</span>;
  return (
    <section aria-labelledby="notify-h" className="mx-auto max-w-2xl">
      <p className="text-sm">
        <Link href="/me" className="font-semibold text-brand-700 underline">
          ← {(await getTranslations('me'))('title')}
        </Link>
      </p>
      <h1 id="notify-h" className="mt-2 text-2xl font-bold tracking-tight">
        {t('title')}
      </h1>
      {!mine ? (
        <p className="mt-4 text-stone-700">
          {t('noSession')}{' '}
          <Link href="/" className="font-semibold text-brand-700 underline">
            {t('seeDeals')}
          </Link>
        </p>
      ) : (
        <>
          <p className="mt-1 text-stone-700">{t('intro')}</p>
          <NextIntlClientProvider locale={locale} messages={pickMessages(locale, ['common', 'me'])}>
            <SettingsForm
              initial={{
                emailEnabled: mine.settings.emailEnabled,
                pushEnabled: mine.settings.pushEnabled,
                nudgesEnabled: mine.settings.nudgesEnabled,
                quietStart: hhmmOf(mine.settings.quietStart),
                quietEnd: hhmmOf(mine.settings.quietEnd),
                timeZone: mine.settings.timeZone,
              }}
              zones={timeZones()}
              rules={{ perDay: NOTIFY_RULES.nudgesPerDay, gapHours: NOTIFY_RULES.groupGapHours }}
            />
          </NextIntlClientProvider>
          <section aria-labelledby="muted-h" className="mt-6">
            <h2 id="muted-h" className="text-lg font-semibold">
              {t('muted')}
            </h2>
            <p className="text-sm text-stone-600">{t('mutedHint')}</p>
            {mine.muted.length === 0 ? (
              <p className="mt-2 text-stone-700">{t('noneMuted')}</p>
            ) : (
              <ul className="mt-2 space-y-2" data-testid="muted-groups">
                {mine.muted.map((g) => {
                  const words: MuteWords = {
                    mute: t.rich('mute', { title: g.title, hidden }),
                    unmute: t.rich('unmute', { title: g.title, hidden }),
                    mutedNote: t('mutedNote'),
                    failed: t('actionFailed'),
                  };
                  return (
                    <li key={g.groupId} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
                      <Link
                        href={`/g/${g.code}`}
                        lang={otherLang(g.titleLocale, locale)}
                        className="font-semibold hover:underline"
                      >
                        {g.title}
                      </Link>
                      <MuteButton groupId={g.groupId} muted words={words} />
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
