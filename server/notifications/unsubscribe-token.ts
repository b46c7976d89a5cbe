// Signed single-purpose unsubscribe links (RFC 8058 one-click and the /u/<token> page). A token is
// base64url(JSON {u, a}) + "." + base64url(HMAC-SHA256(key, that base64url text)); the key is derived from
// the auth secret with its own purpose label, so no other signature of Flock's can pass for one. The
// signature covers both the person and the action: changing either, or cutting the signature, breaks it.
// Tokens do not expire (a mail read a year later still unsubscribes); rotating the auth secret voids them.
// Edit when an unsubscribe action is added (and apply it in apply-unsubscribe.ts).
import { z } from 'zod';
import { readSignedToken, signToken } from '@/server/auth/signed-token';

const PURPOSE = 'flock:unsubscribe:v1';

export const MERCHANT_UNSUBSCRIBE_SETTINGS = ['won', 'failed', 'daily'] as const;
export type MerchantUnsubscribeSetting = (typeof MERCHANT_UNSUBSCRIBE_SETTINGS)[number];

/** What one link stops: reminders about a group, all reminders, all e-mail, or one kind of merchant notice. */
export type UnsubscribeAction =
  | { t: 'mute'; groupId: string }
  | { t: 'nudges' }
  | { t: 'email' }
  | { t: 'merchant'; setting: MerchantUnsubscribeSetting };

const actionSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('mute'), groupId: z.uuid() }).strict(),
  z.object({ t: z.literal('nudges') }).strict(),
  z.object({ t: z.literal('email') }).strict(),
  z.object({ t: z.literal('merchant'), setting: z.enum(MERCHANT_UNSUBSCRIBE_SETTINGS) }).strict(),
]);
const payloadSchema = z.object({ u: z.string().min(1).max(200), a: actionSchema }).strict();

/** The token of a link that applies `action` to `userId`'s preferences, and nothing else. */
export function unsubscribeToken(userId: string, action: UnsubscribeAction): string {
  return signToken(PURPOSE, { u: userId, a: action });
}

/** The person and action a token was signed for, or null when it is malformed, altered or not ours. */
export function readUnsubscribeToken(token: string): { userId: string; action: UnsubscribeAction } | null {
  const p = readSignedToken(PURPOSE, token, payloadSchema, 1000);
  return p ? { userId: p.u, action: p.a } : null;
}
