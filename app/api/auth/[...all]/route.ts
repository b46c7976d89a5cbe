// better-auth's endpoints (sign-in, sign-up, anonymous, magic link, session). POSTs from another site are
// refused before better-auth sees them; GETs (the e-mailed magic link) arrive from other sites by design.
import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/server/auth/auth';
import { refuseCrossSite } from '@/server/http/same-origin';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return toNextJsHandler(getAuth()).GET(req);
}
export async function POST(req: Request) {
  const refused = refuseCrossSite(req);
  if (refused) return refused;
  return toNextJsHandler(getAuth()).POST(req);
}
