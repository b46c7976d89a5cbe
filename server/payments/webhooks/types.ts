import type Stripe from 'stripe';
import type { Tx } from '@/db/client';

/** What a handler did; `groupId` asks the caller to check, after commit, whether that group's close is complete. */
export type WebhookOutcome = { applied: boolean; note: string; groupId?: string; settleMemberId?: string };

/** One event handler: runs inside the transaction that records the event id. */
export type WebhookHandler = (tx: Tx, event: Stripe.Event, now: Date) => Promise<WebhookOutcome>;
