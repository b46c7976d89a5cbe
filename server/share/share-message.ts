// The chat-ready message and the share links of a group, in the SHARER's language (the viewer who shares:
// their `w`); each link carries that language as a hint (?hl=) for a reader whose own browser language
// Flock does not speak (i18n/locales.ts chooseLocale). Pure (no I/O), so the page renders the intent links
// on the server (they work without JavaScript) and tests pin the wording.
import type { HINT_PARAM, Locale } from '@/i18n/locales';
import { channelLabel, type ShareChannel } from './channels';
import { shareSubject, shareText, type GroupFacts, type OpenerRewardFacts, type Words } from './group-words';
import { formatTimeLeft } from './time-left';

// The hint's query parameter, spelled here so the share panel's bundle does not carry i18n/locales.ts and
// its language negotiator; the type ties it to HINT_PARAM there.
const HINT: typeof HINT_PARAM = 'hl';

export type ShareFacts = {
  productTitle: string;
  deadline: Date;
  now: Date;
  /** The group's opener reward, only when the sharer is the one who opened it (they speak of it as theirs). */
  openerReward?: OpenerRewardFacts | null;
} & (
  | GroupFacts
  | {
      /** @deprecated Pass GroupFacts (tiers, confirmedCount, status): without them a need cannot be told from a price drop. */
      currency: string;
      currentPrice: number;
      next: { unitPrice: number; membersNeeded: number; minMembers?: number } | null;
    }
);

// The old shape (today's price and the next bracket) maps onto GroupFacts: below the minimum the "next"
// bracket costs the same as today's price, which makes it the group's first bracket, not a drop.
function groupFacts(f: ShareFacts): GroupFacts {
  if ('tiers' in f) return f;
  const { next, currentPrice } = f;
  const base = { currency: f.currency, listPrice: currentPrice, status: 'open' as const };
  if (next && next.unitPrice >= currentPrice) {
    const min = next.minMembers ?? next.membersNeeded;
    return {
      ...base,
      tiers: [{ minMembers: min, unitPrice: currentPrice }],
      confirmedCount: min - next.membersNeeded,
    };
  }
  const tiers = [{ minMembers: 1, unitPrice: currentPrice }];
  if (next) tiers.push({ minMembers: 1 + next.membersNeeded, unitPrice: next.unitPrice });
  return { ...base, tiers, confirmedCount: 1 };
}

/** "Join my group for <product>: 2 more people needed to go ahead at $X; at 6, $Y. Ends in 5 h. <link>" */
export function buildShareMessage(w: Words, f: ShareFacts, link: string): string {
  const left = f.deadline.getTime() - f.now.getTime();
  const text = shareText(
    w,
    f.productTitle,
    groupFacts(f),
    left > 0 ? formatTimeLeft(w, left) : null,
    f.openerReward ?? null,
  );
  return link ? `${text} ${link}` : text;
}

/**
 * A group link carrying the sharer's invite code (when they are a member), the channel it went out on and
 * the sharer's language (`hint`, when the link is shared by a person rather than shown to one).
 */
export function groupShareUrl(
  appUrl: string,
  code: string,
  opts: { inviteCode?: string | null; channel?: ShareChannel | null; hint?: Locale | null } = {},
): string {
  const url = new URL(`/g/${encodeURIComponent(code)}`, appUrl);
  if (opts.inviteCode) url.searchParams.set('i', opts.inviteCode);
  if (opts.channel) url.searchParams.set('c', opts.channel);
  if (opts.hint) url.searchParams.set(HINT, opts.hint);
  return url.toString();
}

/** A link the viewer passes on (their invite URL), with their language as the reader's hint (?hl=). */
export function withHint(link: string, locale: Locale): string {
  const url = new URL(link);
  url.searchParams.set(HINT, locale);
  return url.toString();
}

export type ShareIntent = { channel: ShareChannel; label: string; href: string };

/** Links that open each chat app (or SMS / e-mail) with the message filled in, each tagged with its channel. */
export function shareIntents(
  w: Words,
  f: ShareFacts,
  appUrl: string,
  code: string,
  inviteCode: string | null,
): ShareIntent[] {
  const linkFor = (channel: ShareChannel) =>
    groupShareUrl(appUrl, code, { inviteCode, channel, hint: w.locale });
  const msg = (channel: ShareChannel) => buildShareMessage(w, f, linkFor(channel));
  const label = (channel: ShareChannel) => channelLabel(w, channel);
  const q = encodeURIComponent;
  return [
    { channel: 'whatsapp', label: label('whatsapp'), href: `https://wa.me/?text=${q(msg('whatsapp'))}` },
    {
      channel: 'telegram',
      label: label('telegram'),
      href: `https://t.me/share/url?url=${q(linkFor('telegram'))}&text=${q(buildShareMessage(w, f, '').trimEnd())}`,
    },
    { channel: 'line', label: label('line'), href: `https://line.me/R/share?text=${q(msg('line'))}` },
    // "?&body=" works on both iOS and Android messaging apps.
    { channel: 'sms', label: label('sms'), href: `sms:?&body=${q(msg('sms'))}` },
    {
      channel: 'email',
      label: label('email'),
      href: `mailto:?subject=${q(shareSubject(w, f.productTitle))}&body=${q(msg('email'))}`,
    },
  ];
}
