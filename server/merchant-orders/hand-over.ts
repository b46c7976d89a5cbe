import { eq, or } from 'drizzle-orm';
import { deals, orders, user } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { applyConsoleMove } from './console-moves';
import { merchantOrderView, selectMerchantOrders, type MerchantOrder } from './list-orders';

/**
 * The code in a scan or typed at the desk: the buyer's QR holds the bare code or a link ending in it
 * (`…/o/FL-7K3M9Q?code=X`): the `code` parameter wins, else the last path segment. Upper-cased, trimmed.
 */
export function codeFromScan(scanned: string): string {
  const text = scanned.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      const u = new URL(text);
      const param = u.searchParams.get('code');
      const last = u.pathname.split('/').filter(Boolean).pop();
      return (param ?? last ?? '').trim().toUpperCase();
    } catch {
      return text.toUpperCase();
    }
  }
  return text.replace(/\s+/g, '').toUpperCase();
}

/** What the desk shows after a scan: handed over now, or already (when and by whom). */
export type HandOverResult =
  | { outcome: 'handedOver'; order: MerchantOrder; at: Date }
  | { outcome: 'already'; order: MerchantOrder; at: Date; by: string | null };

/**
 * The pickup desk: the buyer's pickup code (their QR) or voucher code marks the order picked up or
 * redeemed. A second scan answers when and by whom. Refused plainly: an unknown code, another merchant's,
 * an order whose group has not been won (or has nothing to fulfil), a voucher past its last day.
 */
export async function handOverByCode(
  deps: Deps,
  merchant: { merchantId: string; userId: string },
  scanned: string,
): Promise<HandOverResult> {
  const code = codeFromScan(scanned);
  if (!code) throw new DomainError('INVALID_INPUT', 'merchantOrders.desk.noCode');
  return deps.db.transaction(async (tx) => {
    const [row] = await selectMerchantOrders(tx)
      .where(or(eq(orders.pickupCode, code), eq(orders.voucherCode, code)))
      .for('update', { of: orders });
    if (!row) throw new DomainError('NOT_FOUND', 'merchantOrders.desk.unknownCode', { code });
    const [owner] = await tx
      .select({ merchantId: deals.merchantId })
      .from(deals)
      .where(eq(deals.id, row.deal.id));
    if (owner?.merchantId !== merchant.merchantId) {
      throw new DomainError('FORBIDDEN', 'merchantOrders.desk.otherMerchant', { code });
    }
    const o = row.order;
    const doneAt = o.pickedUpAt ?? o.redeemedAt;
    if ((o.status === 'picked_up' || o.status === 'redeemed') && doneAt) {
      const [by] = o.handedOverBy
        ? await tx.select({ name: user.name }).from(user).where(eq(user.id, o.handedOverBy))
        : [];
      return { outcome: 'already', order: merchantOrderView(row), at: doneAt, by: by?.name ?? null };
    }
    if (row.group.status !== 'won' || o.status === 'pending') {
      throw new DomainError('CONFLICT', 'merchantOrders.desk.notWon');
    }
    if (o.status === 'void') throw new DomainError('CONFLICT', 'merchantOrders.desk.void');
    const now = deps.now();
    const voucher = row.deal.fulfilment.voucher;
    const isVoucher = o.method === 'voucher';
    // Valid through the whole last day wherever the buyer and the shop are: until it ends in UTC−12, the
    // last time zone to finish a date.
    if (isVoucher && voucher && now.getTime() > Date.parse(`${voucher.validUntil}T23:59:59.999-12:00`)) {
      throw new DomainError('CONFLICT', 'merchantOrders.desk.voucherExpired', { date: voucher.validUntil });
    }
    const ref = { id: o.id, memberId: o.memberId, groupId: row.group.id, dealId: row.deal.id };
    const moved = await applyConsoleMove(tx, ref, isVoucher ? 'redeem' : 'pickUp', {
      now,
      by: merchant.userId,
    });
    if (!moved) throw new DomainError('CONFLICT', 'merchantOrders.desk.notWon');
    const [after] = await selectMerchantOrders(tx).where(eq(orders.id, o.id));
    if (!after) throw new Error('order vanished');
    return { outcome: 'handedOver', order: merchantOrderView(after), at: now };
  });
}
