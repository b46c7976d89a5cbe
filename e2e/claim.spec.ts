// A guest buyer keeps their groups on an e-mail address through a magic link (dev outbox in tests).
import { expect, test, type Page } from './helpers/fixtures';
import { seriousAxeViolations } from './helpers/axe';
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
    expect(await seriousAxeViolations(page), 'my groups, signed in').toEqual([]);
    await page.screenshot({ path: 'test-results/claim-me-signed-in-390x844.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-results/claim-me-signed-in-1280x800.png', fullPage: true });

    // Signing out leaves this browser with nothing of the account.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
    await expect(page.getByText('You have not joined a group on this device yet.')).toBeVisible();
  } finally {
    await ctx.close();
  }
});

/** The sign-in link of the newest message to `email` in the dev outbox. */
async function signInLink(page: Page, email: string): Promise<string> {
  await page.goto('/dev/outbox');
  const message = page.getByRole('listitem').filter({ hasText: email }).first();
  await expect(message).toBeVisible();
  const href = await message.getByRole('link', { name: /magic-link\/verify/ }).getAttribute('href');
  if (!href) throw new Error('no sign-in link in the message');
  return href;
}

test('the sign-in link opened in another browser keeps the groups; an open group tab follows a claim made in another tab', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const deal = await createTestDeal(request, {
    title: `Travelling teapot ${Date.now()}`,
    listPrice: 4000,
    tiers: [{ minMembers: 3, unitPrice: 3000 }],
  });
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    extraHTTPHeaders: { 'x-forwarded-for': '10.77.0.2' },
  });
  const laptop = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { 'x-forwarded-for': '10.77.0.3' },
  });
  const friend = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.77.0.4' } });
  try {
    // On the phone (a chat app's browser): join as a guest and ask for a link.
    const page = await phone.newPage();
    const code = await openGroupFromDealPage(page, deal.slug);
    await joinGroup(page, { alias: 'Wanderer' });
    await page.goto('/me');
    const email = `wanderer-${Date.now()}@example.test`;
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByTestId('claim-sent')).toContainText(email);

    // On the laptop (no guest cookie there): the link signs in and the group is on the account.
    const other = await laptop.newPage();
    await other.goto(await signInLink(other, email));
    await other.waitForURL(/\/me$/);
    await expect(other.getByTestId('signed-in-as')).toContainText(email);
    await expect(other.getByTestId('my-groups')).toContainText('Travelling teapot');
    await expect(other.getByTestId('my-groups')).toContainText('As Wanderer');
    expect(await seriousAxeViolations(other)).toEqual([]);
    await other.screenshot({ path: 'test-results/claim-other-device-1280x800.png', fullPage: true });
    await other.goto(`/g/${code}`);
    await expect(other.getByTestId('member-panel')).toBeVisible();

    // Same browser, two tabs: a guest's group page stays open while the link is opened in another tab.
    const home = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.77.0.5' } });
    try {
      const groupTab = await home.newPage();
      await groupTab.goto(`/g/${code}`);
      await joinGroup(groupTab, { alias: 'Homebody' });
      const meTab = await home.newPage();
      await meTab.goto('/me');
      const homeEmail = `homebody-${Date.now()}@example.test`;
      await meTab.getByLabel('E-mail').fill(homeEmail);
      await meTab.getByRole('button', { name: 'Send me a link' }).click();
      await expect(meTab.getByTestId('claim-sent')).toContainText(homeEmail);
      const session = (p: Page) => p.waitForResponse((r) => r.url().includes('/api/auth/get-session'));
      // The group tab goes to the background (headless tabs do not switch focus by themselves).
      await Promise.all([
        session(groupTab),
        groupTab.evaluate(() => window.dispatchEvent(new Event('blur'))),
      ]);
      await meTab.goto(await signInLink(meTab, homeEmail));
      await meTab.waitForURL(/\/me$/);
      await expect(meTab.getByTestId('signed-in-as')).toContainText(homeEmail);
      await Promise.all([
        session(groupTab),
        groupTab.evaluate(() => window.dispatchEvent(new Event('focus'))),
      ]);
      // A friend joins: the group tab, now watching as the e-mail account, still shows Homebody's member view.
      const pal = await friend.newPage();
      await pal.goto(`/g/${code}`);
      await joinGroup(pal, { alias: 'Pal' });
      await expect(groupTab.getByTestId('members')).toContainText('Pal');
      await expect(groupTab.getByTestId('member-panel')).toBeVisible();
    } finally {
      await home.close();
    }
  } finally {
    await phone.close();
    await laptop.close();
    await friend.close();
  }
});
