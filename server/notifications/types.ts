// The shapes that cross the notifications area: what a message is rendered from (loaded when it is sent,
// so a nudge tells what is true then) and what the channels deliver. Edit when a moment needs a new fact.
import type { PaymentKind } from '@/db/schema/statuses';
import type { Locale } from '@/i18n/locales';
import type { Moment } from './moments';

export type TierFact = { minMembers: number; unitPrice: number };

/** A group as a message speaks of it (the deal's title already in the reader's language). */
export type GroupFacts = {
  code: string;
  title: string;
  currency: string;
  /** The deal's list price per unit (what "saved" is measured against). */
  listPrice: number;
  status: 'open' | 'closing' | 'won' | 'failed' | 'canceled';
  deadline: Date;
  confirmedCount: number;
  minMembers: number;
  maxMembers: number;
  /** The unit price now (below the minimum: the first tier's, what everyone pays if it tips). */
  currentUnitPrice: number;
  /** The last (cheapest) tier's unit price: below the minimum, nextTier is the tipping point, and this says whether a lower price exists at all. */
  bestUnitPrice: number;
  /** The tier after the current one, or null at the last tier. */
  nextTier: TierFact | null;
  /** Set once the group is won. */
  finalUnitPrice: number | null;
};

/** The reader's own membership (buyers only). */
export type MemberFacts = {
  alias: string;
  quantity: number;
  unitPriceAtJoin: number;
  shippingAmount: number;
  holdAmount: number;
  chargeAmount: number | null;
  refundedAmount: number;
  /** payment_due: when the fix link stops working (null otherwise). */
  dueUntil?: Date | null;
  /** How the member pays (a hold when absent): a saved card is not a hold (DESIGN rule 12). */
  paymentKind?: PaymentKind;
};

export type OrderFacts = {
  number: string;
  method: 'shipping' | 'pickup' | 'voucher';
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** Pickup point name and address, when picked up. */
  pickupPlace: string | null;
};

export type SummaryFacts = {
  /** The local day the summary covers, YYYY-MM-DD. */
  day: string;
  groupsWon: number;
  groupsFailed: number;
  groupsOpen: number;
  /** Money charged that day, per currency (minor units). */
  charged: { currency: string; amount: number }[];
  /** Orders waiting to be shipped or made ready, and ready ones waiting to be picked up. */
  ordersToFulfil: number;
};

/** Everything one message is rendered from. */
export type NotificationContext = {
  moment: Moment;
  locale: Locale;
  /** Buyers: their alias; merchants: the shop's name. */
  recipientName: string;
  group: GroupFacts | null;
  member: MemberFacts | null;
  order: OrderFacts | null;
  /** refundIssued: this refund's amount. */
  refundAmount: number | null;
  summary: SummaryFacts | null;
  /** groupCanceled: the shop's own words about why, when it gave some. */
  note?: string | null;
  /** paymentDue, merchantPaymentLapsed: why the charge was refused (a key of notify's paymentReason). */
  reason?: string | null;
  /** paymentDue, reminders, lapses: the amount the member owes (or owed). */
  amountDue?: number | null;
  links: {
    /** The page the message is about (the group page, the order page, the console). */
    primary: string;
    /** The member's personal invite link (oneMore, priceDropped, closingSoon). */
    share: string | null;
    /** /me/notifications or the console's notification settings. */
    preferences: string;
    /** One-click unsubscribe (RFC 8058) for what is not a receipt; null on receipts. */
    unsubscribe: string | null;
  };
};

/** One message in every form a channel needs. */
export type RenderedNotification = {
  subject: string;
  text: string;
  html: string;
  push: { title: string; body: string; url: string };
};
