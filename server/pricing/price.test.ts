import { describe, expect, it } from 'vitest';
import {
  chargeAmount,
  currentTierIndex,
  hasTipped,
  holdAmount,
  ladder,
  minimumMembers,
  nextTier,
  revenueAt,
  savings,
  unitPriceAt,
} from './price';
import type { Tier } from './tiers';

// A $12 list-price product: $10 from 3 people, $8 from 5, $6 from 10.
const tiers: Tier[] = [
  { minMembers: 3, unitPrice: 1000 },
  { minMembers: 5, unitPrice: 800 },
  { minMembers: 10, unitPrice: 600 },
];

describe('unitPriceAt / currentTierIndex / hasTipped', () => {
  it.each([
    [0, 1000, -1, false],
    [2, 1000, -1, false],
    [3, 1000, 0, true],
    [4, 1000, 0, true],
    [5, 800, 1, true],
    [9, 800, 1, true],
    [10, 600, 2, true],
    [500, 600, 2, true],
  ])('at %i members: price %i, bracket %i, tipped %s', (n, price, index, tipped) => {
    expect(unitPriceAt(tiers, n)).toBe(price);
    expect(currentTierIndex(tiers, n)).toBe(index);
    expect(hasTipped(tiers, n)).toBe(tipped);
  });

  it('works with a single bracket starting at 1', () => {
    const one = [{ minMembers: 1, unitPrice: 780 }];
    expect(unitPriceAt(one, 0)).toBe(780);
    expect(currentTierIndex(one, 0)).toBe(-1);
    expect(currentTierIndex(one, 1)).toBe(0);
    expect(minimumMembers(one)).toBe(1);
  });

  it('picks the highest reached bracket even if given out of order', () => {
    const shuffled = [tiers[2], tiers[0], tiers[1]].filter((t): t is Tier => t !== undefined);
    expect(unitPriceAt(shuffled, 6)).toBe(800);
    expect(currentTierIndex(shuffled, 6)).toBe(2);
    expect(nextTier(shuffled, 6)).toEqual({
      tier: { minMembers: 10, unitPrice: 600 },
      index: 0,
      membersNeeded: 4,
    });
  });

  it.each([-1, 1.5, Number.NaN, Infinity])('throws for %d members', (n) => {
    expect(() => unitPriceAt(tiers, n)).toThrow(RangeError);
    expect(() => nextTier(tiers, n)).toThrow(RangeError);
  });

  it('throws for no brackets', () => {
    expect(() => unitPriceAt([], 3)).toThrow('A deal needs at least one price bracket');
    expect(() => nextTier([], 3)).toThrow(RangeError);
    expect(() => minimumMembers([])).toThrow(RangeError);
  });
});

describe('nextTier', () => {
  it.each([
    [0, 0, 3],
    [2, 0, 1],
    [3, 1, 2],
    [4, 1, 1],
    [5, 2, 5],
    [9, 2, 1],
  ])('at %i members the next bracket is #%i, %i more', (n, index, membersNeeded) => {
    expect(nextTier(tiers, n)).toEqual({ tier: tiers[index], index, membersNeeded });
  });

  it.each([10, 11, 500])('is null at the last bracket (%i members)', (n) => {
    expect(nextTier(tiers, n)).toBeNull();
  });
});

describe('ladder', () => {
  it('below the minimum nothing is reached', () => {
    expect(ladder(tiers, 1)).toEqual([
      { minMembers: 3, unitPrice: 1000, reached: false, current: false, membersNeeded: 2 },
      { minMembers: 5, unitPrice: 800, reached: false, current: false, membersNeeded: 4 },
      { minMembers: 10, unitPrice: 600, reached: false, current: false, membersNeeded: 9 },
    ]);
  });

  it('marks reached brackets and the current one', () => {
    expect(ladder(tiers, 6)).toEqual([
      { minMembers: 3, unitPrice: 1000, reached: true, current: false, membersNeeded: 0 },
      { minMembers: 5, unitPrice: 800, reached: true, current: true, membersNeeded: 0 },
      { minMembers: 10, unitPrice: 600, reached: false, current: false, membersNeeded: 4 },
    ]);
    expect(ladder(tiers, 10).map((s) => s.current)).toEqual([false, false, true]);
  });
});

describe('savings', () => {
  it.each([
    [1200, 1000, 1, 200, 16], // 16.66% floors to 16
    [1200, 600, 1, 600, 50],
    [1200, 600, 3, 1800, 50],
    [1000, 1, 1, 999, 99], // 99.9% floors to 99, never rounds up to 100
    [1000, 999, 1, 1, 0], // 0.1% floors to 0
    [3, 1, 1, 2, 66],
    [1200, 1200, 2, 0, 0],
    [1200, 1500, 2, 0, 0], // paying above list saves nothing, not a negative amount
    [0, 0, 1, 0, 0],
    [Number.MAX_SAFE_INTEGER, 1, 1, Number.MAX_SAFE_INTEGER - 1, 99],
  ])('list %i, price %i × %i → %i saved, %i%%', (list, price, qty, amount, percent) => {
    expect(savings(list, price, qty)).toEqual({ amount, percent });
  });

  it('defaults to one unit', () => {
    expect(savings(1200, 800)).toEqual({ amount: 400, percent: 33 });
  });

  it.each([
    [-1, 100, 1],
    [100, 1.5, 1],
    [100, 50, 0],
    [Number.MAX_SAFE_INTEGER, 1, 3],
  ])('throws for list %d, price %d, quantity %d', (list, price, qty) => {
    expect(() => savings(list, price, qty)).toThrow(RangeError);
  });
});

describe('holdAmount and chargeAmount (rule 4)', () => {
  it.each([
    [1000, 1, 1000],
    [1000, 3, 3000],
    [780, 2, 1560],
    [0, 1, 0],
  ])('hold at %i × %i = %i', (price, qty, amount) => {
    expect(holdAmount(price, qty)).toBe(amount);
  });

  it.each([
    [600, 1000, 2, 1200], // the group got cheaper: everyone pays the final price
    [1000, 800, 2, 1600], // a member left and the price rose: the joiner keeps what they were shown
    [800, 800, 3, 2400],
    [1, 1000, 1, 1],
  ])('charge with final %i, joined at %i, × %i = %i', (final, joined, qty, amount) => {
    expect(chargeAmount(final, joined, qty)).toBe(amount);
    expect(amount).toBeLessThanOrEqual(holdAmount(joined, qty));
  });

  it.each<[string, () => number, RegExp]>([
    ['negative price', () => holdAmount(-1, 1), /Unit price at join must be a whole number ≥ 0, got -1/],
    ['fractional price', () => holdAmount(9.99, 1), /Unit price at join .* got 9\.99/],
    ['zero quantity', () => holdAmount(100, 0), /Quantity must be a whole number ≥ 1, got 0/],
    ['fractional quantity', () => chargeAmount(100, 100, 1.5), /Quantity/],
    ['NaN final price', () => chargeAmount(Number.NaN, 100, 1), /Final unit price .* got NaN/],
    ['negative joined price', () => chargeAmount(100, -100, 1), /Unit price at join/],
    ['unsafe product', () => holdAmount(Number.MAX_SAFE_INTEGER, 2), /Hold amount is too large/],
    ['unsafe charge', () => chargeAmount(2 ** 52, 2 ** 52, 4), /Charge amount is too large/],
  ])('throws RangeError for %s', (_name, run, message) => {
    expect(run).toThrow(RangeError);
    expect(run).toThrow(message);
  });
});

describe('revenueAt', () => {
  it.each([
    [0, 1, 0],
    [2, 1, 0], // below the minimum the group fails and nobody is charged
    [3, 1, 3000],
    [5, 1, 4000],
    [9, 2, 14400],
    [10, 1, 6000],
    [500, 1, 300000],
  ])('%i members × %i each → %i', (n, qty, revenue) => {
    expect(revenueAt(tiers, n, qty)).toBe(revenue);
  });

  it('defaults to one unit each and rejects a zero quantity', () => {
    expect(revenueAt(tiers, 5)).toBe(4000);
    expect(() => revenueAt(tiers, 5, 0)).toThrow(RangeError);
  });
});
