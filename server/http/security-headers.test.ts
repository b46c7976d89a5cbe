import { describe, expect, it } from 'vitest';
import {
  apiHeaders,
  contentSecurityPolicy,
  isCameraPage,
  isPaymentPage,
  needsFullLoad,
  pageHeaders,
  permissionsPolicy,
  type PageFacts,
} from './security-headers';

const base: PageFacts = { nonce: 'bm9uY2Utb25l', stripe: false, dev: false, https: false };

/** The policy as a map from directive name to its sources. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

function sources(policy: string, name: string): string[] {
  const found = directives(policy).get(name);
  if (!found) throw new Error(`no ${name} in ${policy}`);
  return found;
}

describe('contentSecurityPolicy', () => {
  it('is exactly this in production over http, without Stripe', () => {
    expect(contentSecurityPolicy(base)).toBe(
      "script-src 'self' 'nonce-bm9uY2Utb25l' 'strict-dynamic'; default-src 'self'; " +
        "style-src 'self' 'nonce-bm9uY2Utb25l'; style-src-attr 'unsafe-inline'; img-src 'self' https:; " +
        "font-src 'self'; connect-src 'self'; frame-src 'none'; worker-src 'self'; object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'",
    );
  });

  it('puts script-src first, where Next looks for the nonce', () => {
    expect(contentSecurityPolicy({ ...base, stripe: true, dev: true })).toMatch(
      /^script-src 'self' 'nonce-bm9uY2Utb25l' 'strict-dynamic'/,
    );
  });

  it('carries the nonce it is given, and nothing that runs inline script or eval in production', () => {
    const policy = contentSecurityPolicy({ ...base, nonce: 'b3RoZXI=' });
    expect(sources(policy, 'script-src')).toContain("'nonce-b3RoZXI='");
    expect(policy).not.toContain('bm9uY2Utb25l');
    expect(sources(policy, 'script-src')).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
  });

  it('names no host: the app works at localhost, 127.0.0.1 or a LAN address alike', () => {
    expect(contentSecurityPolicy(base)).not.toMatch(/localhost|127\.0\.0\.1|http:/);
  });

  it('allows eval and un-nonced style tags only in development', () => {
    const dev = contentSecurityPolicy({ ...base, dev: true });
    expect(sources(dev, 'script-src')).toContain("'unsafe-eval'");
    expect(sources(dev, 'style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(sources(contentSecurityPolicy(base), 'style-src')).toEqual(["'self'", "'nonce-bm9uY2Utb25l'"]);
  });

  it("adds Stripe's origins only when the page mounts the Payment Element", () => {
    const without = contentSecurityPolicy(base);
    expect(without).not.toContain('stripe.com');
    expect(sources(without, 'frame-src')).toEqual(["'none'"]);

    const withStripe = contentSecurityPolicy({ ...base, stripe: true });
    expect(sources(withStripe, 'script-src')).toEqual(
      expect.arrayContaining(['https://js.stripe.com', 'https://*.js.stripe.com']),
    );
    expect(sources(withStripe, 'frame-src')).toEqual([
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://hooks.stripe.com',
    ]);
    expect(sources(withStripe, 'connect-src')).toEqual(["'self'", 'https://api.stripe.com']);
  });

  it('keeps the fixed protections in every combination', () => {
    for (const stripe of [false, true])
      for (const dev of [false, true])
        for (const https of [false, true]) {
          const d = directives(contentSecurityPolicy({ ...base, stripe, dev, https }));
          expect(d.get('object-src')).toEqual(["'none'"]);
          expect(d.get('base-uri')).toEqual(["'self'"]);
          expect(d.get('form-action')).toEqual(["'self'"]);
          expect(d.get('frame-ancestors')).toEqual(["'none'"]);
          expect(d.get('default-src')).toEqual(["'self'"]);
          expect(d.has('upgrade-insecure-requests')).toBe(https);
        }
  });
});

describe('pageHeaders', () => {
  it('sends the companions of the policy, and HSTS only over https', () => {
    const http = pageHeaders(base);
    expect(http).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    expect(http).not.toHaveProperty('Strict-Transport-Security');
    expect(pageHeaders({ ...base, https: true })['Strict-Transport-Security']).toBe('max-age=31536000');
  });
});

describe('permissionsPolicy', () => {
  it('turns the camera and other unused features off everywhere', () => {
    for (const stripe of [false, true]) {
      const policy = permissionsPolicy(stripe);
      for (const feature of ['camera', 'microphone', 'geolocation', 'usb'])
        expect(policy).toContain(`${feature}=()`);
      expect(policy).not.toMatch(/clipboard-write|web-share/);
    }
  });

  it('lets only the pickup desk use the camera, and only for this origin', () => {
    expect(isCameraPage('/merchant/pickup')).toBe(true);
    expect(isCameraPage('/merchant/pickup/')).toBe(true);
    expect(isCameraPage('/merchant/pickups')).toBe(false);
    expect(isCameraPage('/g/abc')).toBe(false);
    expect(permissionsPolicy(false, true)).toContain('camera=(self)');
    expect(permissionsPolicy(false, true)).toContain('microphone=()');
    expect(pageHeaders({ ...base, camera: true })['Permissions-Policy']).toContain('camera=(self)');
    expect(pageHeaders(base)['Permissions-Policy']).toContain('camera=()');
  });

  it('loads the pickup desk as a document, so its camera permission arrives with it', () => {
    const desk = { pathname: '/merchant/pickup', isRouterRequest: true, stripeEnabled: false };
    expect(needsFullLoad({ ...desk, refererPath: '/merchant/orders' })).toBe(true);
    expect(needsFullLoad({ ...desk, refererPath: null })).toBe(true);
    expect(needsFullLoad({ ...desk, refererPath: '/merchant/pickup' })).toBe(false);
    expect(needsFullLoad({ ...desk, isRouterRequest: false, refererPath: '/merchant' })).toBe(false);
  });

  it('lets only Stripe on a payment page ask for payments', () => {
    expect(permissionsPolicy(false)).toContain('payment=()');
    expect(permissionsPolicy(true)).toContain('payment=(self "https://js.stripe.com")');
  });
});

describe('apiHeaders', () => {
  it('lets nothing load in or frame a data response', () => {
    expect(apiHeaders(false)).toEqual({
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    expect(apiHeaders(true)['Strict-Transport-Security']).toBe('max-age=31536000');
  });
});

describe('isPaymentPage', () => {
  it.each([
    ['/g/ab12cd34', true],
    ['/g/ab12cd34/', true],
    ['/g/ab12cd34/qr', false],
    ['/g/ab12cd34/og/3', false],
    ['/d/coffee', false],
    ['/', false],
  ])('%s → %s', (path, expected) => expect(isPaymentPage(path)).toBe(expected));
});

describe('needsFullLoad', () => {
  const nav = {
    pathname: '/g/ab12cd34',
    refererPath: '/d/coffee',
    isRouterRequest: true,
    stripeEnabled: true,
  };

  it('turns a router move into a group page from a page without Stripe into a page load', () => {
    expect(needsFullLoad(nav)).toBe(true);
    expect(needsFullLoad({ ...nav, refererPath: null })).toBe(true);
  });

  it('leaves every other request alone', () => {
    expect(needsFullLoad({ ...nav, refererPath: '/g/ab12cd34' })).toBe(false); // router.refresh()
    expect(needsFullLoad({ ...nav, refererPath: '/g/other123' })).toBe(false);
    expect(needsFullLoad({ ...nav, isRouterRequest: false })).toBe(false); // a document load
    expect(needsFullLoad({ ...nav, stripeEnabled: false })).toBe(false); // demo mode: no Stripe at all
    expect(needsFullLoad({ ...nav, pathname: '/d/coffee' })).toBe(false);
  });
});
