// DEMO MODE ONLY (the README defines it): answers 404 unless payments go to the Stripe emulator (no
// STRIPE_SECRET_KEY). Stands in for the bank's 3-D Secure page: the buyer approves or refuses their own
// pending hold (or the SetupIntent saving their card, in a long-window group); the client then asks
// groups.confirmHold to verify it.
import { and, eq } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { groups, members } from '@/db/schema';
import { getAuth } from '@/server/auth/auth';
import { getDeps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { emulatorControl } from '@/tools/stripe-emulator/control';

export const dynamic = 'force-dynamic';

const body = z.object({ memberId: z.uuid(), outcome: z.enum(['succeed', 'fail']) });

export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  const env = getEnv();
  // The buyer reads these messages in the join form, in their language (the proxy's stamp on this request).
  const t = await getTranslations('group.demoAuth');
  if (env.STRIPE_SECRET_KEY || !env.STRIPE_EMULATOR_URL)
    return Response.json({ error: t('notFound') }, { status: 404 });
  const { code } = await ctx.params;
  const parsed = body.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: t('badRequest') }, { status: 400 });
  const session = await getAuth().api.getSession({ headers: req.headers });
  if (!session) return Response.json({ error: t('joinFirst') }, { status: 401 });
  const [m] = await getDeps()
    .db.select({
      paymentIntentId: members.paymentIntentId,
      setupIntentId: members.setupIntentId,
      paymentKind: members.paymentKind,
      status: members.status,
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(
      and(
        eq(members.id, parsed.data.memberId),
        eq(members.userId, session.user.id),
        eq(groups.code, code.toLowerCase()),
      ),
    );
  const control = emulatorControl(env.STRIPE_EMULATOR_URL);
  if (m?.paymentKind === 'saved_card' && m.setupIntentId && m.status === 'reserved') {
    await control.authenticateSetup(m.setupIntentId, parsed.data.outcome);
    return Response.json({ ok: true });
  }
  if (!m?.paymentIntentId || m.status !== 'reserved')
    return Response.json({ error: t('noHold') }, { status: 409 });
  await control.authenticate(m.paymentIntentId, parsed.data.outcome);
  return Response.json({ ok: true });
}
