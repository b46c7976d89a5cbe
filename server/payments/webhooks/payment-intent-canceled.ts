// payment_intent.canceled: a hold was canceled, by us (release) or by Stripe (expired: reason automatic).
import type Stripe from 'stripe';
import { metadataMemberId, type WebhookTranslator } from './types';

/** Translates payment_intent.canceled into a `canceled` hold event. */
export const onPaymentIntentCanceled: WebhookTranslator = (event) => {
  const pi = event.data.object as Stripe.PaymentIntent;
  return {
    kind: 'canceled',
    paymentIntentId: pi.id,
    metadataMemberId: metadataMemberId(pi.metadata),
    cancellationReason: pi.cancellation_reason ?? null,
  };
};
