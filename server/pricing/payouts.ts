// Who gets what of a captured payment (issue 18): the platform's fee, a helper-seller's commission, the
// opener's reward and the merchant's net. Pure integer arithmetic on minor units (DESIGN rule 1); every
// function throws RangeError rather than return a wrong amount. The money rule these keep, per member and
// so per group and per currency: platform fee + commission + merchant net = captured − refunded.
import type { OpenerReward } from '@/db/schema/deals';

function assertWhole(name: string, value: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${String(value)}`);
  }
}

/** round(a × b / c) with halves rounded up, exact for safe integers (BigInt inside). */
export function mulDivRound(a: number, b: number, c: number): number {
  assertWhole('a', a);
  assertWhole('b', b);
  assertWhole('c', c, 1);
  const n = BigInt(a) * BigInt(b);
  return Number((2n * n + BigInt(c)) / (2n * BigInt(c)));
}

/** floor(a × b / c), exact for safe integers. */
export function mulDivFloor(a: number, b: number, c: number): number {
  assertWhole('a', a);
  assertWhole('b', b);
  assertWhole('c', c, 1);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** The platform's fee schedule: basis points of the captured amount plus a fixed amount per currency. */
export type FeeSchedule = { bps: number; fixed: Readonly<Record<string, number>> };

/** The platform's fee on `amount`: bps (rounded half up) + the currency's fixed part, never above the amount. */
export function platformFee(amount: number, currency: string, schedule: FeeSchedule): number {
  assertWhole('Amount', amount);
  assertWhole('Fee basis points', schedule.bps);
  if (schedule.bps > 10_000) throw new RangeError('Fee basis points must be at most 10000');
  const fixed = schedule.fixed[currency.toUpperCase()] ?? 0;
  assertWhole('Fixed fee', fixed);
  if (amount === 0) return 0;
  return Math.min(amount, mulDivRound(amount, schedule.bps, 10_000) + fixed);
}

/** A helper-seller's commission on `amount` at `bps` basis points, rounded down (never pays out a unit more). */
export function commissionOn(amount: number, bps: number): number {
  assertWhole('Commission basis points', bps);
  if (bps > 10_000) throw new RangeError('Commission basis points must be at most 10000');
  return mulDivFloor(amount, bps, 10_000);
}

export type FeeSplit = {
  /** What the platform keeps. */
  platformFee: number;
  /** What the platform holds for the helper-seller (paid by a transfer after the refund window). */
  commission: number;
  /** Stripe's application_fee_amount: platform fee + commission, never above the amount. */
  applicationFee: number;
  /** What the merchant's connected account receives: amount − application fee. */
  merchantNet: number;
};

/**
 * Splits a captured amount. The commission comes first (it is owed to a person); the platform's fee takes
 * what is left of the amount at most, so the application fee never exceeds what was captured.
 */
export function splitCapture(
  amount: number,
  currency: string,
  opts: { schedule: FeeSchedule; commissionBps: number },
): FeeSplit {
  assertWhole('Amount', amount);
  const commission = commissionOn(amount, opts.commissionBps);
  const fee = Math.min(platformFee(amount, currency, opts.schedule), amount - commission);
  return {
    platformFee: fee,
    commission,
    applicationFee: fee + commission,
    merchantNet: amount - fee - commission,
  };
}

export type RefundSplit = {
  /** Returned from the application fee (the platform's and the commission's share). */
  feeRefund: number;
  /** Pulled back from the merchant's transfer. */
  transferReversal: number;
};

/**
 * How a refund of a destination charge is shared, cumulative-proportional (as the emulator does; Stripe
 * reverses in proportion to the amount refunded): the fee refunded so far is round(fee × refunded so far /
 * captured), so the parts always add up to the refund and a full refund returns the whole fee and transfer.
 */
export function splitRefund(input: {
  captured: number;
  applicationFee: number;
  refundedBefore: number;
  refund: number;
}): RefundSplit {
  const { captured, applicationFee, refundedBefore, refund } = input;
  assertWhole('Captured', captured, 1);
  assertWhole('Application fee', applicationFee);
  assertWhole('Refunded before', refundedBefore);
  assertWhole('Refund', refund, 1);
  if (applicationFee > captured) throw new RangeError('The application fee is above the captured amount');
  if (refundedBefore + refund > captured) throw new RangeError('Refunds exceed the captured amount');
  const before = mulDivRound(applicationFee, refundedBefore, captured);
  const after = mulDivRound(applicationFee, refundedBefore + refund, captured);
  return { feeRefund: after - before, transferReversal: refund - (after - before) };
}

/**
 * The commission still owed once `refunded` of `captured` went back to the buyer: the commission at capture
 * in proportion to what was kept, rounded down, and never more than the application fee left.
 */
export function commissionOwed(input: {
  commission: number;
  captured: number;
  refunded: number;
  applicationFeeLeft: number;
}): number {
  const { commission, captured, refunded, applicationFeeLeft } = input;
  assertWhole('Captured', captured);
  assertWhole('Refunded', refunded);
  assertWhole('Commission', commission);
  if (refunded > captured) throw new RangeError('Refunds exceed the captured amount');
  if (captured === 0) return 0;
  return Math.max(0, Math.min(mulDivFloor(commission, captured - refunded, captured), applicationFeeLeft));
}

export type { OpenerReward };

/**
 * The opener's reward off their goods (not shipping): percent of the goods rounded down, at most the cap,
 * or 0 unless the group won with at least `minMembers` members. Nobody else's charge depends on it.
 */
export function openerRewardAmount(
  reward: OpenerReward | null,
  goodsAmount: number,
  membersAtClose: number,
): number {
  assertWhole('Goods amount', goodsAmount);
  assertWhole('Members at close', membersAtClose);
  if (!reward || membersAtClose < reward.minMembers) return 0;
  assertWhole('Reward percent', reward.percent, 1);
  if (reward.percent > 100) throw new RangeError('Reward percent must be at most 100');
  const off = mulDivFloor(goodsAmount, reward.percent, 100);
  if (reward.cap === null) return off;
  assertWhole('Reward cap', reward.cap);
  return Math.min(off, reward.cap);
}

/** One member's row of a group's money table. */
export type MoneyLine = {
  captured: number;
  refunded: number;
  platformFee: number;
  commission: number;
  merchantNet: number;
};

/**
 * A member's money after refunds: what the merchant nets is captured − application fee − reversals; what
 * the application fee keeps is split into the commission owed and the platform's fee. The parts add up to
 * captured − refunded.
 */
export function moneyLine(input: {
  captured: number;
  refunded: number;
  applicationFee: number;
  feeRefunded: number;
  commission: number;
}): MoneyLine {
  const { captured, refunded, applicationFee, feeRefunded, commission } = input;
  assertWhole('Fee refunded', feeRefunded);
  if (feeRefunded > applicationFee) throw new RangeError('Fee refunds exceed the application fee');
  const feeLeft = applicationFee - feeRefunded;
  const owed = commissionOwed({ commission, captured, refunded, applicationFeeLeft: feeLeft });
  const kept = captured - refunded;
  if (feeLeft > kept) throw new RangeError('The fee left is above what was kept');
  return { captured, refunded, platformFee: feeLeft - owed, commission: owed, merchantNet: kept - feeLeft };
}
