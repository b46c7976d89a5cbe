// Prices, holds and charges over validated tiers (DESIGN rules 3 and 4). Pure integer arithmetic on
// minor units; every function throws RangeError rather than return a wrong amount.
import type { Tier } from './tiers';

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

function firstTier(tiers: readonly Tier[]): Tier {
  const first = tiers[0];
  if (first === undefined) throw new RangeError('A deal needs at least one price bracket');
  return first;
}

/** Index of the bracket in force at n confirmed members (the highest minMembers ≤ n), or -1 below the minimum. */
export function currentTierIndex(tiers: readonly Tier[], n: number): number {
  firstTier(tiers);
  assertWhole('Confirmed members', n);
  let index = -1;
  tiers.forEach((tier, i) => {
    const best = tiers[index];
    if (tier.minMembers <= n && (best === undefined || tier.minMembers > best.minMembers)) index = i;
  });
  return index;
}

/** Unit price at n confirmed members; below the minimum, the first bracket's price (what everyone pays if it tips). */
export function unitPriceAt(tiers: readonly Tier[], n: number): number {
  const tier = tiers[currentTierIndex(tiers, n)] ?? firstTier(tiers);
  return tier.unitPrice;
}

/** Smallest number of confirmed members at which the group is won (the first bracket's minMembers). */
export function minimumMembers(tiers: readonly Tier[]): number {
  return firstTier(tiers).minMembers;
}

/** True once n confirmed members reach the minimum, so closing now would win the group. */
export function hasTipped(tiers: readonly Tier[], n: number): boolean {
  return currentTierIndex(tiers, n) >= 0;
}

/** The next cheaper bracket above n members and how many more confirmed members unlock it, or null at the last one. */
export function nextTier(
  tiers: readonly Tier[],
  n: number,
): { tier: Tier; index: number; membersNeeded: number } | null {
  firstTier(tiers);
  assertWhole('Confirmed members', n);
  // Below the minimum, the next step is the first bracket itself (the tipping point).
  let next: { tier: Tier; index: number } | null = null;
  for (const [index, tier] of tiers.entries()) {
    if (tier.minMembers > n && (next === null || tier.minMembers < next.tier.minMembers))
      next = { tier, index };
  }
  return next === null ? null : { ...next, membersNeeded: next.tier.minMembers - n };
}

export type LadderStep = {
  minMembers: number;
  unitPrice: number;
  /** The group has at least minMembers confirmed members. */
  reached: boolean;
  /** This is the bracket in force now. */
  current: boolean;
  /** Confirmed members still needed to reach this bracket (0 once reached). */
  membersNeeded: number;
};

/** Every bracket with the group's progress at n confirmed members, for the price ladder UI. */
export function ladder(tiers: readonly Tier[], n: number): LadderStep[] {
  const current = currentTierIndex(tiers, n);
  return tiers.map((tier, i) => ({
    minMembers: tier.minMembers,
    unitPrice: tier.unitPrice,
    reached: tier.minMembers <= n,
    current: i === current,
    membersNeeded: Math.max(0, tier.minMembers - n),
  }));
}

/** What a buyer saves against the list price: amount in minor units and a whole percent (floored, integer math). */
export function savings(
  listPrice: number,
  unitPrice: number,
  quantity = 1,
): { amount: number; percent: number } {
  assertWhole('List price', listPrice);
  assertWhole('Unit price', unitPrice);
  assertWhole('Quantity', quantity, 1);
  // Paying the list price or more saves nothing; never report a negative saving.
  if (unitPrice >= listPrice) return { amount: 0, percent: 0 };
  const perUnit = listPrice - unitPrice;
  const amount = assertAmount('Savings', perUnit * quantity);
  const percent = Number((BigInt(perUnit) * 100n) / BigInt(listPrice));
  return { amount, percent };
}

/** Card hold for a member: the unit price when they joined × quantity (DESIGN rule 4). */
export function holdAmount(unitPriceAtJoin: number, quantity: number): number {
  assertWhole('Unit price at join', unitPriceAtJoin);
  assertWhole('Quantity', quantity, 1);
  return assertAmount('Hold amount', unitPriceAtJoin * quantity);
}

/** Amount captured at close: min(final unit price, unit price when they joined) × quantity, never above the hold. */
export function chargeAmount(finalUnitPrice: number, unitPriceAtJoin: number, quantity: number): number {
  assertWhole('Final unit price', finalUnitPrice);
  assertWhole('Unit price at join', unitPriceAtJoin);
  assertWhole('Quantity', quantity, 1);
  return assertAmount('Charge amount', Math.min(finalUnitPrice, unitPriceAtJoin) * quantity);
}

/**
 * Merchant revenue if the group closed with `members` confirmed members each buying `quantityEach`:
 * unit price at n × n × quantity, and 0 below the minimum (a group that never tips charges nobody).
 */
export function revenueAt(tiers: readonly Tier[], members: number, quantityEach = 1): number {
  assertWhole('Quantity each', quantityEach, 1);
  if (!hasTipped(tiers, members)) return 0;
  return assertAmount('Revenue', unitPriceAt(tiers, members) * members * quantityEach);
}
