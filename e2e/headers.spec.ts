// Security headers on the real server (issue 9): every HTML page carries the policy with a fresh nonce on
// each of its scripts, data responses carry theirs, a foreign site cannot frame a page, and the pages work
// under the policy at another host name (the fixture fails any test on a reported violation).
import { createTestDeal, openGroupFromDealPage } from './helpers/shopper';
import { expect, test, type APIResponse } from './helpers/fixtures';

/** The policy's directives by name. */
function directives(policy: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources.join(' '));
  }
  return map;
}

/** Checks one HTML response's headers and that every script and style tag carries its nonce. */
async function expectPageHeaders(res: APIResponse, status = 200): Promise<string> {
  expect(res.status(), res.url()).toBe(status);
  const h = res.headers();
  expect(h['content-type']).toContain('text/html');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['permissions-policy']).toContain('camera=()');
  expect(h['permissions-policy']).toContain('payment=()');
  // The e2e server's APP_URL is http: no HSTS, no upgrade.
  expect(h['strict-transport-security']).toBeUndefined();

  const policy = h['content-security-policy'] ?? '';
  const d = directives(policy);
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(d.get('script-src') ?? '')?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(d.get('script-src')).toContain("'strict-dynamic'");
  expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  expect(d.get('script-src')).not.toContain("'unsafe-eval'");
  expect(d.get('object-src')).toBe("'none'");
  expect(d.get('base-uri')).toBe("'self'");
  expect(d.get('frame-ancestors')).toBe("'none'");
  expect(d.get('form-action')).toBe("'self'");
  expect(d.get('connect-src')).toBe("'self'");
  expect(policy).not.toContain('stripe.com'); // demo mode: no Payment Element anywhere

  const html = await res.text();
  const tags = html.match(/<(script|style)\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce ?? '';
}

test('HTML pages carry the security headers, with a fresh nonce on every script', async ({
  page,
  request,
}) => {
  const deal = await createTestDeal(request, {
    title: `Headers kettle ${Date.now()}`,
    listPrice: 5000,
    tiers: [{ minMembers: 2, unitPrice: 4000 }],
  });
  const code = await openGroupFromDealPage(page, deal.slug);

  const nonces = new Set<string>();
  for (const path of ['/', `/d/${deal.slug}`, `/g/${code}`, `/g/${code}`, '/merchant/sign-in'])
    nonces.add(await expectPageHeaders(await request.get(path, { maxRedirects: 0 })));
  // The not-found page is a page too.
  nonces.add(await expectPageHeaders(await request.get('/no-such-page'), 404));
  expect(nonces.size, 'a nonce is never reused').toBe(6);
});

test('data responses are never sniffed, framed or run', async ({ request }) => {
  for (const path of ['/api/health', '/demo/coffee.svg']) {
    const h = (await request.get(path)).headers();
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['x-frame-options'], path).toBe('DENY');
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
  }
  expect((await request.get('/api/health')).headers()['content-security-policy']).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );
});

test('a page framed by another site is refused', async ({ page, baseURL, cspViolations }) => {
  await page.route('http://framer.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>framer</title><iframe src="${baseURL}/merchant/sign-in"></iframe>`,
    }),
  );
  await page.goto('http://framer.test/');
  const framed = page.frames().find((f) => f !== page.mainFrame());
  // Chromium replaces a refused frame with its error page.
  await expect.poll(() => framed?.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Merchant sign-in' })).toHaveCount(0);
  cspViolations.take(); // the refusal itself may be reported; it is the point of this test
});

test('the pages work under the policy at another host name (127.0.0.1)', async ({
  page,
  baseURL,
  request,
}) => {
  const deal = await createTestDeal(request, {
    title: `Loopback lamp ${Date.now()}`,
    listPrice: 3000,
    tiers: [{ minMembers: 2, unitPrice: 2500 }],
  });
  const origin = (baseURL ?? '').replace('localhost', '127.0.0.1');
  await page.goto(`${origin}/`);
  await expect(page.getByRole('link', { name: 'Flock', exact: true })).toBeVisible();
  await page.goto(`${origin}/d/${deal.slug}`);
  // A client component (open a group) and a client navigation to the group page, all same-origin.
  await page.getByRole('button', { name: 'Start a new group' }).click();
  await page.waitForURL(/\/g\/[a-z0-9]{8,16}(\?join=1)?$/);
  expect(new URL(page.url()).host).toBe(new URL(origin).host);
  await expect(page.getByTestId('join-form')).toBeVisible();
});

test('the fixture notices a violation', async ({ page, cspViolations }) => {
  await page.goto('/');
  // An image over plain http is outside img-src: refused, and the refusal is reported.
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'http://example.invalid/pixel.png';
    document.body.append(img);
  });
  await expect.poll(() => cspViolations.take().join('\n')).toContain('img-src');
});
