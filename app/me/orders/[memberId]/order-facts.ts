// What the order page says, decided from the order, the membership and the group: the receipt's numbers, the
// steps of the status timeline and, for an order with nothing to fulfil, why. Pure (no words: the page
// phrases every fact from the fulfilment catalog), so each state is pinned by order-facts.test.ts.
// Edit when an order or a member gains a status.
import type { FulfilmentMethod, GroupStatus, MemberStatus, OrderStatus } from '@/db/schema/statuses';

export type OrderFactsInput = {
  method: FulfilmentMethod;
  status: OrderStatus;
  member: {
    status: MemberStatus;
    quantity: number;
    unitPriceAtJoin: number;
    holdAmount: number;
    chargeAmount: number | null;
    refundedAmount: number;
    /** Shipping fixed at join (minor units; 0 for pickup, voucher or shipping included). */
    shippingAmount: number;
  };
  group: { status: GroupStatus; listPrice: number; finalUnitPrice: number | null };
};

export type TimelineStep = 'joined' | 'won' | 'shipped' | 'delivered' | 'ready' | 'pickedUp' | 'redeemed';

/** Why an order has nothing to fulfil (the catalog's fulfilment.order.voidWhy.*). */
export type VoidReason = 'failed' | 'canceled' | 'left' | 'expired' | 'paymentFailed' | 'refunded';

export type OrderFacts = {
  /** The unit price the buyer pays: the price when they joined until the close, then min(final, joined). */
  unitPrice: number;
  /** Saved against the list price on the goods (shipping apart), once charged and not refunded in full. */
  saving: number;
  shipping: number;
  /** Still held on the card (open group, hold in place), else null. */
  held: number | null;
  /** Charged at close, or null while nothing is. */
  charged: number | null;
  refunded: number;
  /** The journey for this method and how far it has come (index of the current step), or null when void. */
  timeline: { steps: TimelineStep[]; current: number } | null;
  voidReason: VoidReason | null;
};

const STEPS: Record<FulfilmentMethod, TimelineStep[]> = {
  shipping: ['joined', 'won', 'shipped', 'delivered'],
  pickup: ['joined', 'won', 'ready', 'pickedUp'],
  voucher: ['joined', 'won', 'redeemed'],
};

const REACHED: Record<Exclude<OrderStatus, 'void'>, TimelineStep> = {
  pending: 'joined',
  to_fulfil: 'won',
  issued: 'won',
  shipped: 'shipped',
  delivered: 'delivered',
  ready: 'ready',
  picked_up: 'pickedUp',
  redeemed: 'redeemed',
};

/** Why there is nothing to fulfil, from the member's and the group's outcome. */
export function voidReason(o: OrderFactsInput): VoidReason {
  const m = o.member;
  if (m.status === 'left') return 'left';
  if (m.status === 'expired') return 'expired';
  if (m.status === 'failed') return 'paymentFailed';
  if (m.status === 'captured') return 'refunded';
  return o.group.status === 'canceled' ? 'canceled' : 'failed';
}

/** The receipt, timeline and void reason of one order. */
export function orderFacts(o: OrderFactsInput): OrderFacts {
  const m = o.member;
  const captured = m.status === 'captured' && m.chargeAmount !== null;
  const unitPrice =
    o.group.finalUnitPrice !== null && captured
      ? Math.min(o.group.finalUnitPrice, m.unitPriceAtJoin)
      : m.unitPriceAtJoin;
  const charged = captured ? m.chargeAmount : null;
  const refundedInFull = charged !== null && m.refundedAmount >= charged;
  const saving =
    charged !== null && !refundedInFull ? Math.max(0, (o.group.listPrice - unitPrice) * m.quantity) : 0;
  const isVoid = o.status === 'void';
  const steps = STEPS[o.method];
  return {
    unitPrice,
    saving,
    shipping: m.shippingAmount,
    held: !isVoid && m.status === 'authorized' ? m.holdAmount : null,
    charged,
    refunded: m.refundedAmount,
    timeline: o.status === 'void' ? null : { steps, current: Math.max(0, steps.indexOf(REACHED[o.status])) },
    voidReason: isVoid ? voidReason(o) : null,
  };
}
