// The signed "fix your payment" link: /pay/<token>. The link is the capability (a guest whose session is
// gone can still pay), so it names one member and when it stops working, and nothing else. A token is
// base64url(JSON {m, e}) + "." + base64url(HMAC-SHA256(key, that text)); the key is derived from the auth
// secret with its own purpose label, so no other signature of Flock's (unsubscribe, sessions) passes for
// one. The page checks the member's current due_until too: a link outlives nothing the member row ended.
// Edit when the link must carry something else.
import { z } from 'zod';
import { readSignedToken, signToken } from '@/server/auth/signed-token';

const PURPOSE = 'flock:fix-payment:v1';
const payloadSchema = z.object({ m: z.uuid(), e: z.number().int().positive() }).strict();

/** The token of member `memberId`'s fix link, valid until `until` (the member's due_until). */
export function fixLinkToken(memberId: string, until: Date): string {
  return signToken(PURPOSE, { m: memberId, e: Math.floor(until.getTime() / 1000) });
}

/** The full link for `memberId`. */
export function fixLinkUrl(appUrl: string, memberId: string, until: Date): string {
  return `${appUrl.replace(/\/$/, '')}/pay/${fixLinkToken(memberId, until)}`;
}

/** The member and expiry a token was signed for, or null when it is malformed, altered or not ours (expiry is the caller's check). */
export function readFixLinkToken(token: string): { memberId: string; until: Date } | null {
  const p = readSignedToken(PURPOSE, token, payloadSchema, 400);
  return p ? { memberId: p.m, until: new Date(p.e * 1000) } : null;
}
