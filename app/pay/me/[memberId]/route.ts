// "Pay now" from the group page or /me: the signed-in buyer's own payment due, redirected to its signed
// /pay/<token> page; anything else (not theirs, not due, signed out) goes to their groups.
import { z } from 'zod';
import { getAuth } from '@/server/auth/auth';
import { getDeps } from '@/server/deps';
import { fixPathForMember } from '@/server/recovery/fix-link-for-member';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ memberId: string }> }) {
  const { memberId } = await ctx.params;
  const session = await getAuth().api.getSession({ headers: req.headers });
  const id = z.uuid().safeParse(memberId);
  const path = session && id.success ? await fixPathForMember(getDeps(), session.user.id, id.data) : null;
  return new Response(null, {
    status: 303,
    headers: { Location: path ?? '/me', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });
}
