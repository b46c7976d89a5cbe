// Page visits for conversion by share channel. Each visit carries a visitor key so insights count a person
// once per group and day (server/insights): a member by their member id, anyone else by a hash of the
// client address our server entry stamped and the browser's user agent (no address is stored).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { groups, visits } from '@/db/schema';
import type { Deps } from '@/server/deps';
import type { ShareChannel } from './channels';

// Link-preview fetchers and crawlers are not people; counting them would inflate conversion by channel.
const BOT =
  /bot|crawl|spider|preview|facebookexternalhit|whatsapp|telegram|slack|discord|line-poker|embedly|curl|wget/i;

/** True when a user agent looks like a link-preview fetcher or crawler rather than a person's browser. */
export function isBotUserAgent(ua: string | null): boolean {
  return !ua || BOT.test(ua);
}

/** A visitor key for someone who is not a member: a hash of their address and browser, never the address. */
export function anonymousVisitorKey(address: string | null, userAgent: string | null): string | null {
  if (!address) return null;
  const hash = createHash('sha256')
    .update(`${address}|${userAgent ?? ''}`)
    .digest('base64url');
  return `anon:${hash.slice(0, 22)}`;
}

/** Counts one visit to a group page, tagged with the channel of the link it came from (untagged: direct). */
export async function recordGroupVisit(
  deps: Deps,
  v: { code: string; channel: ShareChannel | null; visitorKey: string | null },
): Promise<void> {
  // One statement: the group's ids are read where the row is written (an unknown code writes nothing).
  const col = (c: { name: string }) => sql.identifier(c.name);
  await deps.db.execute(sql`
    insert into ${visits} (${col(visits.dealId)}, ${col(visits.groupId)}, ${col(visits.channel)},
      ${col(visits.visitorKey)}, ${col(visits.createdAt)})
    select ${groups.dealId}, ${groups.id}, ${v.channel ?? 'direct'}, ${v.visitorKey}, ${deps.now()}
    from ${groups} where ${groups.code} = ${v.code}`);
}
