// The shopper's path from a shared link to a confirmed hold and an outcome, in real browsers against the
// real server, database and Stripe emulator (issue 5, tests 1-8).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from './helpers/fixtures';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
  closeTestGroup,
  createTestDeal,
  eventually,
  intentsForGroup,
  joinGroup,
  openGroupFromDealPage,
  submitJoin,
} from './helpers/shopper';

const contexts: BrowserContext[] = [];
let buyerCount = 0;

// Each buyer is their own browser context (own cookies, own session), like separate phones.
// Each has its own client address too: the auth server limits sign-ins per address, and real phones
// in one group chat do not share one.
async function newBuyer(browser: Browser): Promise<Page> {
  buyerCount += 1;
  const ip = `10.55.${Math.floor(buyerCount / 250)}.${(buyerCount % 250) + 1}`;
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    extraHTTPHeaders: { 'x-forwarded-for': ip },
  });
  contexts.push(ctx);
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  return ctx.newPage();
}

// Open pages keep live streams; close them so one test's watchers do not load the next test's server.
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

const price = (page: Page) => page.getByTestId('unit-price');
const banner = (page: Page) => page.getByTestId('group-banner');

test('1. friends join from a copied link, the opener sees every price drop live, and the group wins at the final price', async ({
  browser,
  request,
}) => {
  const deal = await createTestDeal(request, {
    title: 'Live test kettle',
    listPrice: 5000,
    tiers: [
      { minMembers: 2, unitPrice: 4000 },
      { minMembers: 3, unitPrice: 3500 },
      { minMembers: 4, unitPrice: 3000 },
    ],
    perBuyerMax: 2,
  });
  const a = await newBuyer(browser);
  const code = await openGroupFromDealPage(a, deal.slug);
  await joinGroup(a, { alias: 'Ann' });
  await expect(price(a)).toHaveText('$40.00');
  // One of two needed: the price is what everyone pays if the group goes ahead, not a price unlocked.
  await expect(a.getByTestId('next-tier')).toHaveText(
    '1 more person needed to go ahead at $40.00; at 3, $35.00',
  );

  await a.getByTestId('share-panel').getByRole('button', { name: 'Copy link' }).click();
  await expect(a.getByTestId('share-panel').getByRole('button', { name: 'Copied!' })).toBeVisible();
  const link = await a.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`/g/${code}\\?i=[a-z0-9]+&c=copy&hl=en$`));

  const joiners: [string, number, string][] = [
    ['Ben', 2, '$40.00'],
    ['Cleo', 1, '$35.00'],
    ['Dev', 1, '$30.00'],
  ];
  const pages: Page[] = [];
  const latencies: number[] = [];
  for (const [alias, quantity, expected] of joiners) {
    const p = await newBuyer(browser);
    pages.push(p);
    await p.goto(link);
    await expect(p.getByText('Ann invited you')).toBeVisible();
    await submitJoin(p, { alias, quantity });
    await expect(p.getByTestId('member-panel')).toBeVisible();
    const joinedAt = Date.now();
    // A's page was never reloaded: the new price and member arrive over the live stream.
    await expect(price(a)).toHaveText(expected);
    await expect(a.getByTestId('members')).toContainText(alias);
    latencies.push(Date.now() - joinedAt);
  }
  console.log(`[shopper] join → other page update (ms, upper bound incl. polling): ${latencies.join(', ')}`);
  await expect(a.getByTestId('next-tier')).toHaveText('$30.00 each now, the best price');

  await closeTestGroup(request, code);
  for (const p of [a, ...pages]) await expect(banner(p)).toContainText('Charged', { timeout: 30_000 });
  await expect(banner(a)).toContainText('Charged $30.00; you saved $20.00 on the list price.');
  await expect(banner(pages[0] as Page)).toContainText('Charged $60.00; you saved $40.00 on the list price.');

  const intents = await eventually(
    () => intentsForGroup(request, code),
    (list) => list.length === 4 && list.every((pi) => pi.status === 'succeeded'),
  );
  expect(intents.map((pi) => pi.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  // Everyone pays the final $30 × quantity, never the price they were shown when they joined.
  expect(intents.map((pi) => pi.amount_received).sort((x, y) => x - y)).toEqual([3000, 3000, 3000, 6000]);
});

test('2. a declined card reads as a plain sentence and takes no seat', async ({ browser, request }) => {
  const deal = await createTestDeal(request, {
    listPrice: 2000,
    tiers: [{ minMembers: 2, unitPrice: 1500 }],
  });
  const a = await newBuyer(browser);
  const code = await openGroupFromDealPage(a, deal.slug);
  await submitJoin(a, { alias: 'Dee', card: 'declined' });
  const error = a.getByTestId('join-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveText(/declined/i);
  await expect(error).not.toHaveText(/card_declined|error|undefined/);
  await expect(a.getByTestId('member-panel')).toHaveCount(0);
  await a.reload();
  await expect(a.getByRole('heading', { name: /Who.s in/ })).toContainText('(0)');
  await expect(a.getByText('0 people joined')).toBeVisible();
  const intents = await intentsForGroup(request, code);
  expect(intents.every((pi) => pi.amount_capturable === 0 && pi.amount_received === 0)).toBe(true);

  // The insufficient-funds card says so too, and a good card still joins afterwards.
  await submitJoin(a, { alias: 'Dee', card: 'insufficient' });
  await expect(a.getByTestId('join-error')).toHaveText(/insufficient funds/i);
  await joinGroup(a, { alias: 'Dee' });
});

test('3. a group that falls short releases every hold, and every page says so', async ({
  browser,
  request,
}) => {
  const deal = await createTestDeal(request, {
    listPrice: 3000,
    tiers: [{ minMembers: 3, unitPrice: 2400 }],
  });
  const a = await newBuyer(browser);
  const code = await openGroupFromDealPage(a, deal.slug);
  await joinGroup(a, { alias: 'Ann' });
  const b = await newBuyer(browser);
  await b.goto(`/g/${code}`);
  await joinGroup(b, { alias: 'Bo' });
  const visitor = await newBuyer(browser);
  await visitor.goto(`/g/${code}`);

  await closeTestGroup(request, code);
  await expect(banner(a)).toContainText(
    'Not enough people joined; your hold was released and you paid nothing.',
    {
      timeout: 30_000,
    },
  );
  await expect(banner(b)).toContainText(
    'Not enough people joined; your hold was released and you paid nothing.',
  );
  await expect(banner(visitor)).toContainText('Did not reach 3 people (2 joined); every hold was released.');
  await expect(visitor.getByTestId('join-form')).toHaveCount(0);

  const intents = await eventually(
    () => intentsForGroup(request, code),
    (list) => list.length === 2 && list.every((pi) => pi.status === 'canceled'),
  );
  expect(intents.map((pi) => [pi.status, pi.amount_received])).toEqual([
    ['canceled', 0],
    ['canceled', 0],
  ]);
});

function decodeQr(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}

test('4. the QR code on the page decodes to the group link', async ({ browser, request }) => {
  const deal = await createTestDeal(request, {
    listPrice: 2000,
    tiers: [{ minMembers: 2, unitPrice: 1500 }],
  });
  const a = await newBuyer(browser);
  const code = await openGroupFromDealPage(a, deal.slug);
  const qr = a.getByTestId('qr');
  await expect(qr).toBeVisible();
  const text = decodeQr(await qr.screenshot());
  expect(text).not.toBeNull();
  const url = new URL(text ?? '');
  expect(url.pathname).toBe(`/g/${code}`);
  expect(url.searchParams.get('c')).toBe('qr');

  // After joining, the QR carries the member's invite code, so scans are attributed to them.
  await joinGroup(a, { alias: 'Qi' });
  const invite = new URL(await a.getByTestId('invite-link').inputValue()).searchParams.get('i');
  // The QR is drawn on the server: it carries the invite once the page has re-rendered for the member.
  await expect
    .poll(async () =>
      new URL(decodeQr(await a.getByTestId('qr').screenshot()) ?? 'http://x/').searchParams.get('i'),
    )
    .toBe(invite);
  const after = new URL(decodeQr(await a.getByTestId('qr').screenshot()) ?? '');
  const scanned = await newBuyer(browser);
  await scanned.goto(after.toString());
  await expect(scanned.getByText('Qi invited you')).toBeVisible();
});

test('5. the HTML without JavaScript has Open Graph tags and the preview is a 1200×630 PNG under 300 KB', async ({
  browser,
  request,
}) => {
  const deal = await createTestDeal(request, {
    title: 'Preview test speaker',
    listPrice: 10000,
    tiers: [
      { minMembers: 1, unitPrice: 9000 },
      { minMembers: 2, unitPrice: 8000 },
    ],
  });
  const a = await newBuyer(browser);
  const code = await openGroupFromDealPage(a, deal.slug);
  const res = await request.get(`/g/${code}`, { headers: { 'user-agent': 'WhatsApp/2.23 A' } });
  expect(res.status()).toBe(200);
  const html = await res.text();
  const meta = (prop: string) =>
    new RegExp(`<meta (?:property|name)="${prop}" content="([^"]*)"`).exec(html)?.[1] ?? null;
  expect(meta('og:title')).toContain('Preview test speaker');
  expect(meta('og:title')).toContain('$90.00');
  expect(meta('og:description')).toContain('0 joined');
  expect(meta('twitter:card')).toBe('summary_large_image');
  expect(html).toContain('$90.00'); // the price is in the server-rendered page, not only in scripts
  const ogImage = meta('og:image');
  expect(ogImage).toMatch(new RegExp(`/g/${code}/og/v0-0-open`));

  const img = await request.get(ogImage ?? '');
  expect(img.status()).toBe(200);
  expect(img.headers()['content-type']).toBe('image/png');
  const bytes = await img.body();
  expect(bytes.length).toBeLessThan(300 * 1024);
  const png = PNG.sync.read(bytes);
  expect([png.width, png.height]).toEqual([1200, 630]);

  // A join moves the tier: the preview URL changes, so apps that cache it forever fetch the new price.
  await joinGroup(a, { alias: 'Otto' });
  const again = await (await request.get(`/g/${code}`)).text();
  expect(again).toMatch(new RegExp(`/g/${code}/og/v1-1-open`));
  expect(again).toMatch(/og:title" content="[^"]*\$90\.00/);

  // Unknown and malformed codes are a friendly 404.
  for (const bad of ['zzzzzzzzzz', 'not-a-code!', 'x']) {
    const r = await request.get(`/g/${encodeURIComponent(bad)}`);
    expect(r.status()).toBe(404);
    expect(await r.text()).toMatch(/We couldn(&#x27;|')t find that/);
  }
});

test('6. after a small cutoff the plain link is invite-only and a member invite link still admits', async ({
  browser,
  request,
}) => {
  const deal = await createTestDeal(request, {
    listPrice: 2000,
    tiers: [{ minMembers: 2, unitPrice: 1500 }],
    qrCutoff: 2,
    maxMembers: 5,
  });
  const a = await newBuyer(browser);
  const code = await openGroupFromDealPage(a, deal.slug);
  await joinGroup(a, { alias: 'Ann' });
  const inviteUrl = await a.getByTestId('invite-link').inputValue();
  const b = await newBuyer(browser);
  await b.goto(`/g/${code}?c=whatsapp`);
  await joinGroup(b, { alias: 'Bo' });

  const c = await newBuyer(browser);
  await c.goto(`/g/${code}`);
  await expect(banner(c)).toHaveText(/This group is now invite-only; ask a member for their link\./);
  await expect(c.getByTestId('join-form')).toHaveCount(0);
  // A tampered invite code or channel is ignored, never an error page.
  await c.goto(`/g/${code}?i=FORGED123&c=<script>`);
  await expect(banner(c)).toHaveText(/invite-only/);
  // A member's personal link admits.
  await c.goto(inviteUrl);
  await expect(c.getByText('Ann invited you')).toBeVisible();
  await joinGroup(c, { alias: 'Cy' });
  await expect(c.getByRole('heading', { name: /Who.s in/ })).toContainText('(3)');
});

test('7. axe finds no serious or critical violation on the group, deal, my-groups and plain-words pages', async ({
  browser,
  request,
}) => {
  const deal = await createTestDeal(request, {
    listPrice: 4000,
    tiers: [
      { minMembers: 2, unitPrice: 3200 },
      { minMembers: 4, unitPrice: 2800 },
    ],
    perBuyerMax: 3,
  });
  const a = await newBuyer(browser);
  const code = await openGroupFromDealPage(a, deal.slug);
  const check = async (path: string) => {
    await a.goto(path);
    const result = await new AxeBuilder({ page: a })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      path,
    ).toEqual([]);
  };
  await check(`/g/${code}`); // as a visitor, with the join form
  await a.goto(`/g/${code}`);
  await joinGroup(a, { alias: 'Ann' });
  await check(`/g/${code}`); // as a member, with the invite link and share panel
  await check(`/d/${deal.slug}`);
  await check('/me');
  await expect(a.getByTestId('my-groups')).toContainText('Holding $32.00');
  for (const page of ['/terms', '/privacy', '/contact']) await check(page);
});

test('8. screenshots of the group page at 390×844 and 1280×800', async ({ browser }, testInfo) => {
  const page = await newBuyer(browser);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  // A seeded demo deal (with its product image), linked from the home page.
  const coffee = page.locator('a[href^="/d/huila"]');
  const first = (await coffee.count()) > 0 ? coffee.first() : page.locator('a[href^="/d/"]').first();
  await expect(first).toBeVisible();
  const slug = (await first.getAttribute('href'))?.split('/').pop() ?? '';
  const code = await openGroupFromDealPage(page, slug);
  await joinGroup(page, { alias: 'Screenshot Sam' });
  const shots: [Page, string, boolean][] = [
    [page, 'shopper-group-1280x800', false],
    [page, 'shopper-group-1280x800-full', true],
  ];
  const phone = await newBuyer(browser);
  await phone.goto(`/g/${code}`);
  await expect(phone.getByTestId('join-form')).toBeVisible();
  shots.push([phone, 'shopper-group-390x844', false], [phone, 'shopper-group-390x844-full', true]);
  for (const [p, name, fullPage] of shots) {
    await p.evaluate(() => window.scrollTo(0, 0));
    const path = `test-results/${name}.png`;
    await p.screenshot({ path, fullPage });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }
  // Nothing wider than the screen at 360 px.
  await phone.setViewportSize({ width: 360, height: 740 });
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('9. below the minimum the deal page says who is needed, an empty group is not listed, and "Start a new group" lands on the join form', async ({
  browser,
  request,
}) => {
  const deal = await createTestDeal(request, {
    title: `Words teapot ${Date.now()}`,
    listPrice: 3000,
    tiers: [
      { minMembers: 3, unitPrice: 2600 },
      { minMembers: 6, unitPrice: 2300 },
    ],
    windowSeconds: 2 * 86_400,
  });
  const a = await newBuyer(browser);
  await a.goto(`/d/${deal.slug}`);
  await expect(a.getByTestId('deal-window')).toContainText('A group has 2 days to reach 3 people.');
  await a.getByRole('button', { name: 'Start a new group' }).click();
  await a.waitForURL(/\/g\/[a-z0-9]{8,16}\?join=1$/);
  const code = new URL(a.url()).pathname.split('/').pop() ?? '';
  await expect(a.getByTestId('join-form')).toBeVisible();

  // Opened but not joined: nobody is invited into an empty group.
  const b = await newBuyer(browser);
  await b.goto(`/d/${deal.slug}`);
  await expect(b.getByTestId('about-to-fill')).toHaveCount(0);

  await joinGroup(a, { alias: 'Ann' });
  await b.reload();
  const listed = b.getByTestId('about-to-fill');
  await expect(listed).toContainText('2 more people needed to go ahead at $26.00; at 6, $23.00');
  await expect(listed).not.toContainText('unlock');

  // The meta description chat apps show says the same.
  const html = await (await request.get(`/g/${code}`)).text();
  const description = /<meta name="description" content="([^"]*)"/.exec(html)?.[1] ?? '';
  expect(description).toContain('2 more people needed to go ahead at $26.00; at 6, $23.00');
  expect(description).not.toContain('unlock');
});

test('10. screenshots of the deal page, home, /me, the link preview and the poster', async ({
  browser,
  request,
}, testInfo) => {
  const title = `Words kettle ${Date.now()}`;
  const deal = await createTestDeal(request, {
    title,
    listPrice: 3000,
    tiers: [
      { minMembers: 3, unitPrice: 2600 },
      { minMembers: 6, unitPrice: 2300 },
      { minMembers: 10, unitPrice: 1990 },
    ],
    windowSeconds: 2 * 86_400,
  });
  const a = await newBuyer(browser);
  const code = await openGroupFromDealPage(a, deal.slug);
  await joinGroup(a, { alias: 'Ann' });
  const shoot = async (name: string) => {
    const path = `test-results/words-${name}.png`;
    await a.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  };
  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await a.setViewportSize({ width: w, height: h });
    await a.goto(`/d/${deal.slug}`);
    await expect(a.getByTestId('about-to-fill')).toContainText('2 more people needed to go ahead');
    await shoot(`deal-${w}x${h}`);
    await a.goto('/');
    await expect(a.getByText(title)).toBeVisible();
    await shoot(`home-${w}x${h}`);
    await a.goto('/me');
    await expect(a.getByTestId('my-groups')).toContainText('Holding $26.00 on your card.');
    await shoot(`me-${w}x${h}`);
  }
  const { writeFile } = await import('node:fs/promises');
  for (const [name, url] of [
    ['og', `/g/${code}/og/1`],
    ['poster', `/g/${code}/poster`],
  ] as const) {
    const res = await request.get(url);
    expect(res.ok()).toBe(true);
    expect(res.headers()['content-type']).toBe('image/png');
    const path = `test-results/words-${name}.png`;
    await writeFile(path, await res.body());
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }
});
