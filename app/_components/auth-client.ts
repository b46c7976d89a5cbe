'use client';
// better-auth's browser client: sign-in/up for merchants, anonymous sessions for buyers.
import { anonymousClient, magicLinkClient } from 'better-auth/client/plugins';
import { createAuthClient } from 'better-auth/react';

export const authClient = createAuthClient({ plugins: [anonymousClient(), magicLinkClient()] });

/** Makes sure the browser has a session, creating an anonymous buyer session when it has none. */
export async function ensureBuyerSession(): Promise<void> {
  const s = await authClient.getSession();
  if (s.data?.user) return;
  const r = await authClient.signIn.anonymous();
  if (r.error) throw new Error(r.error.message ?? 'Could not start a session. Please reload the page.');
}
