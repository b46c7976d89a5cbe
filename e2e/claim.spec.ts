// A guest buyer keeps their groups on an e-mail address through a magic link (dev outbox in tests).
import { expect, test } from './helpers/fixtures';
import { createTestDeal, joinGroup, openGroupFromDealPage } from './helpers/shopper';

test('a guest buyer claims their groups with an e-mailed sign-in link', async ({ browser, request }) => {
  const deal = await createTestDeal(request, {
    title: `Claimable teapot ${Date.now()}`,
    listPrice: 4000,
    tiers: [{ minMembers: 2, unitPrice: 3000 }],
  });
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    extraHTTPHeaders: { 'x-forwarded-for': '10.77.0.1' },
  });
  try {
    const page = await ctx.newPage();
    await openGroupFromDealPage(page, deal.slug);
    await joinGroup(page, { alias: 'Keeper' });

    await page.goto('/me');
    await expect(page.getByTestId('my-groups')).toContainText('Claimable teapot');
    const email = `keeper-${Date.now()}@example.test`;
    await page.getByLabel('E-mail').fill('not-an-address');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByText('Enter an e-mail address like name@example.com.')).toBeVisible();
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByTestId('claim-sent')).toContainText(email);

    await page.goto('/dev/outbox');
    const message = page.getByRole('listitem').filter({ hasText: email }).first();
    await expect(message).toBeVisible();
    await message.getByRole('link', { name: /magic-link\/verify/ }).click();
    await page.waitForURL(/\/me$/);

    await expect(page.getByTestId('signed-in-as')).toContainText(email);
    await expect(page.getByTestId('my-groups')).toContainText('Claimable teapot');
    await expect(page.getByText('Keep your groups')).toHaveCount(0);
  } finally {
    await ctx.close();
  }
});
