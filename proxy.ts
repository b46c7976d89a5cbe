// Next.js proxy (the file Next 16 runs before every matched request): stamps the security headers on each
// response and hands Next the request's script nonce through the request's Content-Security-Policy header,
// which Next reads while rendering. Edit when a kind of path needs other headers; the headers themselves are
// decided in server/http/security-headers.ts.
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { appUrl, getEnv } from '@/server/env';
import {
  apiHeaders,
  contentSecurityPolicy,
  isApiPath,
  isPaymentPage,
  needsFullLoad,
  pageHeaders,
} from '@/server/http/security-headers';

function withHeaders(res: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}

function pathOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/** Adds the security headers; every page gets a fresh nonce. */
export function proxy(request: NextRequest): NextResponse {
  const env = getEnv();
  const https = appUrl().startsWith('https:');
  const { pathname } = request.nextUrl;
  if (isApiPath(pathname)) return withHeaders(NextResponse.next(), apiHeaders(https));

  const stripeEnabled = Boolean(env.STRIPE_PUBLISHABLE_KEY);
  const stripe = stripeEnabled && isPaymentPage(pathname);
  const fullLoad = needsFullLoad({
    pathname,
    refererPath: pathOf(request.headers.get('referer')),
    // Next hides its router headers from the proxy; the browser's own Sec-Fetch-Dest tells a fetch (the
    // router's) from a document load.
    isRouterRequest: request.headers.get('sec-fetch-dest') === 'empty',
    stripeEnabled,
  });
  // Not a router payload, so the router loads the page as a document, which brings Stripe's policy.
  if (fullLoad) return withHeaders(new NextResponse(null, { status: 204 }), apiHeaders(https));

  const facts = {
    nonce: randomBytes(16).toString('base64'),
    stripe,
    dev: env.NODE_ENV === 'development',
    https,
  };
  const forwarded = new Headers(request.headers);
  forwarded.set('content-security-policy', contentSecurityPolicy(facts));
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), pageHeaders(facts));
}

export const config = {
  // Next's hashed build assets skip the proxy (next.config.js gives them nosniff); all else passes it.
  matcher: ['/((?!_next/static/|_next/image).*)'],
};
