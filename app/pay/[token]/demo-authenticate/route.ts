// DEMO MODE ONLY (the README defines it): answers 404 unless payments go to the Stripe emulator (no
// STRIPE_SECRET_KEY). Stands in for the bank's 3-D Secure page for a fix-your-payment link: the holder of
// the link approves or refuses the fix's pending payment; the client then asks recovery.confirm to verify it.
import { eq } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { members } from '@/db/schema';
import { getDeps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { readFixLinkToken } from '@/server/recovery/fix-link';
import { emulatorControl } from '@/tools/stripe-emulator/control';

export const dynamic = 'force-dynamic';

const body = z.object({ outcome: z.enum(['succeed', 'fail']) });

export async function POST(req: Request, ctx: { params: Promise<{ token: string }> }) {
  const env = getEnv();
  const t = await getTranslations('pay.demoAuth');
  if (env.STRIPE_SECRET_KEY || !env.STRIPE_EMULATOR_URL)
    return Response.json({ error: t('notFound') }, { status: 404 });
  const { token } = await ctx.params;
  const parsed = body.safeParse(await req.json().catch(() => null));
  const link = readFixLinkToken(token);
  if (!parsed.success || !link) return Response.json({ error: t('badRequest') }, { status: 400 });
  const [m] = await getDeps()
    .db.select({ pi: members.fixPaymentIntentId, status: members.status })
    .from(members)
    .where(eq(members.id, link.memberId));
  if (!m?.pi || m.status !== 'payment_due') return Response.json({ error: t('noPayment') }, { status: 409 });
  await emulatorControl(env.STRIPE_EMULATOR_URL).authenticate(m.pi, parsed.data.outcome);
  return Response.json({ ok: true });
}
