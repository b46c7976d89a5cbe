// The chat-ready message and the share links of a group. Pure (no I/O), so the page renders the intent
// links on the server (they work without JavaScript) and tests pin the wording.
import { formatMoney } from '@/server/pricing/currency';
import type { ShareChannel } from './channels';
import { formatTimeLeft } from './time-left';

export type ShareFacts = {
  productTitle: string;
  currency: string;
  /** The unit price a joiner sees now (minor units). */
  currentPrice: number;
  /** The next cheaper bracket and how many more confirmed members unlock it, or null at the best price. */
  next: { unitPrice: number; membersNeeded: number } | null;
  deadline: Date;
  now: Date;
};

/** "Join my group for <product>: now $X each, 2 more people unlock $Y. Ends in 5 h. <link>" */
export function buildShareMessage(f: ShareFacts, link: string): string {
  const now = formatMoney(f.currentPrice, f.currency);
  const next = f.next
    ? `, ${f.next.membersNeeded} more ${f.next.membersNeeded === 1 ? 'person unlocks' : 'people unlock'} ${formatMoney(f.next.unitPrice, f.currency)}`
    : ', the best price';
  const left = f.deadline.getTime() - f.now.getTime();
  const ends = left > 0 ? ` Ends in ${formatTimeLeft(left)}.` : '';
  return `Join my group for ${f.productTitle}: now ${now} each${next}.${ends} ${link}`;
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
