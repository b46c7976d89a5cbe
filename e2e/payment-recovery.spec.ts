// Fix your payment end to end (issue 16): a member whose capture is refused at close keeps their place
// (the group still wins at its price), receives the "fix your payment" link (dev outbox), opens it in a
// browser without their session, is refused once with a declined card, pays with another test card (3-D
// Secure approved on the demo's stand-in for the bank), and the merchant sees the payment paid and the
// order to fulfil. Screenshots of the pay page and the merchant's pages at phone and desktop sizes.
import type { Browser, BrowserContext } from '@playwright/test';
import { expect, test } from './helpers/fixtures';
import { DEMO_MERCHANT, signInMerchant } from './helpers/merchant';
import {
  closeTestGroup,
  createTestDeal,
  injectEmulatorFault,
  intentsForGroup,
  openGroupFromDealPage,
  submitJoin,
} from './helpers/shopper';

const contexts: BrowserContext[] = [];
let clients = 0;

async function newContext(browser: Browser, viewport = { width: 390, height: 844 }): Promise<BrowserContext> {
  clients += 1;
  const ctx = await browser.newContext({
    viewport,
    extraHTTPHeaders: { 'x-forwarded-for': `10.89.0.${clients}` },
  });
  contexts.push(ctx);
  return ctx;
}

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

test('a refused capture: the buyer gets the link, pays with another card, the merchant sees the order to fulfil', async ({
  browser,
  request,
}) => {
  const title = `Recovery mugs ${Date.now()}`;
  const deal = await createTestDeal(request, {
    title,
    ownerEmail: DEMO_MERCHANT.email,
    listPrice: 5000,
    tiers: [{ minMembers: 1, unitPrice: 4000 }],
    fulfilment: {
      shipping: { countries: ['US'], pricing: 'per_order', price: 500, dispatchDays: 3 },
      pickup: null,
      voucher: null,
    },
  } as Parameters<typeof createTestDeal>[1]);
  const buyer = await (await newContext(browser)).newPage();
  const code = await openGroupFromDealPage(buyer, deal.slug);
  const email = `rita-${Date.now()}@example.test`;
  await submitJoin(buyer, { alias: 'Rita', email });
  await expect(buyer.getByTestId('member-panel')).toBeVisible();

  // The bank refuses the capture at close, for good.
  const [hold] = await intentsForGroup(request, code);
  if (!hold) throw new Error('no hold for the group');
  await injectEmulatorFault(request, { path: `/v1/payment_intents/${hold.id}/capture`, status: 402 });
  await closeTestGroup(request, code);
  await expect(buyer.getByTestId('group-banner')).toContainText('your payment of $45.00 did not go through', {
    timeout: 30_000,
  });
  await expect(buyer.getByTestId('pay-now')).toBeVisible();
  await buyer.screenshot({ path: 'test-results/pay-group-due-390x844.png', fullPage: true });

  // The link reaches the dev outbox.
  const mail = await (await newContext(browser, { width: 1280, height: 800 })).newPage();
  await mail.goto('/dev/outbox');
  const message = mail
    .getByRole('listitem')
    .filter({ hasText: email })
    .filter({ hasText: `Action needed: fix your payment for ${title}` });
  await expect(async () => {
    await mail.reload();
    await expect(message).toHaveCount(1);
  }).toPass({ timeout: 20_000 });
  await expect(message).toContainText('your bank declined the payment');
  const link = await message
    .getByRole('link', { name: /\/pay\// })
    .first()
    .getAttribute('href');
  expect(link).toBeTruthy();

  // Opened where the buyer has no session: the link is enough, and shows only their own payment.
  const payer = await (await newContext(browser)).newPage();
  await payer.goto(new URL(link ?? '').pathname);
  await expect(payer.getByRole('heading', { name: 'Pay $45.00 to keep your order' })).toBeVisible();
  await expect(payer.getByTestId('pay-amount')).toHaveText('$45.00');
  await expect(payer.getByTestId('pay-why')).toContainText('your bank declined the payment');
  await payer.screenshot({ path: 'test-results/pay-due-390x844.png', fullPage: true });
  await payer.setViewportSize({ width: 1280, height: 800 });
  await payer.screenshot({ path: 'test-results/pay-due-1280x800.png', fullPage: true });
  await payer.setViewportSize({ width: 390, height: 844 });

  await payer.getByLabel('Card that is declined').check();
  await payer.getByTestId('pay-submit').click();
  await expect(payer.getByTestId('pay-error')).toContainText('That card did not work');
  // Another card, which the bank wants confirmed (3-D Secure; the demo stands in for the bank's page).
  await payer.getByLabel('Needs authentication').check();
  await payer.getByTestId('pay-submit').click();
  await expect(payer.getByTestId('pay-authenticate')).toBeVisible();
  await payer.screenshot({ path: 'test-results/pay-authenticate-390x844.png', fullPage: true });
  await payer.getByRole('button', { name: 'Approve' }).click();
  await expect(payer.getByRole('heading', { name: 'Paid: $45.00' })).toBeVisible();
  await payer.screenshot({ path: 'test-results/pay-paid-390x844.png', fullPage: true });

  // The buyer's own page says charged; their order number is on the order page.
  await buyer.reload();
  await expect(buyer.getByTestId('group-banner')).toContainText('Charged', { timeout: 15_000 });
  await buyer.screenshot({ path: 'test-results/pay-group-paid-390x844.png', fullPage: true });
  await buyer.getByRole('link', { name: 'See your order' }).click();
  await expect(buyer.getByTestId('order-page')).toBeVisible();
  const heading = (await buyer.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const number = /FL-[A-Z0-9]+/.exec(heading)?.[0];
  if (!number) throw new Error(`no order number in "${heading}"`);

  // The merchant sees the payment paid and the order to fulfil.
  const merchant = await (await newContext(browser, { width: 1280, height: 800 })).newPage();
  await signInMerchant(merchant);
  await merchant.goto('/merchant/payments');
  const row = merchant.getByTestId('payments-due').getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('Rita');
  await expect(row).toContainText('Paid');
  await merchant.screenshot({ path: 'test-results/merchant-payments-1280x800.png', fullPage: true });
  await merchant.setViewportSize({ width: 390, height: 844 });
  await merchant.screenshot({ path: 'test-results/merchant-payments-390x844.png', fullPage: true });
  await merchant.setViewportSize({ width: 1280, height: 800 });
  await row.getByRole('link').click();
  await merchant.waitForURL(/\/merchant\/groups\//);
  await expect(merchant.getByRole('heading', { name: 'Payments due' })).toBeVisible();
  await expect(merchant.getByTestId('payments-due')).toContainText('Paid');
  await merchant.screenshot({ path: 'test-results/merchant-group-due-1280x800.png', fullPage: true });
  await merchant.goto('/merchant/orders?status=to_fulfil');
  await expect(merchant.getByTestId(`order-${number}`)).toBeVisible();
  await expect(merchant.getByTestId(`order-${number}`)).toContainText('To fulfil');
});

test('an expired or broken link says so plainly', async ({ browser }) => {
  const page = await (await newContext(browser)).newPage();
  await page.goto('/pay/not-a-real-token.abc');
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
});
