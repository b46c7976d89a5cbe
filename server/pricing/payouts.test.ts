import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commissionOwed,
  moneyLine,
  openerRewardAmount,
  platformFee,
  splitCapture,
  splitRefund,
  type FeeSchedule,
} from './payouts';

// 5% + a fixed part per currency (minor units: USD cents, JPY yen, KWD fils).
const SCHEDULE: FeeSchedule = { bps: 500, fixed: { USD: 30, JPY: 30, KWD: 100 } };

describe('the platform fee', () => {
  it.each([
    // currency, amount, fee
    ['USD', 2400, 150], // 120 + 30
    ['USD', 1999, 130], // 99.95 → 100, + 30
    ['USD', 10, 10], // never above the amount
    ['USD', 0, 0],
    ['JPY', 12000, 630],
    ['JPY', 99, 35], // 4.95 → 5, + 30
    ['KWD', 21000, 1150],
    ['EUR', 1000, 50], // no fixed part set for the currency
  ] as const)('%s %i: fee %i', (currency, amount, fee) => {
    expect(platformFee(amount, currency, SCHEDULE)).toBe(fee);
  });
});

describe('splitting a capture', () => {
  it.each([
    // currency, amount, commission bps, platform fee, commission, merchant net
    ['USD', 2400, 0, 150, 0, 2250],
    ['USD', 2400, 1000, 150, 240, 2010],
    ['USD', 1999, 1000, 130, 199, 1670], // 199.9 → 199: the commission rounds down
    ['JPY', 12000, 750, 630, 900, 10470],
    ['USD', 40, 5000, 20, 20, 0], // the fee takes only what is left after the commission
  ] as const)('%s %i at %i bps', (currency, amount, bps, fee, commission, net) => {
    const s = splitCapture(amount, currency, { schedule: SCHEDULE, commissionBps: bps });
    expect(s).toEqual({ platformFee: fee, commission, applicationFee: fee + commission, merchantNet: net });
  });

  it('always adds up to the amount, and never pays out more than was captured', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bps, fixed, commissionBps) => {
          const s = splitCapture(amount, 'USD', {
            schedule: { bps, fixed: { USD: fixed } },
            commissionBps,
          });
          expect(s.platformFee + s.commission + s.merchantNet).toBe(amount);
          expect(Math.min(s.platformFee, s.commission, s.merchantNet)).toBeGreaterThanOrEqual(0);
          expect(s.applicationFee).toBeLessThanOrEqual(amount);
        },
      ),
    );
  });
});

describe('splitting a refund', () => {
  it('reverses the fee and the transfer in proportion, the parts adding up to each refund', () => {
    // $24.00 captured, $3.90 application fee ($1.50 platform + $2.40 commission), $20.10 transferred.
    const first = splitRefund({ captured: 2400, applicationFee: 390, refundedBefore: 0, refund: 1000 });
    expect(first).toEqual({ feeRefund: 163, transferReversal: 837 }); // 162.5 → 163
    const rest = splitRefund({ captured: 2400, applicationFee: 390, refundedBefore: 1000, refund: 1400 });
    expect(rest).toEqual({ feeRefund: 227, transferReversal: 1173 });
    expect(first.feeRefund + rest.feeRefund).toBe(390);
    expect(first.transferReversal + rest.transferReversal).toBe(2400 - 390);
  });

  it('over any run of partial refunds, returns exactly the fee and the transfer at a full refund', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.nat(),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
        (captured, feeSeed, cuts) => {
          const fee = feeSeed % (captured + 1);
          let refunded = 0;
          let feeBack = 0;
          let reversed = 0;
          for (const cut of cuts) {
            const refund = Math.min(cut, captured - refunded);
            if (refund === 0) break;
            const r = splitRefund({ captured, applicationFee: fee, refundedBefore: refunded, refund });
            expect(r.feeRefund + r.transferReversal).toBe(refund);
            expect(Math.min(r.feeRefund, r.transferReversal)).toBeGreaterThanOrEqual(0);
            refunded += refund;
            feeBack += r.feeRefund;
            reversed += r.transferReversal;
            expect(feeBack).toBeLessThanOrEqual(fee);
            expect(reversed).toBeLessThanOrEqual(captured - fee);
          }
          const last = captured - refunded;
          if (last > 0) {
            const r = splitRefund({ captured, applicationFee: fee, refundedBefore: refunded, refund: last });
            feeBack += r.feeRefund;
            reversed += r.transferReversal;
          }
          expect(feeBack).toBe(fee);
          expect(reversed).toBe(captured - fee);
        },
      ),
    );
  });

  it('refuses a refund above what is left', () => {
    expect(() => splitRefund({ captured: 100, applicationFee: 10, refundedBefore: 60, refund: 41 })).toThrow(
      RangeError,
    );
  });
});

describe('the commission owed after refunds', () => {
  it.each([
    // commission, captured, refunded, fee left, owed
    [240, 2400, 0, 390, 240],
    [240, 2400, 1000, 227, 140], // 139.99… of what was kept
    [240, 2400, 2400, 0, 0], // refunded in full: nothing owed
    [199, 1999, 1, 329, 198],
    [50, 100, 0, 40, 40], // never more than the fee left
  ])('%i on %i, %i refunded: %i', (commission, captured, refunded, feeLeft, owed) => {
    expect(commissionOwed({ commission, captured, refunded, applicationFeeLeft: feeLeft })).toBe(owed);
  });
});

describe("the opener's reward", () => {
  const free = { minMembers: 6, percent: 100, cap: null };
  it.each([
    // reward, goods, members at close, off
    [free, 2400, 6, 2400], // yours is free
    [free, 2400, 5, 0], // won with too few members: no reward
    [{ minMembers: 3, percent: 20, cap: null }, 1999, 4, 399], // 399.8 → 399
    [{ minMembers: 3, percent: 100, cap: 1500 }, 2400, 3, 1500], // up to a cap
    [{ minMembers: 3, percent: 50, cap: 5000 }, 2400, 3, 1200],
    [null, 2400, 10, 0],
  ])('%j on %i with %i members: %i off', (reward, goods, members, off) => {
    expect(openerRewardAmount(reward, goods, members)).toBe(off);
  });

  it('never takes more than the goods', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 })),
        (goods, percent, cap) => {
          const off = openerRewardAmount({ minMembers: 1, percent, cap }, goods, 1);
          expect(off).toBeGreaterThanOrEqual(0);
          expect(off).toBeLessThanOrEqual(goods);
        },
      ),
    );
  });
});

describe("a member's line in the group's money table", () => {
  it('adds up to captured − refunded after any refund', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.nat(),
        (captured, bps, commissionBps, refundSeed) => {
          const s = splitCapture(captured, 'USD', {
            schedule: { bps, fixed: { USD: 30 } },
            commissionBps,
          });
          const refunded = refundSeed % (captured + 1);
          const feeRefunded =
            refunded === 0
              ? 0
              : splitRefund({
                  captured,
                  applicationFee: s.applicationFee,
                  refundedBefore: 0,
                  refund: refunded,
                }).feeRefund;
          const line = moneyLine({
            captured,
            refunded,
            applicationFee: s.applicationFee,
            feeRefunded,
            commission: s.commission,
          });
          expect(line.platformFee + line.commission + line.merchantNet).toBe(captured - refunded);
          expect(Math.min(line.platformFee, line.commission, line.merchantNet)).toBeGreaterThanOrEqual(0);
          expect(line.commission).toBeLessThanOrEqual(s.commission);
        },
      ),
    );
  });
});
