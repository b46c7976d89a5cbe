// The signed "fix your payment" link: /pay/<token>. The link is the capability (a guest whose session is
// gone can still pay), so it names one member and when it stops working, and nothing else. A token is
// base64url(JSON {m, e}) + "." + base64url(HMAC-SHA256(key, that text)); the key is derived from the auth
// secret with its own purpose label, so no other signature of Flock's (unsubscribe, sessions) passes for
// one. The page checks the member's current due_until too: a link outlives nothing the member row ended.
// Edit when the link must carry something else.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { authSecret } from '@/server/auth/secret';

const PURPOSE = 'flock:fix-payment:v1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_LENGTH = 43;
const payloadSchema = z.object({ m: z.uuid(), e: z.number().int().positive() }).strict();

function sign(payload: string): Buffer {
  const secret = authSecret();
  if (!secret) throw new Error('BETTER_AUTH_SECRET is required to sign payment links.');
  const key = createHmac('sha256', secret).update(PURPOSE).digest();
  return createHmac('sha256', key).update(payload).digest();
}

/** The token of member `memberId`'s fix link, valid until `until` (the member's due_until). */
export function fixLinkToken(memberId: string, until: Date): string {
  const payload = Buffer.from(
    JSON.stringify({ m: memberId, e: Math.floor(until.getTime() / 1000) }),
  ).toString('base64url');
  return `${payload}.${sign(payload).toString('base64url')}`;
}

/** The full link for `memberId`. */
export function fixLinkUrl(appUrl: string, memberId: string, until: Date): string {
  return `${appUrl.replace(/\/$/, '')}/pay/${fixLinkToken(memberId, until)}`;
}

/** The member and expiry a token was signed for, or null when it is malformed, altered or not ours (expiry is the caller's check). */
export function readFixLinkToken(token: string): { memberId: string; until: Date } | null {
  if (token.length > 400) return null;
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) return null;
  if (!BASE64URL.test(payload) || !BASE64URL.test(signature) || signature.length !== SIGNATURE_LENGTH)
    return null;
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
  return parsed.success ? { memberId: parsed.data.m, until: new Date(parsed.data.e * 1000) } : null;
}
