'use client';
// Share the group: copy link, the Web Share API, chat-app intents carrying the chat-ready message, the QR
// code and a poster for WeChat. Every link carries the sharer's invite code and its channel.
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { CopyButton } from '@/app/_components/copy-button';
import {
  buildShareMessage,
  groupShareUrl,
  shareIntents,
  type ShareFacts,
} from '@/server/share/share-message';
import { useWords } from '@/app/_components/use-words';
import { commissionSentence } from '@/server/share/group-words';
import { groupFacts } from './group-view';
import { useGroupView } from './live-group';
import { isLive } from '@/server/groups/membership';

/** The share panel; `qrSvg` is rendered on the server (the qrcode package stays out of the browser). */
export function SharePanel({
  appUrl,
  qrSvg,
  posterHref,
}: {
  appUrl: string;
  qrSvg: string;
  posterHref: string;
}) {
  const { view: g, viewer, isOpener } = useGroupView();
  const w = useWords();
  const t = useTranslations('group.sharePanel');
  // A member shares their personal invite link, so joins are attributed to them and pass the cutoff.
  const inviteCode = viewer && isLive(viewer.status) ? viewer.inviteCode : null;
  const [canShare, setCanShare] = useState(false);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    setCanShare(typeof navigator.share === 'function');
    const t = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(t);
  }, []);
  // Nobody can be brought into a closed or full group: sharing it would invite people to nothing.
  if (g.status !== 'open' || g.seatsTaken >= g.maxMembers) return null;

  // Every fact of the group, so the message says exactly what its page says (the need, the next bracket).
  // The opener who shares speaks of their own reward ("if it reaches 6 people, mine is free").
  const facts: ShareFacts = {
    ...groupFacts(g),
    productTitle: g.title,
    deadline: new Date(g.deadline),
    now,
    openerReward: isOpener && inviteCode ? g.openerReward : null,
  };
  // Only a member earns a commission (through their invite link), so only a member is told of it.
  const commission = inviteCode ? commissionSentence(w, g.commission.bps, g.commission.holdDays) : null;
  // In the sharer's language; each link carries it as a hint for a friend whose browser language Flock lacks.
  const hint = w.locale;
  const copyLink = groupShareUrl(appUrl, g.code, { inviteCode, channel: 'copy', hint });
  const intents = shareIntents(w, facts, appUrl, g.code, inviteCode);

  async function webShare() {
    const url = groupShareUrl(appUrl, g.code, { inviteCode, channel: 'share', hint });
    try {
      await navigator.share({ title: g.title, text: buildShareMessage(w, facts, '').trimEnd(), url });
    } catch {
      // The person closed the share sheet: nothing to do.
    }
  }

  return (
    <section
      id="share"
      aria-labelledby="share-heading"
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="share-panel"
    >
      <h2 id="share-heading" className="text-lg font-semibold">
        {inviteCode ? t('headingMember') : t('heading')}
      </h2>
      <p className="mt-1 text-sm text-stone-700">{inviteCode ? t('introMember') : t('intro')}</p>
      {commission && (
        <p className="mt-2 rounded-lg bg-green-50 p-3 text-sm text-green-900" data-testid="commission-terms">
          {commission}
        </p>
      )}
      <p className="mt-3 rounded-lg bg-stone-100 p-3 text-sm text-stone-800" data-testid="share-message">
        {buildShareMessage(w, facts, copyLink)}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        {/* The phone's own share sheet first where it has one: it reaches every chat app. */}
        {canShare && (
          <button
            type="button"
            onClick={webShare}
            className="rounded-lg bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            {t('share')}
          </button>
        )}
        <CopyButton
          text={buildShareMessage(w, facts, copyLink)}
          label={t('copyMessage')}
          className={
            canShare
              ? 'rounded-lg bg-stone-900 px-3 py-2 text-sm font-semibold text-white hover:bg-stone-700'
              : 'rounded-lg bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700'
          }
        />
        <CopyButton text={copyLink} label={t('copyLink')} />
      </div>
      <ul className="mt-3 flex flex-wrap gap-2" aria-label={t('apps')}>
        {intents.map((it) => (
          <li key={it.channel}>
            <a
              href={it.href}
              target={it.href.startsWith('http') ? '_blank' : undefined}
              rel="noopener noreferrer"
              className="inline-block rounded-lg px-3 py-2 text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-100"
              data-channel={it.channel}
            >
              {it.label}
            </a>
          </li>
        ))}
      </ul>
      <div className="mt-4 flex flex-col items-center gap-3 sm:flex-row sm:items-start">
        <div
          className="w-44 shrink-0 rounded-lg bg-white p-1 ring-1 ring-stone-200 [&>svg]:h-auto [&>svg]:w-full"
          data-testid="qr"
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <div className="text-sm text-stone-700">
          <p>{t('scanOrPoster')}</p>
          <a
            href={posterHref}
            download={`flock-${g.code}.png`}
            className="mt-2 inline-block rounded-lg px-3 py-2 font-semibold text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50"
          >
            {t('poster')}
          </a>
        </div>
      </div>
    </section>
  );
}
