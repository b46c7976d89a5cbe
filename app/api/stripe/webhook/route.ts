// Stripe webhook endpoint: raw body in, verified by server/payments/webhooks/handle.ts and applied by
// server/groups/apply-hold-event.ts.
// Edit only to change how the request is read; event handling lives in the handlers. Exempt from the
// cross-site check (server/http/same-origin.ts): Stripe is another site, and its signature is the proof.
import { getDeps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { handleHoldWebhook } from '@/server/groups/apply-hold-event';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  const secret = getEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret)
    return Response.json(
      { received: false, error: 'Webhooks are not configured (STRIPE_WEBHOOK_SECRET is unset).' },
      { status: 503 },
    );
  // The signature covers the exact bytes Stripe sent: read the body as text, never as parsed JSON.
  const body = await req.text();
  const res = await handleHoldWebhook(getDeps(), body, req.headers.get('stripe-signature'), secret);
  return Response.json(res.body, { status: res.status });
}
