// Every status a deal, a group and a member can have, declared once: the PostgreSQL enums are built from
// these lists, and code everywhere (the browser too: this file imports nothing) types statuses from them.
// Edit when an entity gains a status, then generate a migration.

/** A deal's statuses (its moves: server/deals/transition-deal.ts). */
export const DEAL_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** A group's statuses (its moves: server/groups/CLOSE.md). */
export const GROUP_STATUSES = ['open', 'closing', 'won', 'failed', 'canceled'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** A member's statuses, in the order of the journey (every move: server/groups/membership.ts). */
export const MEMBER_STATUSES = [
  'reserved',
  'authorized',
  'payment_due',
  'captured',
  'released',
  'failed',
  'left',
  'expired',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/**
 * How a group's members secure their payment, frozen when the group opens: `hold` (a card hold, manual
 * capture, for windows a hold survives) or `save_card` (a SetupIntent saves the card; Flock charges it
 * off-session at close). Chosen from the deal's window by server/pricing/payment-mode.ts.
 */
export const PAYMENT_MODES = ['hold', 'save_card'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/**
 * How one member pays: `hold` (card hold, captured at close), `saved_card` (card saved at join, charged
 * off-session at close) or `paid_now` (a wallet that cannot be held, e.g. WeChat Pay: paid at join, the
 * difference to the final price refunded at close).
 */
export const PAYMENT_KINDS = ['hold', 'saved_card', 'paid_now'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** Wallets a shop may accept that cannot be held (paid at join, difference refunded at close). */
export const PAY_NOW_METHODS = ['wechat_pay'] as const;
export type PayNowMethod = (typeof PAY_NOW_METHODS)[number];

/** Live memberships: the buyer is in the group (one per buyer per group; they see its room and links). */
export const LIVE_STATUSES = [
  'reserved',
  'authorized',
  'captured',
] as const satisfies readonly MemberStatus[];

/** How an order reaches its buyer (a deal offers one or more; the buyer chooses at join). */
export const FULFILMENT_METHODS = ['shipping', 'pickup', 'voucher'] as const;
export type FulfilmentMethod = (typeof FULFILMENT_METHODS)[number];

/**
 * An order's statuses (one order per membership). `pending` while the group is open or closing;
 * `to_fulfil` once won and charged; then per method: shipping → shipped → delivered, pickup →
 * ready → picked_up, voucher → issued → redeemed. `void` when there is nothing to fulfil (the group failed
 * or was canceled, the member left, expired, failed payment, or was refunded in full).
 */
export const ORDER_STATUSES = [
  'pending',
  'to_fulfil',
  'shipped',
  'delivered',
  'ready',
  'picked_up',
  'issued',
  'redeemed',
  'void',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
