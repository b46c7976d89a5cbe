// Where Stripe sends a person whose onboarding link expired or was already used (the account link's
// refresh_url): signed in, they get a fresh link and go straight to it; signed out, to where they sign in
// and can start connecting again. GET because Stripe redirects the browser here.
import { TRPCError } from '@trpc/server';
import { createContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';

export const dynamic = 'force-dynamic';

const HOME = { merchant: '/merchant/payments', sharer: '/me' } as const;

// A path stays relative, so the browser stays on whichever address it opened the app at (a phone on the LAN).
const seeOther = (location: string) => new Response(null, { status: 303, headers: { location } });

export async function GET(req: Request) {
  const who = new URL(req.url).searchParams.get('for') === 'merchant' ? 'merchant' : 'sharer';
  try {
    const caller = createCaller(await createContext({ headers: req.headers }));
    const { url } = await caller.payouts.connect({ for: who });
    return seeOther(url);
  } catch (err) {
    // Signed out, or Stripe not answering: the page that shows the account (after signing in) offers to
    // connect again.
    if (!(err instanceof TRPCError && err.code === 'UNAUTHORIZED')) console.error('[connect] refresh', err);
    return seeOther(HOME[who]);
  }
}
