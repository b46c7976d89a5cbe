// My groups: every group this browser's buyer joined, with status, hold, final charge and saving; a mute for each
// open group's reminders, and the way to the notification settings.
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { otherLang } from '@/i18n/locales';
import { getAuth } from '@/server/auth/auth';
import { serverCaller } from '@/app/_trpc/server';
import type { MyGroup } from '@/server/groups/list-my-groups';
import { formatMoney } from '@/server/pricing/currency';
import {
  endsInSentence,
  groupHeadline,
  viewerOutcomeWords,
  type GroupFacts,
  type Words,
} from '@/server/share/group-words';
import { wordsFor } from '@/server/share/words-for';
import { pickMessages } from '@/i18n/messages';
import { LeaveButton } from '@/app/_components/leave-button';
import type { MyEarnings } from '@/server/payouts/my-earnings';
import { ClaimAccount } from './claim-account';
import { Earnings } from './earnings';
import { MuteButton } from './notifications/mute-button';
import { SignOutButton } from './sign-out-button';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('me');
  return { title: t('metaTitle'), robots: { index: false } };
}
export const dynamic = 'force-dynamic';

/** Each group's mute state by group code (empty when signed out). */
async function loadMuteStates(): Promise<Map<string, { groupId: string; muted: boolean }>> {
  try {
    const states = await (await serverCaller()).notificationSettings.muteStates();
    return new Map(states.map((s) => [s.code, { groupId: s.groupId, muted: s.muted }]));
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'UNAUTHORIZED') return new Map();
    throw err;
  }
}

async function loadMine(): Promise<MyGroup[] | null> {
  try {
    return await (await serverCaller()).groups.mine();
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'UNAUTHORIZED') return null;
    throw err;
  }
}

/**
 * The shopper's earnings (null when signed out). Back from Stripe's onboarding (?connect=return), their
 * account is read from Stripe first, so the page shows what Stripe now says (and owed commissions start).
 */
async function loadEarnings(connectReturn: boolean): Promise<MyEarnings | null> {
  const caller = await serverCaller();
  try {
    if (connectReturn) {
      await caller.payouts.refresh({ for: 'sharer' }).catch((err: unknown) => {
        // Stripe not answering leaves the last known state on screen; the webhook brings the news later.
        if (err instanceof TRPCError && err.code === 'UNAUTHORIZED') throw err;
        console.error('[me] refreshing the payout account', err);
      });
    }
    return await caller.payouts.myEarnings();
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'UNAUTHORIZED') return null;
    throw err;
  }
}

const TONE = {
  good: 'bg-green-100 text-green-800',
  waiting: 'bg-sky-100 text-sky-900',
  neutral: 'bg-stone-200 text-stone-800',
  problem: 'bg-red-100 text-red-800',
} as const;

/** Where the member stands, in the words module's sentences (charge, saving, released and refund apart). */
function outcome(w: Words, m: MyGroup) {
  const g = m.group;
  // The listed group carries every fact the words module reads.
  const facts: GroupFacts = g;
  const words = viewerOutcomeWords(w, facts, { ...m, status: m.memberStatus });
  const open = g.status === 'open' && (m.memberStatus === 'authorized' || m.memberStatus === 'reserved');
  return {
    ...words,
    tone: TONE[words.tone],
    group: open ? groupHeadline(w, facts) : null,
    ends: open ? endsInSentence(w, new Date(g.deadline).getTime() - Date.now()) : null,
  };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MyGroupsPage({ searchParams }: Props) {
  const sp = await searchParams;
  const [mine, mutes, earnings] = await Promise.all([
    loadMine(),
    loadMuteStates(),
    loadEarnings(sp['connect'] === 'return'),
  ]);
  const [locale, t, tOrder] = await Promise.all([
    getLocale(),
    getTranslations('me'),
    getTranslations('fulfilment.order.panel'),
  ]);
  const hidden = (chunks: React.ReactNode) => <span className="sr-only">{chunks}</span>;
  const w = wordsFor(locale);
  const session = await getAuth().api.getSession({ headers: new Headers(await headers()) });
  const guest = Boolean((session?.user as { isAnonymous?: boolean | null } | undefined)?.isAnonymous);
  return (
    <section aria-labelledby="me-h" className="mx-auto max-w-2xl">
      <h1 id="me-h" className="text-2xl font-bold tracking-tight">
        {t('title')}
      </h1>
      {session && !guest && (
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <p className="text-sm text-stone-600" data-testid="signed-in-as">
            {t('signedInAs', { email: session.user.email })}
          </p>
          <SignOutButton
            to="/me"
            className="text-sm font-semibold text-brand-700 underline disabled:opacity-60"
          />
        </div>
      )}
      {session && (
        <p className="mt-1">
          <Link
            href="/me/notifications"
            className="text-sm font-semibold text-brand-700 underline"
            data-testid="notification-settings-link"
          >
            {t('notifications.link')}
          </Link>
        </p>
      )}
      {!mine || mine.length === 0 ? (
        <p className="mt-4 text-stone-700">
          {t('empty')}{' '}
          <Link href="/" className="font-semibold text-brand-700 underline">
            {t('seeDeals')}
          </Link>
        </p>
      ) : (
        <ul className="mt-4 space-y-3" data-testid="my-groups">
          {mine.map((m) => {
            const o = outcome(w, m);
            // Reminders only come about open groups the member is still in: the mute control is offered there.
            const stillIn = m.memberStatus === 'authorized' || m.memberStatus === 'reserved';
            const mute = m.group.status === 'open' && stillIn ? mutes.get(m.group.code) : undefined;
            return (
              <li key={m.memberId} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
                <div className="flex items-start justify-between gap-3">
                  <h2 className="font-semibold">
                    <Link
                      href={`/g/${m.group.code}`}
                      lang={otherLang(m.deal.titleLocale, locale)}
                      className="hover:underline"
                    >
                      {m.deal.title}
                    </Link>
                  </h2>
                  <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-semibold ${o.tone}`}>
                    {o.label}
                  </span>
                </div>
                <p className="mt-1 text-sm text-stone-600">
                  {t('joinedAs', {
                    alias: m.alias,
                    quantity: m.quantity,
                    price: formatMoney(m.unitPriceAtJoin, m.group.currency, locale),
                  })}
                </p>
                <div className="mt-1 space-y-0.5 text-stone-800" data-testid="my-outcome">
                  {o.sentences.map((line) => (
                    <p key={line}>{line}</p>
                  ))}
                  {o.group && (
                    <p className="text-sm text-stone-700">
                      {o.group} · {o.ends}
                    </p>
                  )}
                </div>
                {m.rewardAmount > 0 && (
                  <p className="mt-1 text-sm font-semibold text-amber-900" data-testid="my-opener-reward">
                    {w.group('words.reward.openerGot', {
                      amount: formatMoney(m.rewardAmount, m.group.currency, locale),
                    })}
                  </p>
                )}
                {m.memberStatus === 'payment_due' && (
                  <p className="mt-2">
                    <a
                      href={`/pay/me/${m.memberId}`}
                      className="inline-block rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
                      data-testid="my-pay-now"
                    >
                      {t('payNow')}
                    </a>
                  </p>
                )}
                <p className="mt-2">
                  <Link
                    href={`/me/orders/${m.memberId}`}
                    className="text-sm font-semibold text-brand-700 underline"
                    data-testid="my-order-link"
                  >
                    {tOrder('seeOrder')}
                  </Link>
                </p>
                {m.group.status === 'open' &&
                  (m.memberStatus === 'authorized' || m.memberStatus === 'reserved') && (
                    <LeaveButton
                      memberId={m.memberId}
                      title={m.deal.title}
                      paidNow={m.paymentKind === 'paid_now'}
                      savedCard={m.paymentKind === 'saved_card'}
                    />
                  )}
                {mute && (
                  <MuteButton
                    groupId={mute.groupId}
                    muted={mute.muted}
                    words={{
                      mute: t.rich('notifications.mute', { title: m.deal.title, hidden }),
                      unmute: t.rich('notifications.unmute', { title: m.deal.title, hidden }),
                      mutedNote: t('notifications.mutedNote'),
                      failed: t('notifications.actionFailed'),
                    }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {earnings && <Earnings data={earnings} />}
      {guest && mine && mine.length > 0 && (
        // The form's own words: nested providers do not merge, so this one carries what the form reads.
        <NextIntlClientProvider locale={locale} messages={pickMessages(locale, ['common', 'me'])}>
          <ClaimAccount />
        </NextIntlClientProvider>
      )}
    </section>
  );
}
