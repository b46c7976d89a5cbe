// TEST MODE ONLY: injects faults or delays into the Stripe emulator (POST a Fault) or clears them (DELETE),
// so e2e tests can hold a group in a passing state, e.g. "closing" while its captures are slow.
import { getEnv } from '@/server/env';
import { refuseCrossSite } from '@/server/http/same-origin';
import { emulatorControl, type Fault } from '@/tools/stripe-emulator/control';
import { errorResponse, refuseUnlessTestMode } from '@/app/api/test/guard';

export const dynamic = 'force-dynamic';

function control() {
  const url = getEnv().STRIPE_EMULATOR_URL;
  if (!url) throw new Error('This server does not run the Stripe emulator.');
  return emulatorControl(url);
}

/** POST a Fault ({ path, status?, times?, delayMs?, method? }) → { ok: true }. */
export async function POST(req: Request) {
  const refused = refuseUnlessTestMode() ?? refuseCrossSite(req);
  if (refused) return refused;
  try {
    await control().injectFault((await req.json()) as Fault);
    return Response.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}

/** DELETE → every injected fault is gone. */
export async function DELETE(req: Request) {
  const refused = refuseUnlessTestMode() ?? refuseCrossSite(req);
  if (refused) return refused;
  try {
    await control().clearFaults();
    return Response.json({ ok: true });
  } catch (err) {
    return errorResponse(err);
  }
}
