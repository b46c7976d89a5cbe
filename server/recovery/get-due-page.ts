// What the /pay/<token> page shows: the signed link's member's own facts only (the deal, the group's final
// price, the amount due, until when, why the first payment failed), or exactly why there is nothing to pay.
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, events, groups, members, notificationSettings } from '@/db/schema';
import type { Locale } from '@/i18n/locales';
import { dealTitleFor } from '@/server/deals/deal-content';
import type { Deps } from '@/server/deps';
import { amountDue } from './amount-due';
import { failureReasonKey, type FailureReasonKey } from './decline-codes';
import { readFixLinkToken } from './fix-link';

export type DueFacts = {
  memberId: string;
  alias: string;
  title: string;
  groupCode: string;
  currency: string;
  finalUnitPrice: number;
  unitPriceAtJoin: number;
  quantity: number;
  shippingAmount: number;
  amountDue: number;
  dueUntil: Date;
  /** The buyer's own time zone (remembered from their browser or chosen in /me), null when unknown. */
  timeZone: string | null;
  reason: FailureReasonKey;
};

/** The page's state: a payment to make, or why not (rule 12: say exactly what is true). */
export type DuePage =
  | { state: 'due'; facts: DueFacts }
  | { state: 'invalid' }
  | { state: 'expired'; title: string; groupCode: string }
  | { state: 'paid'; title: string; groupCode: string; memberId: string; amount: number; currency: string }
  | { state: 'failed'; title: string; groupCode: string };

/** The member a token names, read as the page and the pay service see it. */
export async function loadDue(
  db: Deps['db'] | Tx,
  token: string,
  now: Date,
  locale: Locale,
): Promise<DuePage> {
  const link = readFixLinkToken(token);
  if (!link) return { state: 'invalid' };
  const [row] = await db
    .select({
      m: members,
      g: { code: groups.code, currency: groups.currency, finalUnitPrice: groups.finalUnitPrice },
      deal: { title: deals.title, contentLocale: deals.contentLocale, translations: deals.translations },
      timeZone: notificationSettings.timeZone,
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, members.userId))
    .where(eq(members.id, link.memberId));
  if (!row) return { state: 'invalid' };
  const { m, g } = row;
  const title = dealTitleFor(row.deal, locale).title;
  if (m.status === 'captured')
    return {
      state: 'paid',
      title,
      groupCode: g.code,
      memberId: m.id,
      amount: m.chargeAmount ?? 0,
      currency: g.currency,
    };
  if (m.status !== 'payment_due') return { state: 'failed', title, groupCode: g.code };
  const until = m.dueUntil && m.dueUntil < link.until ? m.dueUntil : link.until;
  if (until.getTime() <= now.getTime() || g.finalUnitPrice === null)
    return { state: 'expired', title, groupCode: g.code };
  const [due] = await db
    .select({ payload: events.payload })
    .from(events)
    .where(and(eq(events.memberId, m.id), eq(events.type, 'member.payment_due')))
    .orderBy(desc(events.id))
    .limit(1);
  const p = due?.payload ?? {};
  return {
    state: 'due',
    facts: {
      memberId: m.id,
      alias: m.alias,
      title,
      groupCode: g.code,
      currency: g.currency,
      finalUnitPrice: Math.min(g.finalUnitPrice, m.unitPriceAtJoin),
      unitPriceAtJoin: m.unitPriceAtJoin,
      quantity: m.quantity,
      shippingAmount: m.shippingAmount,
      amountDue: amountDue(g.finalUnitPrice, m),
      dueUntil: until,
      timeZone: row.timeZone,
      reason: failureReasonKey({
        code: typeof p['code'] === 'string' ? p['code'] : null,
        declineCode: typeof p['declineCode'] === 'string' ? p['declineCode'] : null,
      }),
    },
  };
}
