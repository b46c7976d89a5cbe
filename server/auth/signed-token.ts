// Signed single-purpose tokens for links that are their own capability (unsubscribe, fix your payment).
// A token is base64url(JSON payload) + "." + base64url(HMAC-SHA256(key, that base64url text)); the key is
// derived from the auth secret with the link's own purpose label, so no other signature of Flock's can
// pass for one. Rotating the auth secret voids every token. Edit when the token format changes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { authSecret } from './secret';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** An HMAC-SHA256 in base64url, unpadded. */
const SIGNATURE_LENGTH = 43;

function sign(purpose: string, payload: string): Buffer {
  const secret = authSecret();
  if (!secret) throw new Error(`BETTER_AUTH_SECRET is required to sign links (${purpose}).`);
  const key = createHmac('sha256', secret).update(purpose).digest();
  return createHmac('sha256', key).update(payload).digest();
}

/** A token carrying `payload`, signed for `purpose`. */
export function signToken(purpose: string, payload: unknown): string {
  const text = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${text}.${sign(purpose, text).toString('base64url')}`;
}

/** The payload a token was signed with for `purpose`, or null when it is malformed, altered, too long or not ours. */
export function readSignedToken<T>(
  purpose: string,
  token: string,
  schema: z.ZodType<T>,
  maxLength: number,
): T | null {
  if (token.length > maxLength) return null;
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) return null;
  if (!BASE64URL.test(payload) || !BASE64URL.test(signature) || signature.length !== SIGNATURE_LENGTH)
    return null;
  // Compared as text: a signature with other unused low bits in its last character is not the one we wrote.
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(purpose, payload).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
