// Every moment Flock tells someone about, with who hears it and how it is paced (DESIGN rule 14).
// Edit when a moment is added: give it catalog words (messages/<locale>/notify.json) and a planner.

/** receipt: money news, sent at once · notice: merchant news, at once · nudge: quiet hours, caps, dropped when stale. */
export type MomentKind = 'receipt' | 'notice' | 'nudge';

export const MOMENTS = {
  // buyers
  holdPlaced: { audience: 'buyer', kind: 'receipt' },
  priceDropped: { audience: 'buyer', kind: 'nudge', coalesce: true },
  oneMore: { audience: 'buyer', kind: 'nudge' },
  closingSoon24h: { audience: 'buyer', kind: 'nudge' },
  closingSoon3h: { audience: 'buyer', kind: 'nudge' },
  wonCharged: { audience: 'buyer', kind: 'receipt' },
  failedReleased: { audience: 'buyer', kind: 'receipt' },
  groupCanceled: { audience: 'buyer', kind: 'receipt' },
  refundIssued: { audience: 'buyer', kind: 'receipt' },
  orderShipped: { audience: 'buyer', kind: 'receipt' },
  orderReady: { audience: 'buyer', kind: 'receipt' },
  /** The shop answered in the group's room after the member's message; someone wrote @alias to them there. */
  roomReply: { audience: 'buyer', kind: 'nudge' },
  roomMention: { audience: 'buyer', kind: 'nudge' },
  /** A won group's charge was refused: the "fix your payment" link (server/groups/RECOVERY.md). */
  paymentDue: { audience: 'buyer', kind: 'receipt' },
  /** Reminders of the link: a day after the first message, and a day before it stops working. */
  paymentDueReminder: { audience: 'buyer', kind: 'nudge' },
  /** The fix window ended unpaid: nothing was charged, the order is canceled. */
  paymentLapsed: { audience: 'buyer', kind: 'receipt' },
  // merchants
  merchantGroupWon: { audience: 'merchant', kind: 'notice' },
  merchantGroupFailed: { audience: 'merchant', kind: 'notice' },
  merchantDailySummary: { audience: 'merchant', kind: 'notice' },
  /** A member's payment due lapsed unpaid: the order is canceled, with the reason. */
  merchantPaymentLapsed: { audience: 'merchant', kind: 'notice' },
} as const satisfies Record<string, { audience: 'buyer' | 'merchant'; kind: MomentKind; coalesce?: boolean }>;

export type Moment = keyof typeof MOMENTS;

export const MOMENT_NAMES = Object.keys(MOMENTS) as Moment[];

export function isMoment(s: string): s is Moment {
  return Object.hasOwn(MOMENTS, s);
}
