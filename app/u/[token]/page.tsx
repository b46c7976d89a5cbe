// An unsubscribe link from a Flock e-mail: says what it will stop, in the reader's language, and stops it
// only when the button is pressed (GET never changes anything: mail scanners open links). The token is
// signed for one person and one action (server/notifications/unsubscribe-token.ts); a bad one says so.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { isLocale } from '@/i18n/locales';
import { getDeps } from '@/server/deps';
import { memberGroupTitle } from '@/server/notifications/mute-group';
import { readUnsubscribeToken } from '@/server/notifications/unsubscribe-token';
import { UnsubscribeConfirm } from './unsubscribe-confirm';

type Props = { params: Promise<{ token: string }> };

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('me.unsubscribe');
  // The token is a credential: keep the page out of indexes and its address out of other sites' logs.
  return { title: t('metaTitle'), robots: { index: false, follow: false }, referrer: 'no-referrer' };
}

const card = 'mx-auto max-w-lg rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-200';

export default async function UnsubscribePage({ params }: Props) {
  const { token } = await params;
  const [localeTag, t, te] = await Promise.all([
    getLocale(),
    getTranslations('me.unsubscribe'),
    getTranslations('errors'),
  ]);
  const locale = isLocale(localeTag) ? localeTag : 'en';
  const read = readUnsubscribeToken(token);
  const action = read?.action;
  const group =
    read && action?.t === 'mute'
      ? await memberGroupTitle(getDeps().db, read.userId, action.groupId, locale)
      : null;

  if (!read || !action || (action.t === 'mute' && !group)) {
    return (
      <section className={card} aria-labelledby="unsub-h">
        <h1 id="unsub-h" className="text-xl font-bold">
          {t('badTitle')}
        </h1>
        <p className="mt-2 text-stone-700">{te('notify.badLink')}</p>
        <p className="mt-4">
          <Link href="/me/notifications" className="font-semibold text-brand-700 underline">
            {t('settings')}
          </Link>
        </p>
      </section>
    );
  }

  const what =
    action.t === 'mute'
      ? t('stop.mute', { title: group?.title ?? '' })
      : action.t === 'nudges'
        ? t('stop.nudges')
        : action.t === 'email'
          ? t('stop.email')
          : action.setting === 'won'
            ? t('stop.merchantWon')
            : action.setting === 'failed'
              ? t('stop.merchantFailed')
              : t('stop.merchantDaily');
  const merchant = action.t === 'merchant';
  return (
    <section className={card} aria-labelledby="unsub-h">
      <p className="text-sm font-semibold text-stone-500">{t('title')}</p>
      <h1 id="unsub-h" className="mt-1 text-xl font-bold" data-testid="unsubscribe-what">
        {what}
      </h1>
      <p className="mt-2 text-stone-700">{merchant ? t('keeps.merchant') : t('keeps.buyer')}</p>
      <UnsubscribeConfirm
        token={token}
        words={{
          confirm: t('confirm'),
          working: t('working'),
          done: t('done'),
          undo: t('undo'),
          undone: t('undone'),
          failed: t('failed'),
        }}
      />
      <p className="mt-6 text-sm">
        <Link
          href={merchant ? '/merchant/notifications' : '/me/notifications'}
          className="font-semibold text-brand-700 underline"
        >
          {t('settings')}
        </Link>
      </p>
    </section>
  );
}
