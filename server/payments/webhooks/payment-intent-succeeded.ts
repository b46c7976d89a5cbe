// payment_intent.succeeded: a hold was captured.
import type Stripe from 'stripe';
import { metadataMemberId, type WebhookTranslator } from './types';

/** Translates payment_intent.succeeded into a `captured` hold event. */
export const onPaymentIntentSucceeded: WebhookTranslator = (event) => {
  const pi = event.data.object as Stripe.PaymentIntent;
  return {
    kind: 'captured',
    paymentIntentId: pi.id,
    metadataMemberId: metadataMemberId(pi.metadata),
    amountReceived: pi.amount_received,
  };
};
