// The security headers on Flock's responses, built from a few facts about one request so every decision is
// readable and tested in one place (proxy.ts only gathers the facts and stamps the result). Edit when the
// browser must reach a new source (a third party, a new kind of asset) or a header's decision changes, and
// keep the README's "Security headers" section true.

/** What the policy for one HTML response depends on. */
export type PageFacts = {
  /** Fresh for every response, base64; Next stamps it on its own scripts and style tags. */
  nonce: string;
  /** The page may mount Stripe's Payment Element (a group page while a publishable key is set). */
  stripe: boolean;
  /** `next dev`: React rebuilds server error stacks with eval, and Next injects un-nonced style tags. */
  dev: boolean;
  /** APP_URL is https: browsers are told to stay on https. */
  https: boolean;
  /** The page may use the camera (the merchant's pickup desk scans QR codes). */
  camera?: boolean;
};

type Directive = readonly [name: string, sources: readonly string[]];

// Stripe's documented requirements for Stripe.js and its Elements (docs.stripe.com/security/guide):
// maps.googleapis.com is left out because it serves only the Address Element's autocomplete, unused here.
const STRIPE_SCRIPTS = ['https://js.stripe.com', 'https://*.js.stripe.com'];
const STRIPE_FRAMES = ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'];
const STRIPE_CONNECT = ['https://api.stripe.com'];

// Powerful features no Flock page uses (buyers scan a group's QR code with their phone's own camera app; only
// the merchant's pickup desk turns the camera on, for itself). Clipboard and Web Share keep their default (this
// origin), the share panel uses both.
const DENIED_FEATURES = [
  'accelerometer',
  'browsing-topics',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'serial',
  'usb',
  'xr-spatial-tracking',
];

/** The path of a group page (/g/<code>), the only page that mounts Stripe's Payment Element. */
export function isPaymentPage(pathname: string): boolean {
  return /^\/g\/[^/]+\/?$/.test(pathname);
}

/** The merchant's pickup desk (/merchant/pickup), the only page that may use the camera (to scan QR codes). */
export function isCameraPage(pathname: string): boolean {
  return /^\/merchant\/pickup\/?$/.test(pathname);
}

/** Paths that only ever answer with data (JSON, CSV, SSE), never a document to render. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * True when a client-side navigation must become a full page load: a page's policies are fixed when its
 * document loads, so the router may only move into a page that needs Stripe (or the camera) from a page that
 * already has it. Without a referer we cannot tell, so we load.
 */
export function needsFullLoad(req: {
  pathname: string;
  refererPath: string | null;
  isRouterRequest: boolean;
  stripeEnabled: boolean;
}): boolean {
  if (!req.isRouterRequest) return false;
  if (isCameraPage(req.pathname)) return req.refererPath === null || !isCameraPage(req.refererPath);
  if (!req.stripeEnabled || !isPaymentPage(req.pathname)) return false;
  return req.refererPath === null || !isPaymentPage(req.refererPath);
}

/** The Content-Security-Policy of an HTML page. */
export function contentSecurityPolicy(f: PageFacts): string {
  const nonce = `'nonce-${f.nonce}'`;
  const directives: Directive[] = [
    // Next reads the nonce from the first directive that starts with "script-src": keep this one first.
    // 'strict-dynamic' lets Next's nonced runtime load its chunks (and Stripe.js); 'self' and the Stripe
    // hosts only matter to browsers too old for 'strict-dynamic', which ignore the nonce's companions.
    [
      'script-src',
      [
        "'self'",
        nonce,
        "'strict-dynamic'",
        ...(f.stripe ? STRIPE_SCRIPTS : []),
        ...(f.dev ? ["'unsafe-eval'"] : []),
      ],
    ],
    ['default-src', ["'self'"]],
    // Style tags need the nonce (Next puts it on its own); a nonce would disable 'unsafe-inline', which
    // next dev needs for the style tags it injects without one.
    ['style-src', f.dev ? ["'self'", "'unsafe-inline'"] : ["'self'", nonce]],
    // Style attributes cannot carry a nonce. Server-rendered pages use them for computed sizes (the price
    // bar's width) and Stripe's Elements set them on their frames; an attribute cannot load anything or
    // select other elements, and img-src/font-src still bound what CSS may fetch.
    ['style-src-attr', ["'unsafe-inline'"]],
    // Deal images are our own files or a merchant's https address.
    ['img-src', ["'self'", 'https:']],
    ['font-src', ["'self'"]],
    // tRPC calls and the live stream (SSE) are same-origin.
    ['connect-src', ["'self'", ...(f.stripe ? STRIPE_CONNECT : [])]],
    ['frame-src', f.stripe ? STRIPE_FRAMES : ["'none'"]],
    // The alerts' service worker (/sw.js). Said outright: a worker falls back to script-src, whose nonce and
    // 'strict-dynamic' browsers do not agree on applying to a worker's registration.
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
    ...(f.https ? [['upgrade-insecure-requests', []] as const] : []),
  ];
  return directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/**
 * The Permissions-Policy: every unused powerful feature off; payments only for Stripe on a group page; the
 * camera only for this origin on the pickup desk.
 */
export function permissionsPolicy(stripe: boolean, camera = false): string {
  const denied = DENIED_FEATURES.map((feature) => `${feature}=()`);
  const payment = stripe ? 'payment=(self "https://js.stripe.com")' : 'payment=()';
  return [...denied, payment, camera ? 'camera=(self)' : 'camera=()'].sort().join(', ');
}

// One year, this host only: subdomains of a deployment may be other people's plain-http services.
const HSTS = 'max-age=31536000';

function commonHeaders(https: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    // For browsers without frame-ancestors; harmless on images and data.
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    ...(https ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/** Every security header of an HTML page response. */
export function pageHeaders(f: PageFacts): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(f),
    'Permissions-Policy': permissionsPolicy(f.stripe, f.camera ?? false),
    ...commonHeaders(f.https),
  };
}

/** The headers of a data response (API): nothing may load, run or frame it if it is ever opened as a page. */
export function apiHeaders(https: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    ...commonHeaders(https),
  };
}
