// Long windows (issue 16): on a deal open for 14 days the card is saved at join, nothing is held, and it is
// charged once when the group closes. The deal editor says which way the typed window makes buyers pay.
import { expect, test, type Browser, type BrowserContext, type Page } from './helpers/fixtures';
import {
  closeTestGroup,
  createTestDeal,
  eventually,
  intentsForGroup,
  openGroupFromDealPage,
  submitJoin,
} from './helpers/shopper';
import { signInMerchant } from './helpers/merchant';

const contexts: BrowserContext[] = [];
const SHOTS = process.env.LONG_SHOTS_DIR;

async function newBuyer(browser: Browser, n: number): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    extraHTTPHeaders: { 'x-forwarded-for': `10.77.0.${n}` },
  });
  contexts.push(ctx);
  return ctx.newPage();
}

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

test('a buyer joins a 14-day group: nothing is held, the card is charged once at close', async ({
  browser,
  request,
}) => {
  const deal = await createTestDeal(request, {
    title: 'Long window quilt',
    listPrice: 5000,
    windowSeconds: 14 * 24 * 3600,
    tiers: [
      { minMembers: 1, unitPrice: 4000 },
      { minMembers: 2, unitPrice: 3500 },
    ],
  });
  const a = await newBuyer(browser, 1);
  await a.goto(`/d/${deal.slug}`);
  await expect(a.getByText(/Joining saves your card and holds nothing/)).toBeVisible();
  await shot(a, 'deal-page');
  const code = await openGroupFromDealPage(a, deal.slug);

  const form = a.getByTestId('join-form');
  await expect(form.getByTestId('hold-wording')).toHaveText(
    /^Nothing is held now; we charge at most \$40\.00 when the group closes/,
  );
  await expect(form.getByRole('button', { name: 'Join and save my card' })).toBeVisible();
  await shot(a, 'join-form');

  await submitJoin(a, { alias: 'Quinn', card: 'visa' });
  const panel = a.getByTestId('member-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Your card is saved; nothing is held now. We charge at most $40.00');
  await expect(panel).not.toContainText(/hold/i);
  await shot(a, 'member-panel');
  expect(await intentsForGroup(request, code)).toHaveLength(0);
  await a.goto('/me');
  await expect(a.getByText('Your card is saved; nothing is held now.', { exact: false })).toBeVisible();
  await shot(a, 'me');
  await a.goto(`/g/${code}`);

  await closeTestGroup(request, code);
  const intents = await eventually(
    () => intentsForGroup(request, code),
    (pis) => pis.length === 1 && pis[0]?.status === 'succeeded',
  );
  expect(intents).toHaveLength(1);
  expect(intents[0]).toMatchObject({ status: 'succeeded', amount_received: 4000 });
  await a.reload();
  await expect(a.getByTestId('group-banner')).toContainText('Charged $40.00');
  await shot(a, 'won');
});

test('the deal editor says which way the typed window makes buyers pay', async ({ browser }) => {
  const ctx = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { 'x-forwarded-for': '10.77.1.1' },
  });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await signInMerchant(page);
  await page.goto('/merchant/deals/new');
  const mode = page.getByTestId('window-mode');
  await page.getByLabel('Time to fill').fill('3');
  await page.getByLabel('Unit').selectOption('days');
  await expect(mode).toContainText('This window holds cards.');
  await page.getByLabel('Time to fill').fill('14');
  await expect(mode).toContainText('This window saves cards.');
  await expect(mode).toContainText('gets 7 days to fix it');
  await shot(page, 'deal-editor');

  // The seeded 14-day demo deal: its members saved cards, and the console says so (never "Hold placed").
  await page.goto('/merchant');
  await page.getByRole('link', { name: 'Hand-stitched cotton quilt, queen size' }).first().click();
  // The dashboard lists groups of every deal too: pick a group only once the quilt's own page is open.
  await page.waitForURL(/\/merchant\/deals\/[^/]+$/);
  await expect(page.getByRole('heading', { name: 'Hand-stitched cotton quilt, queen size' })).toBeVisible();
  await page
    .getByRole('link', { name: /’s group$/ })
    .first()
    .click();
  const rows = page.locator('[data-testid^="member-"]');
  await expect(rows.first()).toContainText('Card saved');
  await expect(page.getByText('Hold placed')).toHaveCount(0);
  await shot(page, 'merchant-group');
});
