import 'server-only';
// Who is looking at the merchant console: signed out, signed in without a profile, or a merchant.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { serverCaller } from '@/app/_trpc/server';
import { getAuth } from '@/server/auth/auth';
import type { MerchantProfile } from '@/server/merchants/merchant-profile-view';

export type ConsoleSession =
  | { state: 'signed-out' }
  | { state: 'no-profile'; name: string; email: string }
  | { state: 'merchant'; profile: MerchantProfile; email: string };

/** The console session of this request; guest buyer sessions count as signed out. */
export async function getConsoleSession(): Promise<ConsoleSession> {
  // Read the request headers first: that marks the page dynamic before anything touches the database.
  const h = new Headers(await headers());
  const s = await getAuth().api.getSession({ headers: h });
  if (!s || (s.user as { isAnonymous?: boolean | null }).isAnonymous) return { state: 'signed-out' };
  const profile = await (await serverCaller()).merchant.profile();
  return profile
    ? { state: 'merchant', profile, email: s.user.email }
    : { state: 'no-profile', name: s.user.name, email: s.user.email };
}

/** The merchant's profile, sending anyone else to sign in or to create their profile first. */
export async function requireMerchant(): Promise<MerchantProfile> {
  const s = await getConsoleSession();
  if (s.state === 'signed-out') redirect('/merchant/sign-in');
  if (s.state === 'no-profile') redirect('/merchant/profile');
  return s.profile;
}
