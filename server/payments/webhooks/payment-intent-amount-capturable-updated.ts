// payment_intent.amount_capturable_updated: a hold was authorized.
import type Stripe from 'stripe';
import { toHoldState } from '@/server/payments/stripe-payments';
import { metadataMemberId, type WebhookTranslator } from './types';

/** Translates payment_intent.amount_capturable_updated into an `authorized` hold event. */
export const onAmountCapturableUpdated: WebhookTranslator = (event) => {
  const pi = event.data.object as Stripe.PaymentIntent;
  return {
    kind: 'authorized',
    paymentIntentId: pi.id,
    metadataMemberId: metadataMemberId(pi.metadata),
    amount: pi.amount_capturable,
    captureBefore: toHoldState(pi).captureBefore,
  };
};
