// Cross-site request refusal: a state-changing request (any method but GET, HEAD, OPTIONS) whose Origin
// names another site, or whose Sec-Fetch-Site says cross-site, is refused with a 403. The app is opened
// from any address (localhost, 127.0.0.1, a LAN address, the public name), so "same site" means the
// Origin's host equals the request's own Host header, or the Origin is APP_URL's (a proxy that rewrites
// Host). A request with neither header is let through: every browser sends Origin on POST, so only a
// non-browser client (curl, a server) omits both, and it carries no victim's cookies. Stripe webhooks
// are exempt (they are signed), and so is one-click unsubscribe (app/api/unsubscribe/[token]: the signed
// token in its path is its only credential, and mail providers post it from their own servers). Every other
// route handler that changes state calls refuseCrossSite first.
// Edit when a route joins or leaves the exemption.
import { appUrl } from '@/server/env';
import { requestLocale, sayIn } from '@/server/localize-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin of a URL ("https://flock.example"), or null when it is not an http(s) URL. */
function originOf(url: string): URL | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** The Host header read in the Origin's scheme, so "example.com:443" equals "https://example.com". */
function hostAs(origin: URL, host: string): string | null {
  try {
    return new URL(`${origin.protocol}//${host}`).host;
  } catch {
    return null;
  }
}

/** The request's Origin when it is this same host (null otherwise); better-auth trusts it too. */
export function requestOwnOrigin(headers: Headers): string | null {
  const origin = headers.get('origin');
  const host = headers.get('host');
  const o = origin ? originOf(origin) : null;
  if (!o || !host) return null;
  return hostAs(o, host) === o.host ? o.origin : null;
}

/** Whether a request came from another site: `method` and headers in, a yes or no out (pure; `appOrigin` is APP_URL's). */
export function isCrossSiteRequest(method: string, headers: Headers, appOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (headers.get('sec-fetch-site')?.trim().toLowerCase() === 'cross-site') return true;
  const origin = headers.get('origin');
  if (origin === null) return false;
  // "null" comes from sandboxed frames, file: pages and privacy redirects: no site we can vouch for.
  const o = originOf(origin.trim());
  if (!o) return true;
  if (o.origin === originOf(appOrigin)?.origin) return false;
  return requestOwnOrigin(headers) === null;
}

/** A 403 JSON response when `req` is a cross-site state-changing request, else null (go ahead). */
export function refuseCrossSite(req: Request): Response | null {
  if (!isCrossSiteRequest(req.method, req.headers, appUrl())) return null;
  return Response.json(
    {
      error: sayIn(requestLocale(req.headers), { key: 'request.crossSite' }),
      code: 'CROSS_SITE_REQUEST',
    },
    { status: 403 },
  );
}
