// What a payment_due member owes: the group's final price on the goods (never above the price shown at
// join, DESIGN rule 4) plus the shipping fixed at join, and never more than the hold they agreed to.
import { chargeWithShipping } from '@/server/pricing';

/** The amount due in minor units. */
export function amountDue(
  finalUnitPrice: number,
  m: { unitPriceAtJoin: number; quantity: number; shippingAmount: number; holdAmount: number },
): number {
  return Math.min(
    chargeWithShipping(finalUnitPrice, m.unitPriceAtJoin, m.quantity, m.shippingAmount),
    m.holdAmount,
  );
}
