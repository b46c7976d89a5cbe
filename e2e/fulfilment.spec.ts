// Fulfilment end to end (issue 14): a buyer joins with a delivery address, the group wins, the merchant marks
// it shipped by uploading a tracking CSV (a bad file changes nothing) and the buyer reads the tracking on
// their order page; a pickup buyer's QR code is scanned by the merchant's pickup desk through a camera
// (Chromium fed a video of the code), and a second scan says it was already picked up.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { writeQrVideo } from './helpers/fake-camera';
import { expect, test } from './helpers/fixtures';
import { DEMO_MERCHANT, signInMerchant } from './helpers/merchant';
import { closeTestGroup, createTestDeal, openGroupFromDealPage, submitJoin } from './helpers/shopper';

const CHROMIUM = '/usr/bin/chromium';
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const contexts: BrowserContext[] = [];
let clients = 0;

async function newContext(browser: Browser, viewport = { width: 390, height: 844 }): Promise<BrowserContext> {
  clients += 1;
  const ctx = await browser.newContext({
    viewport,
    extraHTTPHeaders: { 'x-forwarded-for': `10.88.0.${clients}` },
  });
  contexts.push(ctx);
  return ctx;
}

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** Joins, wins the group and opens the buyer's order page; returns the page and the order number. */
async function buyAndWin(
  browser: Browser,
  request: Parameters<typeof createTestDeal>[0],
  fulfilment: unknown,
  alias: string,
): Promise<{ buyer: Page; number: string }> {
  const deal = await createTestDeal(request, {
    ownerEmail: DEMO_MERCHANT.email,
    listPrice: 5000,
    tiers: [{ minMembers: 1, unitPrice: 4000 }],
    fulfilment,
  } as Parameters<typeof createTestDeal>[1]);
  const buyer = await (await newContext(browser)).newPage();
  const code = await openGroupFromDealPage(buyer, deal.slug);
  await submitJoin(buyer, { alias });
  await expect(buyer.getByTestId('member-panel')).toBeVisible();
  await closeTestGroup(request, code);
  await expect(buyer.getByTestId('group-banner')).toContainText('Charged', { timeout: 30_000 });
  await buyer.getByRole('link', { name: 'See your order' }).click();
  await expect(buyer.getByTestId('order-page')).toBeVisible();
  const title = (await buyer.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const number = /FL-[A-Z0-9]+/.exec(title)?.[0];
  if (!number) throw new Error(`no order number in "${title}"`);
  return { buyer, number };
}

test('shipping: the hold covers the goods and shipping, a tracking CSV marks it shipped, the buyer sees it', async ({
  browser,
  request,
}) => {
  const { buyer, number } = await buyAndWin(
    browser,
    request,
    {
      shipping: { countries: ['US'], pricing: 'per_order', price: 500, dispatchDays: 3 },
      pickup: null,
      voucher: null,
    },
    'Sam',
  );
  // $40.00 goods + $5.00 shipping, charged in full at the one-person price.
  await expect(buyer.getByTestId('order-receipt')).toContainText('$45.00');
  await expect(buyer.getByTestId('order-shipping')).toContainText('1 Main Street');

  const merchant = await (await newContext(browser, { width: 1280, height: 800 })).newPage();
  await signInMerchant(merchant);
  await merchant.goto('/merchant/orders/import');
  const header = 'order_number,carrier,tracking_number,tracking_url';
  // A file with one unknown order is refused row by row and changes nothing.
  await merchant
    .getByLabel('Or paste its rows')
    .fill(`${header}\n${number},UPS,1Z999AA10123456784,https://www.ups.com/track\nFL-NOPE0000,UPS,1,`);
  await merchant.getByRole('button', { name: 'Check the rows' }).click();
  await expect(merchant.getByText(/1 row of 2 need fixing/)).toBeVisible();
  await expect(merchant.getByRole('button', { name: /Mark .* shipped/ })).toHaveCount(0);
  await buyer.reload();
  await expect(buyer.getByTestId('tracking-number')).toHaveCount(0);

  await merchant
    .getByLabel('Or paste its rows')
    .fill(`${header}\n${number},UPS,1Z999AA10123456784,https://www.ups.com/track`);
  await merchant.getByRole('button', { name: 'Check the rows' }).click();
  await expect(merchant.getByText('The row is valid.')).toBeVisible();
  await merchant.getByRole('button', { name: 'Mark 1 order shipped' }).click();
  await expect(merchant.getByText('1 order is marked shipped.')).toBeVisible();

  await buyer.reload();
  await expect(buyer.getByTestId('tracking-number')).toHaveText('1Z999AA10123456784');
  await buyer.screenshot({ path: 'test-results/fulfilment-order-shipped-390.png', fullPage: true });
});

test('pickup: the desk scans the buyer’s QR code through the camera; a second scan says it was already picked up', async ({
  browser,
  request,
}, testInfo) => {
  const { buyer } = await buyAndWin(
    browser,
    request,
    {
      shipping: null,
      pickup: {
        points: [
          {
            id: 'desk0001',
            name: 'Tenjin shop',
            address: '2-1 Tenjin, Chuo-ku, Fukuoka',
            hours: 'Daily 10:00–19:00',
            windowDays: 7,
            capacity: null,
          },
        ],
      },
      voucher: null,
    },
    'Pia',
  );
  const code = ((await buyer.getByTestId('pickup-code').textContent()) ?? '').trim();
  expect(code).toMatch(/^[A-Z0-9-]{6,}$/);
  await buyer.screenshot({ path: 'test-results/fulfilment-order-pickup-390.png', fullPage: true });

  // The desk's phone: a browser whose camera shows the buyer's QR code.
  fs.mkdirSync(testInfo.outputDir, { recursive: true });
  const video = await writeQrVideo(code, path.join(testInfo.outputDir, 'pickup-qr.y4m'));
  const desk = await chromium.launch({
    ...(fs.existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
    args: [
      ...BASE_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const ctx = await desk.newContext({
      baseURL: testInfo.project.use.baseURL,
      viewport: { width: 390, height: 844 },
      permissions: ['camera'],
      extraHTTPHeaders: { 'x-forwarded-for': '10.88.1.1' },
    });
    const page = await ctx.newPage();
    await signInMerchant(page);
    await page.goto('/merchant/pickup');
    await page.getByRole('button', { name: 'Start the camera' }).click();
    const answer = page.getByTestId('desk-answer');
    await expect(answer).toContainText('Picked up', { timeout: 20_000 });
    await page.screenshot({ path: 'test-results/fulfilment-pickup-desk-390.png', fullPage: true });

    // The same code again, typed: it was handed over already, and the desk says when and by whom.
    await page.getByRole('button', { name: 'Next buyer' }).click();
    await page.getByRole('button', { name: 'Stop the camera' }).click();
    await page.getByLabel('Type a code').fill(code);
    await page.getByRole('button', { name: 'Check in' }).click();
    await expect(answer).toContainText('Already picked up');
  } finally {
    await desk.close();
  }
  await buyer.reload();
  await expect(buyer.getByTestId('order-status-sentence')).toContainText(/picked up/i);
});
