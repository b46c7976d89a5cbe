import { describe, expect, it } from 'vitest';
import { chargeWithShipping, holdWithShipping, shippingAmount } from './shipping';

// Amounts in minor units of each currency: USD (2 decimals), JPY (0), KWD (3).
describe('shipping in holds and charges', () => {
  it.each([
    // currency, pricing, price, quantity, shipping
    ['USD', 'included', 0, 3, 0],
    ['USD', 'per_order', 599, 3, 599],
    ['USD', 'per_unit', 250, 3, 750],
    ['JPY', 'included', 0, 2, 0],
    ['JPY', 'per_order', 800, 2, 800],
    ['JPY', 'per_unit', 350, 2, 700],
    ['KWD', 'per_order', 1500, 4, 1500],
    ['KWD', 'per_unit', 125, 4, 500],
  ] as const)('%s %s at %i × %i: shipping %i', (_currency, pricing, price, quantity, expected) => {
    expect(shippingAmount({ pricing, price }, quantity)).toBe(expected);
  });

  it('counts no price when shipping is included, whatever the merchant typed', () => {
    expect(shippingAmount({ pricing: 'included', price: 999 }, 5)).toBe(0);
  });

  it.each([
    // currency, joined, final, quantity, shipping, hold, charge
    ['USD', 1500, 1200, 2, 599, 3599, 2999],
    ['USD', 1000, 1500, 1, 750, 1750, 1750], // the final price is never above the joined one for this buyer
    ['JPY', 980, 780, 3, 700, 3640, 3040],
    ['JPY', 12000, 12000, 1, 0, 12000, 12000],
    ['KWD', 12500, 9750, 2, 1500, 26500, 21000],
    ['KWD', 3125, 2999, 4, 500, 13000, 12496],
  ] as const)(
    '%s joined at %i, final %i, × %i, shipping %i: hold %i, charge %i',
    (_c, joined, final, quantity, shipping, hold, charge) => {
      expect(holdWithShipping(joined, quantity, shipping)).toBe(hold);
      expect(chargeWithShipping(final, joined, quantity, shipping)).toBe(charge);
      expect(chargeWithShipping(final, joined, quantity, shipping)).toBeLessThanOrEqual(hold);
    },
  );

  it('refuses amounts that are not whole minor units', () => {
    expect(() => shippingAmount({ pricing: 'per_unit', price: 2.5 }, 2)).toThrow(RangeError);
    expect(() => shippingAmount({ pricing: 'per_order', price: -1 }, 1)).toThrow(RangeError);
    expect(() => shippingAmount({ pricing: 'per_unit', price: 100 }, 0)).toThrow(RangeError);
    expect(() => holdWithShipping(1000, 1, 0.5)).toThrow(RangeError);
    expect(() => chargeWithShipping(1000, 1000, 1, Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
  });
});
