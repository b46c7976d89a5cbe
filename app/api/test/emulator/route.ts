// TEST MODE ONLY: what the Stripe emulator holds, so e2e tests can check the money (captures, releases).
import { getDeps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { findGroupByCode } from '@/server/groups/find-group-by-code';
import { emulatorControl } from '@/tools/stripe-emulator/control';
import { errorResponse, refuseUnlessTestMode } from '@/app/api/test/guard';

export const dynamic = 'force-dynamic';

/** GET [?code=<group code>] → { paymentIntents: [{ id, status, amount, amount_received, currency, metadata }] }. */
export async function GET(req: Request) {
  const refused = refuseUnlessTestMode();
  if (refused) return refused;
  const url = getEnv().STRIPE_EMULATOR_URL;
  if (!url) return errorResponse(new Error('This server does not run the Stripe emulator.'), 409);
  const code = new URL(req.url).searchParams.get('code');
  const group = code ? await findGroupByCode(getDeps().db, code) : null;
  if (code && !group) return errorResponse(new Error('No such group'), 404);
  const all = await emulatorControl(url).listPaymentIntents();
  const intents = group ? all.filter((pi) => pi.metadata['group_id'] === group.group.id) : all;
  return Response.json({
    paymentIntents: intents.map((pi) => ({
      id: pi.id,
      status: pi.status,
      amount: pi.amount,
      amount_capturable: pi.amount_capturable,
      amount_received: pi.amount_received,
      currency: pi.currency,
      metadata: pi.metadata,
    })),
  });
}
