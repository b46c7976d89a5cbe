// Properties of the pricing engine over arbitrary valid tiers (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chargeAmount,
  currentTierIndex,
  holdAmount,
  ladder,
  nextTier,
  revenueAt,
  savings,
  unitPriceAt,
} from './price';
import { formatMoney, parseMoney, minorToDecimalString, CURRENCY_CODES, currencyExponent } from './currency';
import { validateTiers, type Tier } from './tiers';

const MAX_MEMBERS = 500;

/** Valid tiers: strictly increasing members from ≥ 1, strictly decreasing positive prices. */
const validTiers: fc.Arbitrary<Tier[]> = fc
  .integer({ min: 1, max: 10 })
  .chain((count) =>
    fc.tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: MAX_MEMBERS }), { minLength: count, maxLength: count }),
      fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { minLength: count, maxLength: count }),
    ),
  )
  .map(([members, prices]) => {
    const up = [...members].sort((a, b) => a - b);
    const down = [...prices].sort((a, b) => b - a);
    return up.map((minMembers, i) => ({ minMembers, unitPrice: down[i] ?? 1 }));
  });

const members = fc.integer({ min: 0, max: MAX_MEMBERS });
const quantity = fc.integer({ min: 1, max: 20 });

describe('pricing properties', () => {
  it('generated tiers are valid (the generator tests what it claims)', () => {
    fc.assert(fc.property(validTiers, (tiers) => validateTiers(tiers, { maxMembers: MAX_MEMBERS }).ok));
  });

  it('the price never rises as members join', () => {
    fc.assert(
      fc.property(validTiers, members, members, (tiers, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(unitPriceAt(tiers, hi)).toBeLessThanOrEqual(unitPriceAt(tiers, lo));
      }),
    );
  });

  it('the price is always one of the tier prices, and the right one', () => {
    fc.assert(
      fc.property(validTiers, members, (tiers, n) => {
        const price = unitPriceAt(tiers, n);
        expect(tiers.map((t) => t.unitPrice)).toContain(price);
        const reached = tiers.filter((t) => t.minMembers <= n);
        expect(price).toBe((reached.at(-1) ?? tiers[0])?.unitPrice);
        expect(currentTierIndex(tiers, n)).toBe(reached.length - 1);
      }),
    );
  });

  it('reaching the next tier lowers the price to exactly that tier', () => {
    fc.assert(
      fc.property(validTiers, members, (tiers, n) => {
        const next = nextTier(tiers, n);
        if (next === null) {
          expect(n).toBeGreaterThanOrEqual(tiers.at(-1)?.minMembers ?? 0);
          return;
        }
        expect(next.membersNeeded).toBeGreaterThan(0);
        expect(unitPriceAt(tiers, n + next.membersNeeded)).toBe(next.tier.unitPrice);
        if (next.membersNeeded > 1)
          expect(unitPriceAt(tiers, n + next.membersNeeded - 1)).toBe(unitPriceAt(tiers, n));
      }),
    );
  });

  it('the ladder has exactly one current step once tipped, none before', () => {
    fc.assert(
      fc.property(validTiers, members, (tiers, n) => {
        const steps = ladder(tiers, n);
        expect(steps.filter((s) => s.current).length).toBe(n >= (tiers[0]?.minMembers ?? 1) ? 1 : 0);
        for (const s of steps) expect(s.reached).toBe(s.membersNeeded === 0);
      }),
    );
  });

  it('charge ≤ hold, and a member pays the group price when it dropped after they joined', () => {
    fc.assert(
      fc.property(validTiers, members, members, quantity, (tiers, joinedAt, closedAt, qty) => {
        const joined = unitPriceAt(tiers, joinedAt);
        const final = unitPriceAt(tiers, closedAt);
        const hold = holdAmount(joined, qty);
        const charge = chargeAmount(final, joined, qty);
        expect(charge).toBeLessThanOrEqual(hold);
        expect(charge).toBe(Math.min(final, joined) * qty);
        if (closedAt >= joinedAt) expect(charge).toBe(final * qty);
      }),
    );
  });

  it('every amount is a non-negative safe integer', () => {
    fc.assert(
      fc.property(
        validTiers,
        members,
        members,
        quantity,
        fc.integer({ min: 1, max: 20_000_000 }),
        (tiers, a, b, qty, list) => {
          const amounts = [
            unitPriceAt(tiers, a),
            holdAmount(unitPriceAt(tiers, a), qty),
            chargeAmount(unitPriceAt(tiers, b), unitPriceAt(tiers, a), qty),
            revenueAt(tiers, a, qty),
            savings(list, unitPriceAt(tiers, a), qty).amount,
            savings(list, unitPriceAt(tiers, a), qty).percent,
          ];
          for (const amount of amounts) {
            expect(Number.isSafeInteger(amount)).toBe(true);
            expect(amount).toBeGreaterThanOrEqual(0);
          }
          expect(savings(list, unitPriceAt(tiers, a), qty).percent).toBeLessThan(100);
        },
      ),
    );
  });

  it('parseMoney inverts the exact decimal of any amount in any currency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCY_CODES),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (code, minor) => {
          expect(parseMoney(minorToDecimalString(minor, currencyExponent(code)), code)).toBe(minor);
          expect(formatMoney(minor, code, 'en').length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
