// The concierge inbox: every live room of a shop in one list — the rooms of its groups that are open or
// closed within the shop's closeAfterDays, and its communities not archived — the ones where a member's
// message waits for a staff reply first, then by newest activity.
//
// Decisions: unread counts the visible messages of members and system lines after the shop's read cursor
// (staff's own messages are never unread to staff); held counts the messages waiting for review; the last
// message shown is the newest visible one.
import { sql } from 'drizzle-orm';
import type { DealTranslations } from '@/db/schema';
import { isLocale, type Locale } from '@/i18n/locales';
import { dealTitleFor } from '@/server/deals/deal-content';
import type { Deps } from '@/server/deps';
import { retentionOf } from './retention';
import type { InboxRoomView } from './types';

type Row = {
  id: string;
  kind: 'group' | 'community';
  title: string;
  community_code: string | null;
  group_code: string | null;
  group_status: InboxRoomView['groupStatus'];
  deal_title: string | null;
  content_locale: string | null;
  translations: DealTranslations | null;
  member_count: number;
  unanswered: boolean;
  unread: number;
  held: number;
  last_author: string | null;
  last_body: string | null;
  last_at: string | null;
};

/** Shop `merchantId`'s live rooms as its concierge inbox lists them (deal titles in `locale`). */
export async function listInbox(deps: Deps, merchantId: string, locale?: Locale): Promise<InboxRoomView[]> {
  const { closeAfterDays } = await retentionOf(deps.db, merchantId);
  const since = new Date(deps.now().getTime() - closeAfterDays * 24 * 3600 * 1000);
  const r = await deps.db.execute<Row>(sql`
    select r.id, r.kind, r.title, r.code as community_code, g.code as group_code, g.status::text as group_status,
      d.title as deal_title, d.content_locale, d.translations, r.member_count,
      r.last_member_message_id > r.last_staff_message_id as unanswered,
      (select count(*)::int from room_messages m where m.room_id = r.id and m.status = 'visible'
         and m.author_kind <> 'staff' and m.id > coalesce(sr.last_read_message_id, 0)) as unread,
      (select count(*)::int from room_messages m where m.room_id = r.id and m.status = 'held') as held,
      lm.author_name as last_author, lm.body as last_body, lm.created_at as last_at
    from rooms r
    left join groups g on g.id = r.group_id
    left join deals d on d.id = r.deal_id
    left join room_staff_reads sr on sr.room_id = r.id and sr.merchant_id = ${merchantId}
    left join lateral (select m.author_name, m.body, m.created_at from room_messages m
      where m.room_id = r.id and m.status = 'visible' order by m.id desc limit 1) lm on true
    where r.merchant_id = ${merchantId}
      and ((r.kind = 'group' and (g.status in ('open', 'closing') or g.closed_at > ${since}))
        or (r.kind = 'community' and r.archived_at is null))
    order by (r.last_member_message_id > r.last_staff_message_id) desc,
      coalesce(r.last_message_at, r.created_at) desc, r.id`);
  return r.rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: titleOf(row, locale),
    code: row.community_code ?? row.group_code ?? '',
    groupStatus: row.kind === 'group' ? row.group_status : null,
    memberCount: row.member_count,
    unanswered: row.unanswered,
    unread: row.unread,
    held: row.held,
    lastMessage:
      row.last_at === null
        ? null
        : {
            authorName: row.last_author ?? '',
            body: row.last_body ?? '',
            at: new Date(row.last_at).toISOString(),
          },
  }));
}

function titleOf(row: Row, locale: Locale | undefined): string {
  if (row.kind === 'community' || row.deal_title === null) return row.title;
  const contentLocale =
    row.content_locale !== null && isLocale(row.content_locale) ? row.content_locale : null;
  if (!contentLocale) return row.deal_title;
  return dealTitleFor(
    { title: row.deal_title, contentLocale, translations: row.translations ?? {} },
    locale ?? contentLocale,
  ).title;
}
