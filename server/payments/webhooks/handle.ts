// Stripe webhook handling without Next: verify the signature on the raw body, keep allow-listed events,
// apply each event id once (stripe_events row in the same transaction as the change), then finish any
// close the event completed. Edit the allow-list when a handler file is added.
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Deps } from '../../deps';
import { finishCloseIfSettled } from '../../groups/finish-close';
import { settleJobKey } from '../../groups/close-group';
import { addJob } from '../../jobs/add-job';
import { onChargeRefunded } from './charge-refunded';
import { onAmountCapturableUpdated } from './payment-intent-amount-capturable-updated';
import { onPaymentIntentCanceled } from './payment-intent-canceled';
import { onPaymentFailed } from './payment-intent-payment-failed';
import { onPaymentIntentSucceeded } from './payment-intent-succeeded';
import type { WebhookHandler, WebhookOutcome } from './types';

/** The events Flock acts on, one handler file each; anything else is acknowledged and ignored. */
export const WEBHOOK_HANDLERS: Record<string, WebhookHandler> = {
  'payment_intent.amount_capturable_updated': onAmountCapturableUpdated,
  'payment_intent.succeeded': onPaymentIntentSucceeded,
  'payment_intent.canceled': onPaymentIntentCanceled,
  'payment_intent.payment_failed': onPaymentFailed,
  'charge.refunded': onChargeRefunded,
};

export type WebhookResponse = {
  status: 200 | 400;
  body: { received: boolean; duplicate?: boolean; ignored?: boolean; note?: string; error?: string };
};

/** Verifies and applies one delivery; 400 (nothing changed) on a bad or stale signature. */
export async function handleStripeWebhook(
  deps: Deps,
  rawBody: string,
  signatureHeader: string | null,
  secret: string,
): Promise<WebhookResponse> {
  let event: Stripe.Event;
  try {
    if (!signatureHeader) throw new Error('missing Stripe-Signature header');
    event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret);
  } catch (err) {
    return {
      status: 400,
      body: {
        received: false,
        error: `Webhook signature verification failed: ${err instanceof Error ? err.message : 'invalid'}`,
      },
    };
  }
  const handler = WEBHOOK_HANDLERS[event.type];
  if (!handler) return { status: 200, body: { received: true, ignored: true } };

  const outcome = await deps.db.transaction(async (tx): Promise<WebhookOutcome | null> => {
    const fresh = await tx.execute(
      sql`insert into stripe_events (id, type) values (${event.id}, ${event.type}) on conflict (id) do nothing returning id`,
    );
    if (fresh.rows.length === 0) return null;
    const out = await handler(tx, event, deps.now());
    // A hold left on a membership that is no longer live is released by the settle job, outside this request.
    if (out.settleMemberId) {
      await addJob(
        tx,
        'settle-member',
        { memberId: out.settleMemberId },
        { jobKey: settleJobKey(out.settleMemberId) },
      );
    }
    return out;
  });
  if (!outcome) return { status: 200, body: { received: true, duplicate: true } };
  if (outcome.groupId) await finishCloseIfSettled(deps, outcome.groupId);
  return { status: 200, body: { received: true, note: outcome.note } };
}
