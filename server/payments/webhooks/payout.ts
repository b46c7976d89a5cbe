// payout.created / .updated / .paid / .failed / .canceled (Connect): money leaving a connected account for its bank.
import type Stripe from 'stripe';
import type { WebhookTranslator } from './types';

/** Translates a payout event into the payout as Stripe now reports it (null without the connected account). */
export const onPayout: WebhookTranslator = (event) => {
  const p = event.data.object as Stripe.Payout;
  if (!event.account) return null;
  return {
    kind: 'payout',
    payout: {
      id: p.id,
      accountId: event.account,
      amount: p.amount,
      currency: p.currency.toUpperCase(),
      status: p.status,
      arrivalDate: p.arrival_date ? new Date(p.arrival_date * 1000) : null,
      created: new Date(p.created * 1000),
    },
  };
};
