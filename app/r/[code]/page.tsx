// The community page /r/<code>: a shop's standing room. Anyone with the link reads its name, description,
// shop and member count (never a member's alias) and may join under the trust rules (join-state.ts); a
// member or the shop's staff gets the room, and a member their invite link and QR code. Server-rendered;
// the join form, the room and the share buttons are client islands with the `rooms` words.
import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { suggestAlias } from '@/app/_components/alias-suggestion';
import { CLIENT_MESSAGES } from '@/i18n/client-messages';
import { pickMessages, type MessagePath } from '@/i18n/messages';
import { getDeps } from '@/server/deps';
import { communityUrl } from '@/server/rooms/communities/invite-link';
import { parseInviteCode } from '@/server/share/channels';
import { qrSvg } from '@/server/share/qr';
import { CommunityRoom } from './community-room';
import { InvitePanel } from './invite-panel';
import { JoinCommunityForm } from './join-community';
import { joinState } from './join-state';
import { findCommunity, isCommunityInvite, roomForReader } from './load';

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const dynamic = 'force-dynamic';

// The layout's client namespaces (nested providers do not merge) and the room's words.
const NAMESPACES: readonly MessagePath[] = [...CLIENT_MESSAGES, 'rooms'];

/** Open Graph tags from the community's own texts and its shop: no member's alias or count. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const c = await findCommunity(code);
  const t = await getTranslations('rooms.community');
  if (!c) return { title: t('notFound'), robots: { index: false } };
  const title = t('ogTitle', { title: c.title, shop: c.shopName });
  const description = c.description.trim()
    ? c.description.trim().slice(0, 200)
    : t('ogDescription', { shop: c.shopName });
  const url = communityUrl(getDeps().appUrl, c.code);
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: { type: 'website', siteName: 'Flock', title, description, url },
    twitter: { card: 'summary', title, description },
    // Found by word of mouth only, like a group (DESIGN rule 6).
    robots: { index: false },
  };
}

export default async function CommunityPage({ params, searchParams }: Props) {
  const { code } = await params;
  const sp = await searchParams;
  const c = (await findCommunity(code)) ?? notFound();
  const [locale, t, room] = await Promise.all([
    getLocale(),
    getTranslations('rooms.community'),
    roomForReader(c.code),
  ]);
  const rawInvite = parseInviteCode(Array.isArray(sp['i']) ? undefined : sp['i']);
  // A tampered or foreign invite code is dropped here, so it neither admits nor shows "you were invited".
  const inviteCode = rawInvite && (await isCommunityInvite(c.code, rawInvite)) ? rawInvite : null;
  const state = joinState(c, inviteCode !== null);
  const memberInvite = room?.viewer.kind === 'member' ? room.viewer.inviteUrl : null;
  const qr = memberInvite ? await qrSvg(memberInvite, t('qrTitle', { link: memberInvite })) : null;

  return (
    <NextIntlClientProvider locale={locale} messages={pickMessages(locale, NAMESPACES)}>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-x-8">
        <header className="space-y-2 lg:col-span-2">
          <p className="text-sm font-medium text-stone-600">{t('kicker', { shop: c.shopName })}</p>
          <h1 className="text-2xl font-bold tracking-tight text-stone-950 sm:text-3xl">{c.title}</h1>
          {c.description && <p className="whitespace-pre-line text-stone-800">{c.description}</p>}
          <p className="text-sm text-stone-600">
            {t('members', { count: c.memberCount })} · {t('trust')}
          </p>
        </header>

        <div className="space-y-4">
          {room ? (
            <CommunityRoom code={c.code} initial={room} />
          ) : state === 'open' ? (
            <JoinCommunityForm code={c.code} inviteCode={inviteCode} suggestedAlias={suggestAlias(locale)} />
          ) : (
            <p
              className="rounded-2xl bg-white p-4 text-stone-800 shadow-sm ring-1 ring-stone-200"
              role="status"
            >
              {state === 'archived' ? t('archived') : state === 'full' ? t('full') : t('inviteOnly')}
            </p>
          )}
        </div>

        {memberInvite && qr && !c.archived && (
          <aside className="space-y-4">
            <InvitePanel inviteUrl={memberInvite} qrSvg={qr} title={c.title} cutoff={c.qrCutoff} />
          </aside>
        )}
      </div>
    </NextIntlClientProvider>
  );
}
