import { asc, eq } from 'drizzle-orm';
import { groups, members, orders, user } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { currencyExponent, minorToDecimalString } from '@/server/pricing';
import { getOwnedDealOrThrow } from './get-owned-deal';

/** The export's columns, in order; their names are the header row unless the caller words them. */
export const MEMBERS_CSV_COLUMNS = [
  'group_code',
  'group_status',
  'alias',
  'email',
  'quantity',
  'member_status',
  'currency',
  'unit_price_at_join',
  'hold',
  'charge',
  'refunded',
  'net',
  'channel',
  'joined_at',
  'settled_at',
] as const;

export type MembersCsvColumn = (typeof MEMBERS_CSV_COLUMNS)[number];

/** One CSV cell: quoted when needed; text a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Members and charges of every group on one of the merchant's deals as CSV (RFC 4180, CRLF). Buyers'
 * e-mails reach the deal's merchant only for won groups (DESIGN rule 13): the order's contact e-mail, else
 * the account's; empty for open, failed and canceled groups and for guests who gave none. NOT_FOUND for another merchant's deal. `heading` words each column for the header row
 * (the merchant's language); by default the header is the column names.
 */
export async function membersCsv(
  deps: Deps,
  merchantId: string,
  dealId: string,
  heading: (column: MembersCsvColumn) => string = (column) => column,
): Promise<{ filename: string; csv: string }> {
  const deal = await getOwnedDealOrThrow(deps.db, merchantId, dealId);
  const rows = await deps.db
    .select({
      group: groups,
      member: members,
      email: user.email,
      anonymous: user.isAnonymous,
      contactEmail: orders.contactEmail,
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(user, eq(user.id, members.userId))
    .leftJoin(orders, eq(orders.memberId, members.id))
    .where(eq(groups.dealId, deal.id))
    .orderBy(asc(groups.openedAt), asc(groups.id), asc(members.reservedAt), asc(members.id));
  const lines = [MEMBERS_CSV_COLUMNS.map((c) => csvCell(heading(c))).join(',')];
  for (const { group: g, member: m, email, anonymous, contactEmail } of rows) {
    const exp = currencyExponent(g.currency);
    const money = (minor: number | null) => (minor === null ? null : minorToDecimalString(minor, exp));
    const charged = m.status === 'captured' ? (m.chargeAmount ?? 0) : null;
    const cells = [
      g.code,
      g.status,
      m.alias,
      g.status === 'won' ? (contactEmail ?? (anonymous ? null : email)) : null,
      m.quantity,
      m.status,
      g.currency,
      money(m.unitPriceAtJoin),
      money(m.holdAmount),
      money(charged),
      money(m.refundedAmount),
      money(charged === null ? null : charged - m.refundedAmount),
      m.channel,
      m.reservedAt.toISOString(),
      m.settledAt?.toISOString() ?? null,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return { filename: `${deal.slug}-members.csv`, csv: `${lines.join('\r\n')}\r\n` };
}
