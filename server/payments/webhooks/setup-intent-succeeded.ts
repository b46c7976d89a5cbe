// setup_intent.succeeded: a card was saved for an off-session charge at close (long windows).
import type Stripe from 'stripe';
import { metadataMemberId, type WebhookTranslator } from './types';

function idOf(v: string | { id: string } | null | undefined): string | null {
  if (!v) return null;
  return typeof v === 'string' ? v : v.id;
}

/** Translates setup_intent.succeeded into a `setup_succeeded` hold event. */
export const onSetupIntentSucceeded: WebhookTranslator = (event) => {
  const si = event.data.object as Stripe.SetupIntent;
  return {
    kind: 'setup_succeeded',
    setupIntentId: si.id,
    metadataMemberId: metadataMemberId(si.metadata),
    customerId: idOf(si.customer),
    paymentMethodId: idOf(si.payment_method),
  };
};
