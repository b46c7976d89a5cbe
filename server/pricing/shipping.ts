// Shipping in a member's hold and charge (DESIGN rules 1 and 4). Pure integer arithmetic on minor units of
// the deal's currency: the amount is fixed at join (members.shipping_amount) and added once to the hold and
// once to the capture, never scaled by the final price. Every function throws RangeError rather than return
// a wrong amount.
import type { ShippingOption } from '@/db/schema/fulfilment-options';

function assertWhole(name: string, value: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${String(value)}`);
  }
}

function assertAmount(name: string, value: number): number {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${name} is too large to be charged exactly (${value})`);
  return value;
}

/** Shipping for an order of `quantity` units: 0 when included, the price once per order, or price × quantity. */
export function shippingAmount(option: Pick<ShippingOption, 'pricing' | 'price'>, quantity: number): number {
  assertWhole('Quantity', quantity, 1);
  if (option.pricing === 'included') return 0;
  assertWhole('Shipping price', option.price);
  if (option.pricing === 'per_order') return option.price;
  return assertAmount('Shipping amount', option.price * quantity);
}

/** Card hold with shipping: unit price when they joined × quantity + shipping (what the buyer is shown). */
export function holdWithShipping(unitPriceAtJoin: number, quantity: number, shipping: number): number {
  assertWhole('Unit price at join', unitPriceAtJoin);
  assertWhole('Quantity', quantity, 1);
  assertWhole('Shipping', shipping);
  return assertAmount('Hold amount', unitPriceAtJoin * quantity + shipping);
}

/**
 * Captured at close with shipping: min(final unit price, unit price when they joined) × quantity + shipping.
 * Never above holdWithShipping of the same member (the final price never rises above the joined one).
 */
export function chargeWithShipping(
  finalUnitPrice: number,
  unitPriceAtJoin: number,
  quantity: number,
  shipping: number,
): number {
  assertWhole('Final unit price', finalUnitPrice);
  assertWhole('Unit price at join', unitPriceAtJoin);
  assertWhole('Quantity', quantity, 1);
  assertWhole('Shipping', shipping);
  return assertAmount('Charge amount', Math.min(finalUnitPrice, unitPriceAtJoin) * quantity + shipping);
}
