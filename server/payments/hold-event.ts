// What the payment processor says about a card hold, in Flock's words: the webhook handlers translate
// Stripe's events into these, and the groups area applies them (server/groups/apply-hold-event.ts). Nothing
// here knows about groups or members' states. Edit when Flock acts on another kind of hold news.
import type { Tx } from '@/db/client';
import type { AccountState } from './port';

/** Who the hold belongs to: its PaymentIntent, and the member id our own metadata put on it (if any). */
type HoldRef = { paymentIntentId: string; metadataMemberId: string | null };
/** Who a saved card belongs to: its SetupIntent, and the member id our own metadata put on it (if any). */
type SetupRef = { setupIntentId: string; metadataMemberId: string | null };

export type HoldEvent =
  /** The hold was authorized (the amount can be captured until `captureBefore`). */
  | (HoldRef & { kind: 'authorized'; amount: number; captureBefore: Date | null })
  /** The hold was canceled: by us (release) or by the bank or Stripe (it expired). */
  | (HoldRef & { kind: 'canceled'; cancellationReason: string | null })
  /** The hold was captured: money taken. */
  | (HoldRef & { kind: 'captured'; amountReceived: number })
  /** An authorization attempt was declined (the buyer may retry with another card). */
  | (HoldRef & {
      kind: 'payment_failed';
      failure: { code: string | null; declineCode: string | null; message: string };
    })
  /** Money went back: `refundedTotal` is everything refunded on the charge so far. */
  | (HoldRef & { kind: 'refunded'; refundedTotal: number })
  /** A card was saved for charging later (a SetupIntent succeeded): nothing is held. */
  | (SetupRef & { kind: 'setup_succeeded'; customerId: string | null; paymentMethodId: string | null })
  /** Saving a card failed (declined, or 3-D Secure failed); the buyer may retry with another card. */
  | (SetupRef & {
      kind: 'setup_failed';
      failure: { code: string | null; declineCode: string | null; message: string };
    });

/** News about Stripe Connect (issue 18): a connected account, a payout to it, a transfer taken back. */
export type ConnectEvent =
  | { kind: 'account_updated'; account: AccountState }
  | {
      kind: 'payout';
      payout: {
        id: string;
        accountId: string;
        amount: number;
        currency: string;
        status: string;
        arrivalDate: Date | null;
        created: Date;
      };
    }
  | { kind: 'transfer_reversed'; transferId: string; amountReversed: number };

/** What applying an event did; `afterCommit` runs once the transaction that recorded it has committed. */
export type HoldEventResult = { applied: boolean; note: string; afterCommit?: () => Promise<void> };

/** Applies one hold event inside the transaction that records the webhook delivery. */
export type HoldEventSink = (tx: Tx, event: HoldEvent | ConnectEvent, now: Date) => Promise<HoldEventResult>;

export function isConnectEvent(e: HoldEvent | ConnectEvent): e is ConnectEvent {
  return e.kind === 'account_updated' || e.kind === 'payout' || e.kind === 'transfer_reversed';
}
