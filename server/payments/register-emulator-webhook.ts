// Development start-up step: registers the app's webhook URL with the local Stripe emulator and returns the
// signing secret (tools/dev.ts puts it in STRIPE_WEBHOOK_SECRET). Edit when the app listens to more events.
import type Stripe from 'stripe';
import { getStripe } from './stripe-client';
import { WEBHOOK_HANDLERS } from './webhooks/handle';

/** Creates (replacing any earlier one for the same URL) a webhook endpoint on the emulator; resolves to its whsec_ secret. */
export async function registerEmulatorWebhook(url: string, stripe: Stripe = getStripe()): Promise<string> {
  // The emulator keeps its state across restarts and never shows a secret twice: start from a fresh endpoint.
  for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) {
    if (endpoint.url === url) await stripe.webhookEndpoints.del(endpoint.id);
  }
  const created = await stripe.webhookEndpoints.create({
    url,
    enabled_events: Object.keys(WEBHOOK_HANDLERS) as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
    description: 'Flock development server',
  });
  if (!created.secret) throw new Error('The Stripe emulator returned a webhook endpoint without a secret.');
  return created.secret;
}
