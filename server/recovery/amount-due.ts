// What a payment_due member owes: the group's final price on the goods (never above the price shown at
// join, DESIGN rule 4) plus the shipping fixed at join, and never more than the hold they agreed to; an
// opener's reward (noted on the row when the charge at close failed) is still taken off.
import type { Destination } from '@/server/payments/port';
import { chargeWithShipping } from '@/server/pricing';

/** The amount due in minor units. */
export function amountDue(
  finalUnitPrice: number,
  m: {
    unitPriceAtJoin: number;
    quantity: number;
    shippingAmount: number;
    holdAmount: number;
    rewardAmount?: number;
  },
): number {
  const full = Math.min(
    chargeWithShipping(finalUnitPrice, m.unitPriceAtJoin, m.quantity, m.shippingAmount),
    m.holdAmount,
  );
  return Math.max(0, full - (m.rewardAmount ?? 0));
}

/** A payment due is a destination charge to the group's shop like the charge it replaces, with the same fee. */
export function dueDestination(m: {
  destinationAccountId: string | null;
  groupId: string;
  applicationFee: number;
}): Destination | null {
  return m.destinationAccountId
    ? { account: m.destinationAccountId, transferGroup: m.groupId, applicationFee: m.applicationFee }
    : null;
}
