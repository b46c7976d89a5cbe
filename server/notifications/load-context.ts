// What a notification is rendered from, read when it is sent (so a nudge says what is true then).
// Edit when a moment needs another fact (types.ts says which).
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { deals, groups, members, merchants, notifications, orders } from '@/db/schema';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/i18n/locales';
import { dealTitleFor } from '@/server/deals/deal-content';
import { nextTier, unitPriceAt } from '@/server/pricing';
import { MOMENTS, type Moment } from './moments';
import type { GroupFacts, MemberFacts, NotificationContext, OrderFacts, SummaryFacts } from './types';
import { fixLinkUrl } from '@/server/recovery/fix-link';
import { unsubscribeToken, type UnsubscribeAction } from './unsubscribe-token';

export type OutboxRow = typeof notifications.$inferSelect;

/** A group with its deal, as the sender reads it. */
export async function loadGroup(db: Tx, groupId: string) {
  const [row] = await db
    .select({
      g: groups,
      deal: {
        title: deals.title,
        contentLocale: deals.contentLocale,
        translations: deals.translations,
        fulfilment: deals.fulfilment,
        merchantId: deals.merchantId,
      },
    })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(groups.id, groupId));
  return row ?? null;
}

export type LoadedGroup = NonNullable<Awaited<ReturnType<typeof loadGroup>>>;

/** The group as a message speaks of it, in `locale`. */
export function groupFacts(row: LoadedGroup, locale: Locale): GroupFacts {
  const { g } = row;
  const next = nextTier(g.tiers, g.confirmedCount);
  return {
    code: g.code,
    title: dealTitleFor(row.deal, locale).title,
    currency: g.currency,
    listPrice: g.listPrice,
    status: g.status,
    deadline: g.deadline,
    confirmedCount: g.confirmedCount,
    minMembers: g.minMembers,
    maxMembers: g.maxMembers,
    currentUnitPrice: unitPriceAt(g.tiers, g.confirmedCount),
    bestUnitPrice: Math.min(...g.tiers.map((t) => t.unitPrice)),
    nextTier: next ? { minMembers: next.tier.minMembers, unitPrice: next.tier.unitPrice } : null,
    finalUnitPrice: g.finalUnitPrice,
  };
}

/** The one-click unsubscribe a message carries: what it stops (receipts carry none). */
function unsubscribeFor(row: OutboxRow): UnsubscribeAction | null {
  const moment = row.moment as Moment;
  if (MOMENTS[moment].kind === 'receipt') return null;
  if (moment === 'merchantGroupWon') return { t: 'merchant', setting: 'won' };
  if (moment === 'merchantGroupFailed') return { t: 'merchant', setting: 'failed' };
  if (moment === 'merchantDailySummary') return { t: 'merchant', setting: 'daily' };
  return row.groupId ? { t: 'mute', groupId: row.groupId } : { t: 'nudges' };
}

/** Everything `row`'s message is rendered from; null when what it speaks of is gone. */
export async function loadContext(
  db: Db,
  appUrl: string,
  row: OutboxRow,
  loaded?: LoadedGroup | null,
): Promise<NotificationContext | null> {
  const locale: Locale = isLocale(row.locale) ? row.locale : DEFAULT_LOCALE;
  const moment = row.moment as Moment;
  const merchantSide = MOMENTS[moment].audience === 'merchant';
  const gRow = loaded !== undefined ? loaded : row.groupId ? await loadGroup(db, row.groupId) : null;
  if (row.groupId && !gRow) return null;
  const group = gRow ? groupFacts(gRow, locale) : null;

  let member: MemberFacts | null = null;
  let order: OrderFacts | null = null;
  let inviteCode: string | null = null;
  if (row.memberId) {
    const [m] = await db.select().from(members).where(eq(members.id, row.memberId));
    if (!m) return null;
    inviteCode = m.inviteCode;
    member = {
      alias: m.alias,
      quantity: m.quantity,
      unitPriceAtJoin: m.unitPriceAtJoin,
      shippingAmount: m.shippingAmount,
      holdAmount: m.holdAmount,
      chargeAmount: m.chargeAmount,
      refundedAmount: m.refundedAmount,
      dueUntil: m.dueUntil,
      paymentKind: m.paymentKind,
    };
    const [o] = await db.select().from(orders).where(eq(orders.memberId, m.id));
    if (o) {
      const point = o.pickupPointId
        ? gRow?.deal.fulfilment.pickup?.points.find((p) => p.id === o.pickupPointId)
        : undefined;
      order = {
        number: o.number,
        method: o.method,
        carrier: o.carrier,
        trackingNumber: o.trackingNumber,
        trackingUrl: o.trackingUrl,
        pickupPlace: point ? `${point.name}, ${point.address}` : null,
      };
    }
  }

  let recipientName = member?.alias ?? '';
  let summary: SummaryFacts | null = null;
  if (merchantSide) {
    const merchantId = row.merchantId ?? gRow?.deal.merchantId;
    if (!merchantId) return null;
    const [shop] = await db
      .select({ name: merchants.name })
      .from(merchants)
      .where(eq(merchants.id, merchantId));
    if (!shop) return null;
    recipientName = shop.name;
    if (moment === 'merchantDailySummary') summary = await loadSummary(db, merchantId, row);
  }

  const base = appUrl.replace(/\/$/, '');
  const groupUrl = group ? `${base}/g/${group.code}` : base;
  const dueLink =
    (moment === 'paymentDue' || moment === 'paymentDueReminder') && row.memberId && member?.dueUntil
      ? fixLinkUrl(base, row.memberId, member.dueUntil)
      : null;
  const primary = dueLink
    ? dueLink
    : merchantSide
      ? row.groupId
        ? `${base}/merchant/groups/${row.groupId}`
        : `${base}/merchant`
      : (moment === 'wonCharged' ||
            moment === 'orderShipped' ||
            moment === 'orderReady' ||
            moment === 'refundIssued') &&
          row.memberId
        ? `${base}/me/orders/${row.memberId}`
        : groupUrl;
  const action = unsubscribeFor(row);
  return {
    moment,
    locale,
    recipientName,
    group,
    member,
    order,
    refundAmount: typeof row.payload['amount'] === 'number' ? row.payload['amount'] : null,
    summary,
    note: typeof row.payload['note'] === 'string' ? row.payload['note'] : null,
    reason: typeof row.payload['reason'] === 'string' ? row.payload['reason'] : null,
    amountDue: typeof row.payload['amountDue'] === 'number' ? row.payload['amountDue'] : null,
    links: {
      primary,
      share: inviteCode && group ? `${groupUrl}?i=${inviteCode}` : null,
      preferences: merchantSide ? `${base}/merchant/notifications` : `${base}/me/notifications`,
      unsubscribe: action ? `${base}/u/${unsubscribeToken(row.userId, action)}` : null,
    },
  };
}

/** A merchant's last 24 hours (the summary's payload fixes its window). */
async function loadSummary(db: Db, merchantId: string, row: OutboxRow): Promise<SummaryFacts> {
  const until = new Date(String(row.payload['until'] ?? row.createdAt.toISOString()));
  const since = new Date(until.getTime() - 24 * 3600 * 1000);
  const r = await db.execute<{ won: number; failed: number; open: number }>(sql`
    select count(*) filter (where g.status = 'won' and g.closed_at >= ${since} and g.closed_at < ${until})::int as won,
           count(*) filter (where g.status = 'failed' and g.closed_at >= ${since} and g.closed_at < ${until})::int as failed,
           count(*) filter (where g.status = 'open')::int as open
    from groups g join deals d on d.id = g.deal_id where d.merchant_id = ${merchantId}`);
  const charged = await db.execute<{ currency: string; amount: string }>(sql`
    select g.currency, sum(m.charge_amount - case when m.payment_kind = 'paid_now' then m.refunded_amount else 0 end)::bigint as amount
    from members m join groups g on g.id = m.group_id join deals d on d.id = g.deal_id
    where d.merchant_id = ${merchantId} and m.status = 'captured' and m.settled_at >= ${since} and m.settled_at < ${until}
    group by g.currency order by g.currency`);
  const toFulfil = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(and(eq(deals.merchantId, merchantId), sql`${orders.status} in ('to_fulfil', 'ready')`));
  const counts = r.rows[0];
  return {
    day: String(row.subject),
    groupsWon: counts?.won ?? 0,
    groupsFailed: counts?.failed ?? 0,
    groupsOpen: counts?.open ?? 0,
    charged: charged.rows.map((c) => ({ currency: c.currency, amount: Number(c.amount) })),
    ordersToFulfil: toFulfil[0]?.n ?? 0,
  };
}
