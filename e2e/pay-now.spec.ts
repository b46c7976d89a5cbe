// Pay now with a wallet that cannot be held (issue 16): in demo mode a buyer chooses WeChat Pay, sees the
// payment's QR code, simulates the scan, and is in the group having paid; when the group wins at a lower
// price, the page says the difference was refunded. The demo shop accepts WeChat Pay (db/seed.ts).
// Set SHOTS_DIR to keep screenshots of each step at phone and desktop sizes.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './helpers/fixtures';
import { DEMO_MERCHANT, signInMerchant } from './helpers/merchant';
import { closeTestGroup, createTestDeal, joinGroup, openGroupFromDealPage } from './helpers/shopper';

const contexts: BrowserContext[] = [];
let clients = 0;

async function newPage(browser: Browser, viewport = { width: 390, height: 844 }): Promise<Page> {
  clients += 1;
  const ctx = await browser.newContext({
    viewport,
    extraHTTPHeaders: { 'x-forwarded-for': `10.93.0.${clients}` },
  });
  contexts.push(ctx);
  return ctx.newPage();
}

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** A screenshot at the phone size the page is at, and one at desktop size, when SHOTS_DIR is set. */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  await page.screenshot({ path: path.join(dir, `${name}-390.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(dir, `${name}-1280.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

test('a buyer pays with WeChat Pay in demo mode, scans the QR code, and gets the difference back when the group wins lower', async ({
  browser,
  request,
}) => {
  const deal = await createTestDeal(request, {
    ownerEmail: DEMO_MERCHANT.email,
    title: 'Wallet test teapot',
    listPrice: 5000,
    tiers: [
      { minMembers: 1, unitPrice: 4000 },
      { minMembers: 2, unitPrice: 3000 },
    ],
  } as Parameters<typeof createTestDeal>[1]);
  const wen = await newPage(browser);
  const code = await openGroupFromDealPage(wen, deal.slug);

  const form = wen.getByTestId('join-form');
  await form.getByLabel('Your name in the group').fill('Wen');
  await form.getByLabel('E-mail', { exact: true }).fill('wen@example.test');
  const payWith = form.getByTestId('pay-with');
  await expect(payWith.getByRole('radio', { name: /^Card/ })).toBeChecked();
  await payWith.getByRole('radio', { name: /^WeChat Pay/ }).check();
  // Said plainly before paying: paid now, the difference or everything comes back.
  await expect(form.getByTestId('hold-wording')).toHaveText(
    "WeChat Pay can't hold money: you pay $40.00 now, and when the group closes we refund the difference if the price dropped, or everything if the group doesn't go ahead.",
  );
  // No test cards for a wallet.
  await expect(form.getByLabel('Card that succeeds')).toHaveCount(0);
  await shoot(wen, 'pay-now-1-form');
  await form.getByRole('button', { name: 'Join and pay $40.00 with WeChat Pay' }).click();

  const qr = wen.getByTestId('wallet-qr');
  await expect(qr.getByText('Scan with WeChat to pay $40.00')).toBeVisible();
  await expect(qr.getByRole('img', { name: 'QR code to pay $40.00 with WeChat Pay' })).toBeVisible();
  await expect(qr.locator('svg')).toBeVisible();
  await shoot(wen, 'pay-now-2-qr');
  await qr.getByRole('button', { name: 'Simulate the scan (demo)' }).click();

  const panel = wen.getByTestId('member-panel');
  await expect(panel).toContainText(
    'You paid $40.00; if the price drops you get the difference back at close.',
  );
  await expect(panel).not.toContainText('hold');
  await shoot(wen, 'pay-now-3-paid');

  // "My groups" says the same, and leaving offers the payment back (no hold to release).
  const me = await wen.context().newPage();
  await me.goto('/me');
  await expect(
    me.getByText('You paid $40.00; if the price drops you get the difference back at close.'),
  ).toBeVisible();
  await me.getByRole('button', { name: /^Leave/ }).click();
  await expect(me.getByText('Leave and get your payment back in full?')).toBeVisible();
  await shoot(me, 'pay-now-3-me');
  await me.getByRole('button', { name: 'Stay' }).click();
  await me.close();

  // A second buyer joins with a card: the price drops to $30.00, and the page says what would come back.
  const bo = await newPage(browser);
  await bo.goto(`/g/${code}`);
  await joinGroup(bo, { alias: 'Bo' });
  await expect(panel).toContainText(
    "At today's price you pay $30.00: $10.00 would come back to you at close.",
  );

  // The shop's page for the group (listed on the console's home while the group is open).
  const shop = await newPage(browser, { width: 1280, height: 800 });
  await signInMerchant(shop);
  const href = await shop
    .getByTestId(`live-group-${code}`)
    .locator('a[href^="/merchant/groups/"]')
    .first()
    .getAttribute('href');
  expect(href).toBeTruthy();

  await closeTestGroup(request, code);
  await expect(wen.getByTestId('group-banner')).toContainText(
    "You paid $40.00; $10.00 was refunded: the group's price is $30.00.",
    { timeout: 30_000 },
  );
  await shoot(wen, 'pay-now-4-won');

  // The order's receipt: paid with WeChat Pay, the difference refunded; never "held on your card".
  await wen.getByRole('link', { name: 'See your order' }).click();
  const receipt = wen.getByTestId('order-receipt');
  await expect(receipt).toContainText('Paid with WeChat Pay');
  await expect(receipt).toContainText('$40.00');
  await expect(receipt).toContainText('Refunded');
  await expect(receipt).toContainText('$10.00');
  await expect(receipt).not.toContainText('Held on your card');
  const where = wen.getByTestId('order-status');
  await expect(where).toContainText('Group went ahead');
  await expect(where).not.toContainText('card charged');
  await shoot(wen, 'pay-now-5-order');

  // The shop's console marks the member who paid with WeChat Pay.
  await shop.goto(href ?? '/merchant');
  await expect(shop.getByTestId('member-Wen')).toContainText('WeChat Pay, paid at join');
  await shoot(shop, 'pay-now-6-console');
});
