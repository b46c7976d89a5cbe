// TEST MODE ONLY: what the Stripe emulator holds, so e2e tests can check the money (captures, releases).
import { getEnv } from '@/server/env';
import { emulatorControl } from '@/tools/stripe-emulator/control';
import { errorResponse, refuseUnlessTestMode } from '../guard';

export const dynamic = 'force-dynamic';

/** GET → { paymentIntents: [{ id, status, amount, amount_received, currency, metadata }] }. */
export async function GET() {
  const refused = refuseUnlessTestMode();
  if (refused) return refused;
  const url = getEnv().STRIPE_EMULATOR_URL;
  if (!url) return errorResponse(new Error('This server does not run the Stripe emulator.'), 409);
  const intents = await emulatorControl(url).listPaymentIntents();
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
