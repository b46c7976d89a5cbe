// transfer.reversed: part of a transfer came back to the platform (a commission after its buyer's refund).
import type Stripe from 'stripe';
import type { WebhookTranslator } from './types';

/** Translates transfer.reversed into the transfer's total reversed so far. */
export const onTransferReversed: WebhookTranslator = (event) => {
  const t = event.data.object as Stripe.Transfer;
  return { kind: 'transfer_reversed', transferId: t.id, amountReversed: t.amount_reversed };
};
