// Figures a merchant reads to judge a deal: outcomes of its groups, money, and which share channels bring
// buyers. Definitions (also in README.md beside this file) are pinned by get-deal-insights.test.ts.
import { and, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import { commissions, groups, members, visits } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { getOwnedDealOrThrow } from '@/server/merchant-console/get-owned-deal';
import { owedOn } from '@/server/payouts/settle-commission';

export type ChannelRow = {
  channel: string;
  visits: number;
  joins: number;
  /** joins ÷ visits in whole percent, null without visits. */ conversionPercent: number | null;
};
export type MoneyRow = {
  currency: string;
  revenueCaptured: number;
  refunded: number;
  netRevenue: number;
  savingsGiven: number;
};

/** What the deal's helper-sellers earned, per currency: owed after refunds, paid so far, still to pay. */
export type CommissionSummary = {
  currency: string;
  /** Owed on buyers who stayed charged (refunds taken off), paid or not. */
  earned: number;
  /** Sent to helper-sellers, less what refunds took back. */
  paid: number;
  /** Earned and not yet paid: in the refund window, or waiting for the helper's Stripe account. */
  waiting: number;
  /** The helper-sellers who earned something, by the alias they joined with, most earned first. */
  sharers: { alias: string; earned: number; buyers: number }[];
};

export type DealInsights = {
  groups: { opened: number; open: number; won: number; failed: number; canceled: number };
  /** Confirmed members per closed (won or failed) group, one decimal; null before any group closed. */
  averageGroupSize: number | null;
  /** One row per currency the deal's groups were priced in (normally one). */
  money: MoneyRow[];
  channels: ChannelRow[];
  /** Confirmed joins per UTC day, oldest first, with empty days filled in. */
  joinsByDay: { day: string; joins: number }[];
  /** Helper-sellers' commissions (none when the deal never paid one). */
  commissions: CommissionSummary[];
};

// A "join" is a member whose card hold was authorized and who did not leave: the buyers who count.
const joined = and(isNotNull(members.authorizedAt), notInArray(members.status, ['left', 'expired']));

/** Insights for one of the merchant's deals; NOT_FOUND for anyone else's. */
export async function getDealInsights(deps: Deps, merchantId: string, dealId: string): Promise<DealInsights> {
  const deal = await getOwnedDealOrThrow(deps.db, merchantId, dealId);
  const db = deps.db;

  const [g] = await db
    .select({
      opened: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${groups.status} in ('open', 'closing'))::int`,
      won: sql<number>`count(*) filter (where ${groups.status} = 'won')::int`,
      failed: sql<number>`count(*) filter (where ${groups.status} = 'failed')::int`,
      canceled: sql<number>`count(*) filter (where ${groups.status} = 'canceled')::int`,
    })
    .from(groups)
    .where(eq(groups.dealId, deal.id));

  const [size] = await db
    .select({
      closed: sql<number>`count(distinct ${groups.id})::int`,
      joins: sql<number>`count(${members.id})::int`,
    })
    .from(groups)
    .leftJoin(members, and(eq(members.groupId, groups.id), joined))
    .where(and(eq(groups.dealId, deal.id), inArray(groups.status, ['won', 'failed'])));

  // Sums are bigint text; savings = what the list price would have cost minus the charge, per captured member.
  const money = await db
    .select({
      currency: groups.currency,
      captured: sql<string>`coalesce(sum(${members.chargeAmount}) filter (where ${members.status} = 'captured'), 0)::bigint`,
      // Refunds of what was captured (a wallet paid now and refunded in full after leaving is in neither).
      refunded: sql<string>`coalesce(sum(${members.refundedAmount}) filter (where ${members.status} = 'captured'), 0)::bigint`,
      // A wallet paid now was charged what it paid less the difference refunded at close.
      savings: sql<string>`coalesce(sum(greatest(${groups.listPrice} * ${members.quantity}::bigint - (${members.chargeAmount} - case when ${members.paymentKind} = 'paid_now' then ${members.refundedAmount} else 0 end), 0)) filter (where ${members.status} = 'captured'), 0)::bigint`,
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(eq(groups.dealId, deal.id))
    .groupBy(groups.currency)
    .orderBy(groups.currency);

  const visitRows = await db
    // A visitor counts once per group, channel and UTC day, so reloads are not visits; a visit without a
    // visitor key (recorded before keys existed) counts on its own.
    .select({
      channel: visits.channel,
      n: sql<number>`count(distinct coalesce(${visits.visitorKey}, 'row:' || ${visits.id}::text) || '|' || coalesce(${visits.groupId}::text, '') || '|' || to_char(${visits.createdAt} at time zone 'UTC', 'YYYY-MM-DD'))::int`,
    })
    .from(visits)
    .where(eq(visits.dealId, deal.id))
    .groupBy(visits.channel);
  const joinRows = await db
    .select({ channel: sql<string>`coalesce(${members.channel}, 'direct')`, n: sql<number>`count(*)::int` })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(and(eq(groups.dealId, deal.id), joined))
    .groupBy(sql`1`);
  const channels = new Map<string, ChannelRow>();
  const row = (channel: string) => {
    const r = channels.get(channel) ?? { channel, visits: 0, joins: 0, conversionPercent: null };
    channels.set(channel, r);
    return r;
  };
  for (const v of visitRows) row(v.channel).visits = v.n;
  for (const j of joinRows) row(j.channel).joins = j.n;
  for (const r of channels.values())
    r.conversionPercent = r.visits > 0 ? Math.floor((r.joins * 100) / r.visits) : null;

  const days = await db
    .select({
      day: sql<string>`to_char(${members.authorizedAt} at time zone 'UTC', 'YYYY-MM-DD')`,
      n: sql<number>`count(*)::int`,
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(and(eq(groups.dealId, deal.id), joined))
    .groupBy(sql`1`)
    .orderBy(sql`1`);

  const commissionList = await dealCommissions(db, deal.id);

  return {
    commissions: commissionList,
    groups: {
      opened: g?.opened ?? 0,
      open: g?.open ?? 0,
      won: g?.won ?? 0,
      failed: g?.failed ?? 0,
      canceled: g?.canceled ?? 0,
    },
    averageGroupSize: size && size.closed > 0 ? Math.round((size.joins * 10) / size.closed) / 10 : null,
    money: money.map((m) => {
      const captured = Number(m.captured);
      const refunded = Number(m.refunded);
      return {
        currency: m.currency,
        revenueCaptured: captured,
        refunded,
        netRevenue: captured - refunded,
        savingsGiven: Number(m.savings),
      };
    }),
    channels: [...channels.values()].sort(
      (a, b) => b.joins - a.joins || b.visits - a.visits || a.channel.localeCompare(b.channel),
    ),
    joinsByDay: fillDays(days.map((d) => ({ day: d.day, joins: d.n }))),
  };
}

/** The deal's commissions per currency, with each helper-seller by alias (never their account). */
async function dealCommissions(db: Deps['db'], dealId: string): Promise<CommissionSummary[]> {
  const rows = await db
    .select({
      sharerUserId: commissions.sharerUserId,
      sharerMemberId: commissions.sharerMemberId,
      currency: commissions.currency,
      amount: commissions.amount,
      status: commissions.status,
      paidAmount: commissions.paidAmount,
      reversedAmount: commissions.reversedAmount,
      memberStatus: members.status,
      chargeAmount: members.chargeAmount,
      refundedAmount: members.refundedAmount,
      applicationFee: members.applicationFee,
      feeRefunded: members.feeRefunded,
    })
    .from(commissions)
    .innerJoin(members, eq(members.id, commissions.memberId))
    .where(eq(commissions.dealId, dealId));
  if (rows.length === 0) return [];
  const sharerMembers = await db
    .select({ id: members.id, alias: members.alias })
    .from(members)
    .where(inArray(members.id, [...new Set(rows.map((r) => r.sharerMemberId))]));
  const aliasOf = new Map(sharerMembers.map((m) => [m.id, m.alias]));

  const byCurrency = new Map<
    string,
    CommissionSummary & { bySharer: Map<string, CommissionSummary['sharers'][0]> }
  >();
  for (const r of rows) {
    const owed = r.status === 'void' || r.memberStatus !== 'captured' ? 0 : owedOn(r, r);
    const paid = Math.max(0, r.paidAmount - r.reversedAmount);
    const c = byCurrency.get(r.currency) ?? {
      currency: r.currency,
      earned: 0,
      paid: 0,
      waiting: 0,
      sharers: [],
      bySharer: new Map(),
    };
    c.earned += owed;
    c.paid += paid;
    c.waiting += Math.max(0, owed - paid);
    if (owed > 0) {
      // One line per person: the alias of the group they shared from (the latest one seen).
      const s = c.bySharer.get(r.sharerUserId) ?? { alias: '', earned: 0, buyers: 0 };
      s.alias = aliasOf.get(r.sharerMemberId) ?? s.alias;
      s.earned += owed;
      s.buyers += 1;
      c.bySharer.set(r.sharerUserId, s);
    }
    byCurrency.set(r.currency, c);
  }
  return [...byCurrency.values()]
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map(({ bySharer, ...c }) => ({
      ...c,
      sharers: [...bySharer.values()].sort((a, b) => b.earned - a.earned || a.alias.localeCompare(b.alias)),
    }));
}

/** Adds the missing days between the first and last with zero joins, so a chart's x axis is honest time. */
function fillDays(rows: { day: string; joins: number }[]): { day: string; joins: number }[] {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return [];
  const byDay = new Map(rows.map((r) => [r.day, r.joins]));
  const out: { day: string; joins: number }[] = [];
  for (
    let t = Date.parse(`${first.day}T00:00:00Z`);
    t <= Date.parse(`${last.day}T00:00:00Z`);
    t += 86_400_000
  ) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, joins: byDay.get(day) ?? 0 });
  }
  return out;
}
