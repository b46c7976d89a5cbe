// Signed single-purpose unsubscribe links (RFC 8058 one-click and the /u/<token> page). A token is
// base64url(JSON {u, a}) + "." + base64url(HMAC-SHA256(key, that base64url text)); the key is derived from
// the auth secret with its own purpose label, so no other signature of Flock's can pass for one. The
// signature covers both the person and the action: changing either, or cutting the signature, breaks it.
// Tokens do not expire (a mail read a year later still unsubscribes); rotating the auth secret voids them.
// Edit when an unsubscribe action is added (and apply it in apply-unsubscribe.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { authSecret } from '@/server/auth/secret';

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

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** An HMAC-SHA256 in base64url, unpadded. */
const SIGNATURE_LENGTH = 43;

function key(): Buffer {
  const secret = authSecret();
  if (!secret) throw new Error('BETTER_AUTH_SECRET is required to sign unsubscribe links.');
  return createHmac('sha256', secret).update(PURPOSE).digest();
}

function sign(payload: string): Buffer {
  return createHmac('sha256', key()).update(payload).digest();
}

/** The token of a link that applies `action` to `userId`'s preferences, and nothing else. */
export function unsubscribeToken(userId: string, action: UnsubscribeAction): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, a: action })).toString('base64url');
  return `${payload}.${sign(payload).toString('base64url')}`;
}

/** The person and action a token was signed for, or null when it is malformed, altered or not ours. */
export function readUnsubscribeToken(token: string): { userId: string; action: UnsubscribeAction } | null {
  if (token.length > 1000) return null;
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) return null;
  if (!BASE64URL.test(payload) || !BASE64URL.test(signature) || signature.length !== SIGNATURE_LENGTH)
    return null;
  // Compared as text: a signature with other unused low bits in its last character is not the one we wrote.
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(payload).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  return parsed.success ? { userId: parsed.data.u, action: parsed.data.a } : null;
}
