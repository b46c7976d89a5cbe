// Test support for Stripe webhooks: Stripe-shaped events around a PaymentIntent's current state at the
// emulator, signed like Stripe signs them, delivered to the app's webhook handling. Edit when tests need
// another kind of delivery.
import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { handleHoldWebhook } from '@/server/groups/apply-hold-event';
import { createStripeClient } from '@/server/payments/stripe-client';
import type { Harness } from './harness';

export type WebhookDriver = {
  stripe: Stripe;
  secret: string;
  /** The JSON body of a `type` event around the PaymentIntent's (or its charge's, or for setup_intent.* the SetupIntent's) current state. */
  eventFor(type: string, paymentIntentId: string, id?: string): Promise<string>;
  /** A Stripe-Signature header for `payload`. */
  sign(payload: string, opts?: { secret?: string; timestamp?: number }): string;
  /** Delivers a body as the webhook route would (signed with the right secret unless told otherwise). */
  deliver(payload: string, header?: string): ReturnType<typeof handleHoldWebhook>;
};

/** A webhook driver against the harness's emulator, with its own signing secret. */
export function webhookDriver(h: Harness): WebhookDriver {
  const stripe = createStripeClient({ emulatorUrl: h.emulatorUrl });
  const secret = `whsec_${randomBytes(16).toString('hex')}`;
  const sign: WebhookDriver['sign'] = (payload, opts = {}) =>
    Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? secret,
      timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000),
    });
  return {
    stripe,
    secret,
    sign,
    async eventFor(type, paymentIntentId, id = `evt_${randomUUID()}`) {
      const object = type.startsWith('setup_intent.')
        ? await stripe.setupIntents.retrieve(paymentIntentId) // a SetupIntent's id for setup_intent.* events
        : type.startsWith('charge.')
          ? await stripe.charges.retrieve(
              String((await stripe.paymentIntents.retrieve(paymentIntentId)).latest_charge),
            )
          : await stripe.paymentIntents.retrieve(paymentIntentId);
      return eventBody(type, object, { id });
    },
    deliver: (payload, header = sign(payload)) => handleHoldWebhook(h.deps, payload, header, secret),
  };
}

/** The JSON body of a Stripe event of `type` around `object`; `account` for a connected account's event (Connect). */
export function eventBody(
  type: string,
  object: unknown,
  opts: { id?: string; account?: string } = {},
): string {
  return JSON.stringify({
    id: opts.id ?? `evt_${randomUUID()}`,
    object: 'event',
    type,
    api_version: '2024-06-20',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
    ...(opts.account ? { account: opts.account } : {}),
  });
}
