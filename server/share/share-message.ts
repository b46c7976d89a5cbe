// The chat-ready message and the share links of a group. Pure (no I/O), so the page renders the intent
// links on the server (they work without JavaScript) and tests pin the wording.
import type { ShareChannel } from './channels';
import { shareText, type GroupFacts } from './group-words';
import { formatTimeLeft } from './time-left';

export type ShareFacts = {
  productTitle: string;
  deadline: Date;
  now: Date;
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
export function buildShareMessage(f: ShareFacts, link: string): string {
  const left = f.deadline.getTime() - f.now.getTime();
  const text = shareText(f.productTitle, groupFacts(f), left > 0 ? formatTimeLeft(left) : null);
  return link ? `${text} ${link}` : text;
}

/** A group link carrying the sharer's invite code (when they are a member) and the channel it went out on. */
export function groupShareUrl(
  appUrl: string,
  code: string,
  opts: { inviteCode?: string | null; channel?: ShareChannel | null } = {},
): string {
  const url = new URL(`/g/${encodeURIComponent(code)}`, appUrl);
  if (opts.inviteCode) url.searchParams.set('i', opts.inviteCode);
  if (opts.channel) url.searchParams.set('c', opts.channel);
  return url.toString();
}

export type ShareIntent = { channel: ShareChannel; label: string; href: string };

/** Links that open each chat app (or SMS / e-mail) with the message filled in, each tagged with its channel. */
export function shareIntents(
  f: ShareFacts,
  appUrl: string,
  code: string,
  inviteCode: string | null,
): ShareIntent[] {
  const linkFor = (channel: ShareChannel) => groupShareUrl(appUrl, code, { inviteCode, channel });
  const msg = (channel: ShareChannel) => buildShareMessage(f, linkFor(channel));
  const q = encodeURIComponent;
  return [
    { channel: 'whatsapp', label: 'WhatsApp', href: `https://wa.me/?text=${q(msg('whatsapp'))}` },
    {
      channel: 'telegram',
      label: 'Telegram',
      href: `https://t.me/share/url?url=${q(linkFor('telegram'))}&text=${q(buildShareMessage(f, '').trimEnd())}`,
    },
    { channel: 'line', label: 'LINE', href: `https://line.me/R/share?text=${q(msg('line'))}` },
    // "?&body=" works on both iOS and Android messaging apps.
    { channel: 'sms', label: 'SMS', href: `sms:?&body=${q(msg('sms'))}` },
    {
      channel: 'email',
      label: 'E-mail',
      href: `mailto:?subject=${q(`Join my group for ${f.productTitle}`)}&body=${q(msg('email'))}`,
    },
  ];
}
