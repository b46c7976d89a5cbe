// The shop's "getting paid" page (issue 18): its Stripe account and what Stripe still needs, the platform's
// fee terms, the balance and payouts Stripe reports, and per period the gross, refunds, fees, commissions and
// net of its charged members.
import { and, desc, eq, gte, isNotNull } from 'drizzle-orm';
import { deals, groups, members, merchants, payouts } from '@/db/schema';
import type { Deps } from '@/server/deps';
import type { Balance } from '@/server/payments/port';
import { moneyLine, platformFee } from '@/server/pricing';
import { accountView, findAccount, type AccountView } from './accounts';
import { feeSchedule } from './fee-schedule';

export type PeriodRow = {
  /** The first day of the period (UTC), YYYY-MM-DD. */
  start: string;
  currency: string;
  charges: number;
  gross: number;
  refunds: number;
  platformFee: number;
  commission: number;
  net: number;
};

export type MerchantPayouts = {
  account: AccountView;
  /** The platform's fee: basis points and the fixed part in the shop's currency. */
  fee: { bps: number; fixed: number; currency: string; example: { amount: number; fee: number } };
  balance: Balance | null;
  payouts: {
    id: string;
    amount: number;
    currency: string;
    status: string;
    arrivalDate: Date | null;
    createdAt: Date;
  }[];
  periods: PeriodRow[];
};

const DAY = 86_400_000;

function periodStart(d: Date, period: 'month' | 'week'): string {
  if (period === 'month') return `${d.toISOString().slice(0, 7)}-01`;
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
  return monday.toISOString().slice(0, 10);
}

/** Everything the shop's payouts page shows. */
export async function getMerchantPayouts(
  deps: Deps,
  merchantId: string,
  opts: { period: 'month' | 'week' } = { period: 'month' },
): Promise<MerchantPayouts> {
  const row = await findAccount(deps.db, { kind: 'merchant', merchantId });
  const [shop] = await deps.db
    .select({ currency: merchants.defaultCurrency })
    .from(merchants)
    .where(eq(merchants.id, merchantId));
  const currency = shop?.currency ?? 'USD';
  const schedule = feeSchedule(deps);
  const exampleAmount = currency === 'JPY' ? 3000 : 2000;

  let balance: Balance | null = null;
  if (row) balance = await deps.payments.balance(row.id).catch(() => null);

  const since = new Date(deps.now().getTime() - (opts.period === 'month' ? 366 : 12 * 7) * DAY);
  const charged = await deps.db
    .select({
      settledAt: members.settledAt,
      currency: groups.currency,
      chargeAmount: members.chargeAmount,
      refundedAmount: members.refundedAmount,
      applicationFee: members.applicationFee,
      feeRefunded: members.feeRefunded,
      commissionAmount: members.commissionAmount,
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(
      and(
        eq(deals.merchantId, merchantId),
        eq(members.status, 'captured'),
        isNotNull(members.settledAt),
        gte(members.settledAt, since),
      ),
    );
  const byKey = new Map<string, PeriodRow>();
  for (const m of charged) {
    const captured = m.chargeAmount ?? 0;
    if (!m.settledAt || captured <= 0) continue;
    const start = periodStart(m.settledAt, opts.period);
    const key = `${start}|${m.currency}`;
    const p = byKey.get(key) ?? {
      start,
      currency: m.currency,
      charges: 0,
      gross: 0,
      refunds: 0,
      platformFee: 0,
      commission: 0,
      net: 0,
    };
    const line = moneyLine({
      captured,
      refunded: Math.min(m.refundedAmount, captured),
      applicationFee: m.applicationFee,
      feeRefunded: Math.min(m.feeRefunded, m.applicationFee),
      commission: m.commissionAmount,
    });
    p.charges += 1;
    p.gross += captured;
    p.refunds += line.refunded;
    p.platformFee += line.platformFee;
    p.commission += line.commission;
    p.net += line.merchantNet;
    byKey.set(key, p);
  }
  const periods = [...byKey.values()].sort((a, b) =>
    a.start === b.start ? a.currency.localeCompare(b.currency) : b.start.localeCompare(a.start),
  );

  const list = row
    ? await deps.db
        .select({
          id: payouts.id,
          amount: payouts.amount,
          currency: payouts.currency,
          status: payouts.status,
          arrivalDate: payouts.arrivalDate,
          createdAt: payouts.createdAt,
        })
        .from(payouts)
        .where(eq(payouts.accountId, row.id))
        .orderBy(desc(payouts.createdAt))
        .limit(20)
    : [];

  return {
    account: accountView(row),
    fee: {
      bps: schedule.bps,
      fixed: schedule.fixed[currency] ?? 0,
      currency,
      example: { amount: exampleAmount, fee: platformFee(exampleAmount, currency, schedule) },
    },
    balance,
    payouts: list,
    periods,
  };
}
