// payment_intent.payment_failed: an authorization attempt was declined.
import type Stripe from 'stripe';
import { metadataMemberId, type WebhookTranslator } from './types';

/** Translates payment_intent.payment_failed into a `payment_failed` hold event. */
export const onPaymentFailed: WebhookTranslator = (event) => {
  const pi = event.data.object as Stripe.PaymentIntent;
  return {
    kind: 'payment_failed',
    paymentIntentId: pi.id,
    metadataMemberId: metadataMemberId(pi.metadata),
    failure: {
      code: pi.last_payment_error?.code ?? null,
      declineCode: pi.last_payment_error?.decline_code ?? null,
      message: pi.last_payment_error?.message ?? 'Your card was declined.',
    },
  };
};
