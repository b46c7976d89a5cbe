// Stripe webhook handling without Next: verify the signature on the raw body, keep allow-listed events,
// translate each into a neutral hold event and hand it to the sink (the groups area applies it), once per
// event id (stripe_events row in the same transaction as the change). Edit the allow-list when a
// translator file is added.
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Db } from '@/db/client';
import type { HoldEventResult, HoldEventSink } from '@/server/payments/hold-event';
import { onAccountUpdated } from './account-updated';
import { onChargeRefunded } from './charge-refunded';
import { onPayout } from './payout';
import { onTransferReversed } from './transfer-reversed';
import { onAmountCapturableUpdated } from './payment-intent-amount-capturable-updated';
import { onPaymentIntentCanceled } from './payment-intent-canceled';
import { onPaymentFailed } from './payment-intent-payment-failed';
import { onPaymentIntentSucceeded } from './payment-intent-succeeded';
import { onSetupIntentFailed } from './setup-intent-setup-failed';
import { onSetupIntentSucceeded } from './setup-intent-succeeded';
import type { WebhookTranslator } from './types';

/** The events Flock acts on, one handler file each; anything else is acknowledged and ignored. */
export const WEBHOOK_HANDLERS: Record<string, WebhookTranslator> = {
  'payment_intent.amount_capturable_updated': onAmountCapturableUpdated,
  'payment_intent.succeeded': onPaymentIntentSucceeded,
  'payment_intent.canceled': onPaymentIntentCanceled,
  'payment_intent.payment_failed': onPaymentFailed,
  'charge.refunded': onChargeRefunded,
  'setup_intent.succeeded': onSetupIntentSucceeded,
  'setup_intent.setup_failed': onSetupIntentFailed,
  'account.updated': onAccountUpdated,
  'payout.created': onPayout,
  'payout.updated': onPayout,
  'payout.paid': onPayout,
  'payout.failed': onPayout,
  'payout.canceled': onPayout,
  'transfer.reversed': onTransferReversed,
};

export type WebhookResponse = {
  status: 200 | 400;
  body: { received: boolean; duplicate?: boolean; ignored?: boolean; note?: string; error?: string };
};

/** Verifies one delivery and gives its hold event to `sink`; 400 (nothing changed) on a bad or stale signature. */
export async function handleStripeWebhook(
  deps: { db: Db; now: () => Date },
  rawBody: string,
  signatureHeader: string | null,
  secret: string,
  sink: HoldEventSink,
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

  const holdEvent = handler(event);
  if (!holdEvent) return { status: 200, body: { received: true, note: 'nothing to apply' } };

  const outcome = await deps.db.transaction(async (tx): Promise<HoldEventResult | null> => {
    const fresh = await tx.execute(
      sql`insert into stripe_events (id, type) values (${event.id}, ${event.type}) on conflict (id) do nothing returning id`,
    );
    if (fresh.rows.length === 0) return null;
    return sink(tx, holdEvent, deps.now());
  });
  if (!outcome) return { status: 200, body: { received: true, duplicate: true } };
  await outcome.afterCommit?.();
  return { status: 200, body: { received: true, note: outcome.note } };
}
