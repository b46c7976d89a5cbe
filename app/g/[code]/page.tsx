// The group page: server-rendered and complete without JavaScript (chat apps' previews run none); the
// live numbers, the join form, the share buttons and the countdown are small client islands.
import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { pickMessages, type MessagePath } from '@/i18n/messages';
import { CLIENT_MESSAGES } from '@/i18n/client-messages';
import { headers } from 'next/headers';
import { after } from 'next/server';
import { otherLang } from '@/i18n/locales';
import { suggestAlias } from '@/app/_components/alias-suggestion';
import { ShopCard } from '@/app/_components/shop-card';
import { FulfilmentSummary } from '@/app/_components/fulfilment-summary';
import { getDeps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { parseChannel, parseInviteCode } from '@/server/share/channels';
import { findInviter } from '@/server/share/find-inviter';
import { qrSvg } from '@/server/share/qr';
import { anonymousVisitorKey, isBotUserAgent, recordGroupVisit } from '@/server/share/record-visit';
import { CLIENT_ADDRESS_HEADER } from '@/server/http/client-address';
import { groupShareUrl } from '@/server/share/share-message';
import { groupHeadline, groupMetaDescription, groupPageTitle } from '@/server/share/group-words';
import { wordsFor } from '@/server/share/words-for';
import './celebrate.css';
import { JoinArea } from './join-area';
import { walletsForGroup } from '@/server/groups/pay-now';
import { LiveCountdown } from './live-countdown';
import { PriceLadder, MemberList } from './ladder-and-members';
import { GroupLiveProvider } from './live-group';
import { findGroup, loadGroup } from './load';
import { previewImageUrl } from './og/link';
import { posterHref } from './poster/link';
import { OpenerRewardNote } from './opener-reward';
import { PricePanel } from './price-panel';
import { RoomPanel } from './room-panel';
import { snapshotFacts } from './preview-card';
import { SharePanel } from './share-panel';
import { StatusBanner } from './status-banner';
import { StickyBar } from './sticky-bar';
import { isLive } from '@/server/groups/membership';

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const dynamic = 'force-dynamic';

// The layout's client namespaces and the shopper's fulfilment words.
const JOIN_NAMESPACES: readonly MessagePath[] = [...CLIENT_MESSAGES, 'fulfilment'];

// Members who have no seat in the group's room (not holding yet, or gone while it was open).
const NO_ROOM_SEAT: readonly string[] = ['reserved', 'left', 'expired'];

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? undefined : v;
}

/** Open Graph and Twitter tags with the live price; the image URL changes with the tier. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  // The page itself answers 404; metadata must not throw, or the 404 page would only render with JavaScript.
  const s = await findGroup(code);
  const [locale, t] = await Promise.all([getLocale(), getTranslations('group.page')]);
  if (!s) return { title: t('notFound'), robots: { index: false } };
  const f = snapshotFacts(s);
  const w = wordsFor(locale);
  const title = groupPageTitle(w, s.deal.title, f);
  const description = groupMetaDescription(w, f, new Date(s.deadline).getTime() - Date.now());
  const image = {
    url: previewImageUrl(s, locale),
    width: 1200,
    height: 630,
    alt: t('imageAlt', { title, headline: groupHeadline(w, f) }),
  };
  return {
    title,
    description,
    alternates: { canonical: s.url },
    openGraph: { type: 'website', siteName: 'Flock', title, description, url: s.url, images: [image] },
    twitter: { card: 'summary_large_image', title, description, images: [image.url] },
    robots: { index: false },
  };
}

export default async function GroupPage({ params, searchParams }: Props) {
  const { code: rawCode } = await params;
  const sp = await searchParams;
  const s = await loadGroup(rawCode);
  const locale = await getLocale();
  const t = await getTranslations('group.page');
  const deps = getDeps();
  const env = getEnv();
  const channel = parseChannel(one(sp['c']));
  const rawInvite = parseInviteCode(one(sp['i']));
  // A tampered or foreign invite code is dropped here, so it can neither admit nor show an error.
  const inviter = rawInvite ? await findInviter(deps, s.code, rawInvite) : null;
  const inviteCode = inviter ? rawInvite : null;

  const h = await headers();
  if (!isBotUserAgent(h.get('user-agent'))) {
    const visit = {
      code: s.code,
      channel,
      visitorKey: s.viewer
        ? `member:${s.viewer.id}`
        : anonymousVisitorKey(h.get(CLIENT_ADDRESS_HEADER), h.get('user-agent')),
    };
    // Counted once the page is on its way: the visitor never waits for the insights' write.
    after(() =>
      recordGroupVisit(deps, visit).catch((err: unknown) => {
        console.error('[visits]', err);
      }),
    );
  }

  const sharerInvite = s.viewer && isLive(s.viewer.status) ? s.viewer.inviteCode : null;
  // The QR code on screen is scanned by the viewer's friends: it carries the viewer's language as a hint.
  const qrLink = groupShareUrl(deps.appUrl, s.code, {
    inviteCode: sharerInvite,
    channel: 'qr',
    hint: locale,
  });
  const qr = await qrSvg(qrLink, t('qrTitle', { link: qrLink }));
  const poster = posterHref(s.code, locale, sharerInvite);
  // Wallets the shop accepts that cannot be held (WeChat Pay): the join form offers them beside the card.
  const wallets = s.status === 'open' ? await walletsForGroup(deps, s.code) : [];

  return (
    <GroupLiveProvider initial={s}>
      {/* Room at the bottom on phones for the sticky bar. */}
      <div className="grid gap-4 pb-24 lg:grid-cols-[minmax(0,1fr)_26rem] lg:grid-rows-[auto_1fr] lg:gap-x-8 lg:pb-0">
        <header className="space-y-3">
          {s.deal.imageUrl && (
            // A plain <img>: no client JavaScript, and it renders in previews that run none.
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={s.deal.imageUrl}
              alt=""
              width={1200}
              height={800}
              className="aspect-[3/2] max-h-56 w-full rounded-2xl bg-stone-200 object-cover sm:max-h-72 lg:max-h-96"
            />
          )}
          <p className="text-sm font-medium text-stone-600">
            {inviter
              ? t('kickerInvited', { alias: inviter.alias })
              : s.openerAlias
                ? t('kickerStarted', { alias: s.openerAlias })
                : t('kicker')}
          </p>
          <h1
            lang={otherLang(s.deal.titleLocale, locale)}
            className="text-2xl font-bold tracking-tight text-stone-950 sm:text-3xl"
          >
            {s.deal.title}
          </h1>
        </header>

        {/* The price and its ladder lead on a phone, right under the title; on a wide screen they form the
            right-hand column. */}
        <div className="space-y-4 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <StatusBanner hasInvite={inviteCode !== null} />
          <OpenerRewardNote />
          <PricePanel />
          <PriceLadder />
          <LiveCountdown serverNow={new Date().toISOString()} />
          {/* The join form and member panel read the fulfilment catalog too (nested providers do not merge;
              the catalogs the layout already sent are the same objects, which the page's data sends once). */}
          <NextIntlClientProvider locale={locale} messages={pickMessages(locale, JOIN_NAMESPACES)}>
            <JoinArea
              inviteCode={inviteCode}
              channel={channel}
              demoMode={!env.STRIPE_PUBLISHABLE_KEY}
              publishableKey={env.STRIPE_PUBLISHABLE_KEY ?? null}
              suggestedAlias={suggestAlias(locale)}
              openJoin={one(sp['join']) === '1'}
              fulfilment={s.deal.fulfilment}
              wallets={wallets}
            />
          </NextIntlClientProvider>
          {/* The group's room, for members only: visitors get neither its words nor its code. */}
          {s.viewer && !NO_ROOM_SEAT.includes(s.viewer.status) && (
            <NextIntlClientProvider locale={locale} messages={pickMessages(locale, ['rooms'])}>
              <RoomPanel code={s.code} />
            </NextIntlClientProvider>
          )}
          <SharePanel appUrl={deps.appUrl} qrSvg={qr} posterHref={poster} />
        </div>

        <div className="space-y-4 lg:col-start-1 lg:row-start-2">
          <MemberList />
          {s.deal.description && (
            <p
              lang={otherLang(s.deal.descriptionLocale, locale)}
              className="whitespace-pre-line text-stone-800"
            >
              {s.deal.description}
            </p>
          )}
          <FulfilmentSummary fulfilment={s.deal.fulfilment} currency={s.deal.currency} />
          <ShopCard shop={s.shop} savesCard={s.paymentMode === 'save_card'} />
          <noscript>
            <p className="rounded-lg bg-amber-50 p-3 text-amber-900">{t('noscript')}</p>
          </noscript>
        </div>
      </div>
      <StickyBar hasInvite={inviteCode !== null} />
    </GroupLiveProvider>
  );
}
