// charge.refunded: money went back to a captured member (from the console, or from Stripe's dashboard).
import type Stripe from 'stripe';
import { metadataMemberId, type WebhookTranslator } from './types';

/** Translates charge.refunded into a `refunded` hold event (null for a charge without a PaymentIntent). */
export const onChargeRefunded: WebhookTranslator = (event) => {
  const charge = event.data.object as Stripe.Charge;
  const piId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  if (!piId) return null;
  return {
    kind: 'refunded',
    paymentIntentId: piId,
    metadataMemberId: metadataMemberId(charge.metadata),
    refundedTotal: charge.amount_refunded,
  };
};
