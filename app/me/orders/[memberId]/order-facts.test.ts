// Every state of a buyer's order says what is true: pending holds and charges nothing, a won order shows
// the charge, the saving on the goods and shipping apart, a void order says why.
import { describe, expect, it } from 'vitest';
import { orderFacts, type OrderFactsInput } from './order-facts';

const base: OrderFactsInput = {
  method: 'shipping',
  status: 'pending',
  member: {
    status: 'authorized',
    quantity: 2,
    unitPriceAtJoin: 1000,
    holdAmount: 2500,
    chargeAmount: null,
    refundedAmount: 0,
    shippingAmount: 500,
  },
  group: { status: 'open', listPrice: 1500, finalUnitPrice: null },
};

function facts(patch: {
  method?: OrderFactsInput['method'];
  status?: OrderFactsInput['status'];
  member?: Partial<OrderFactsInput['member']>;
  group?: Partial<OrderFactsInput['group']>;
}) {
  return orderFacts({
    method: patch.method ?? base.method,
    status: patch.status ?? base.status,
    member: { ...base.member, ...patch.member },
    group: { ...base.group, ...patch.group },
  });
}

describe('orderFacts', () => {
  it('while open: the hold, nothing charged, the first step', () => {
    const f = facts({});
    expect(f).toMatchObject({ held: 2500, charged: null, saving: 0, unitPrice: 1000, shipping: 500 });
    expect(f.timeline).toEqual({ steps: ['joined', 'won', 'shipped', 'delivered'], current: 0 });
    expect(f.voidReason).toBeNull();
  });

  it('won at a lower price: charged min(final, joined) × quantity + shipping; saving on the goods only', () => {
    const f = facts({
      status: 'to_fulfil',
      member: { status: 'captured', chargeAmount: 2 * 800 + 500 },
      group: { status: 'won', finalUnitPrice: 800 },
    });
    expect(f).toMatchObject({ held: null, charged: 2100, unitPrice: 800, saving: 2 * (1500 - 800) });
    expect(f.timeline?.current).toBe(1);
  });

  it('never shows a unit price above the one the buyer joined at', () => {
    const f = facts({
      status: 'shipped',
      member: { status: 'captured', chargeAmount: 2500 },
      group: { status: 'won', finalUnitPrice: 1200 },
    });
    expect(f.unitPrice).toBe(1000);
    expect(f.timeline?.current).toBe(2);
  });

  it('follows each method to its last step', () => {
    const won = {
      member: { status: 'captured' as const, chargeAmount: 2000 },
      group: { status: 'won' as const },
    };
    expect(facts({ ...won, method: 'pickup', status: 'picked_up' }).timeline).toEqual({
      steps: ['joined', 'won', 'ready', 'pickedUp'],
      current: 3,
    });
    expect(facts({ ...won, method: 'voucher', status: 'issued' }).timeline).toEqual({
      steps: ['joined', 'won', 'redeemed'],
      current: 1,
    });
    expect(facts({ ...won, method: 'voucher', status: 'redeemed' }).timeline?.current).toBe(2);
  });

  it.each([
    [{ status: 'released' as const }, { status: 'failed' as const }, 'failed'],
    [{ status: 'released' as const }, { status: 'canceled' as const }, 'canceled'],
    [{ status: 'left' as const }, { status: 'open' as const }, 'left'],
    [{ status: 'expired' as const }, { status: 'open' as const }, 'expired'],
    [{ status: 'failed' as const }, { status: 'won' as const }, 'paymentFailed'],
    [
      { status: 'captured' as const, chargeAmount: 2500, refundedAmount: 2500 },
      { status: 'won' as const },
      'refunded',
    ],
  ])('a void order says why (%o in a %o group → %s), holds and saves nothing', (member, group, why) => {
    const f = facts({ status: 'void', member, group });
    expect(f.voidReason).toBe(why);
    expect(f.timeline).toBeNull();
    expect(f.held).toBeNull();
    expect(f.saving).toBe(0);
  });
});
