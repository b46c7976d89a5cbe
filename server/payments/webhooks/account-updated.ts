// account.updated (Connect): a shop's or helper-seller's account can now take payments, be paid, or needs more.
import type Stripe from 'stripe';
import { toAccountState } from '@/server/payments/stripe-payments';
import type { WebhookTranslator } from './types';

/** Translates account.updated into the account's new state. */
export const onAccountUpdated: WebhookTranslator = (event) => ({
  kind: 'account_updated',
  account: toAccountState(event.data.object as Stripe.Account),
});
