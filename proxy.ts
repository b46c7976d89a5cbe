// Next.js proxy (the file Next 16 runs before every matched request): stamps the security headers on each
// response and hands Next the request's script nonce through the request's Content-Security-Policy header,
// which Next reads while rendering. Edit when a kind of path needs other headers; the headers themselves are
// decided in server/http/security-headers.ts. It also chooses the reader's language (i18n/locales.ts) and
// stamps it on the request for the code behind; a switcher link's `?lang=` is saved in a cookie and dropped
// from the address, so a link copied afterwards never forces the sharer's choice on a friend.
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import {
  CHOOSE_PARAM,
  chooseLocale,
  closestLocale,
  HINT_PARAM,
  LOCALE_COOKIE,
  LOCALE_HEADER,
  type Locale,
  PATH_HEADER,
} from '@/i18n/locales';
import { PAGE_LOCALE_HEADER } from '@/i18n/page-locale';
import { appUrl, getEnv } from '@/server/env';
import {
  apiHeaders,
  contentSecurityPolicy,
  isApiPath,
  isCameraPage,
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

const YEAR_SECONDS = 365 * 24 * 3600;

function requestLocale(request: NextRequest): Locale {
  return chooseLocale({
    saved: request.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: request.headers.get('accept-language'),
    hint: request.nextUrl.searchParams.get(HINT_PARAM),
  });
}

/** A switcher link (`?lang=ja`): save the choice and load the same address without the parameter. */
function saveChoice(request: NextRequest, chosen: Locale, https: boolean): NextResponse {
  const target = request.nextUrl.clone();
  target.searchParams.delete(CHOOSE_PARAM);
  // nextUrl is built from the request's Host, so the browser returns to the address it used (a LAN IP too).
  const res = NextResponse.redirect(target, 303);
  res.cookies.set(LOCALE_COOKIE, chosen, {
    path: '/',
    maxAge: YEAR_SECONDS,
    sameSite: 'lax',
    secure: https,
  });
  return res;
}

/** Adds the security headers; every page gets a fresh nonce and the reader's language. */
export function proxy(request: NextRequest): NextResponse {
  const env = getEnv();
  const https = appUrl().startsWith('https:');
  const { pathname } = request.nextUrl;
  const locale = requestLocale(request);
  if (isApiPath(pathname)) {
    const forwarded = new Headers(request.headers);
    // An API call from one of our pages answers in that page's language (its share-link hint included).
    forwarded.set(LOCALE_HEADER, closestLocale(request.headers.get(PAGE_LOCALE_HEADER)) ?? locale);
    return withHeaders(NextResponse.next({ request: { headers: forwarded } }), apiHeaders(https));
  }
  const chosen = request.nextUrl.searchParams.get(CHOOSE_PARAM);
  if (chosen !== null) {
    const locale = closestLocale(chosen);
    if (locale) return withHeaders(saveChoice(request, locale, https), apiHeaders(https));
  }

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
    camera: isCameraPage(pathname),
  };
  const forwarded = new Headers(request.headers);
  forwarded.set('content-security-policy', contentSecurityPolicy(facts));
  forwarded.set(LOCALE_HEADER, locale);
  // The layout's language switcher links back to this address.
  forwarded.set(PATH_HEADER, `${pathname}${request.nextUrl.search}`);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), pageHeaders(facts));
}

export const config = {
  // Next's hashed build assets skip the proxy (next.config.js gives them nosniff); all else passes it.
  matcher: ['/((?!_next/static/|_next/image).*)'],
};
