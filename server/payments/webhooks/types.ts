import type Stripe from 'stripe';
import type { ConnectEvent, HoldEvent } from '@/server/payments/hold-event';

/** One event translator: a Stripe event in, the neutral hold event out (null: nothing Flock acts on). */
export type WebhookTranslator = (event: Stripe.Event) => HoldEvent | ConnectEvent | null;

/** The member id our own metadata put on a PaymentIntent or charge, if any. */
export function metadataMemberId(metadata: Stripe.Metadata | null | undefined): string | null {
  return metadata?.['member_id'] ?? null;
}
