// setup_intent.setup_failed: saving a card was declined, or its 3-D Secure failed (long windows).
import type Stripe from 'stripe';
import { metadataMemberId, type WebhookTranslator } from './types';

/** Translates setup_intent.setup_failed into a `setup_failed` hold event. */
export const onSetupIntentFailed: WebhookTranslator = (event) => {
  const si = event.data.object as Stripe.SetupIntent;
  return {
    kind: 'setup_failed',
    setupIntentId: si.id,
    metadataMemberId: metadataMemberId(si.metadata),
    failure: {
      code: si.last_setup_error?.code ?? null,
      declineCode: si.last_setup_error?.decline_code ?? null,
      message: si.last_setup_error?.message ?? 'Your card was declined.',
    },
  };
};
