// The group room (issue 17): a member asks, the shop answers from the concierge inbox and the member sees it
// live; a newcomer reads nothing said before they joined; a product card posted by staff leads a member to
// open a group on another deal.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './helpers/fixtures';
import { DEMO_MERCHANT, signInMerchant } from './helpers/merchant';
import { seriousAxeViolations } from './helpers/axe';
import { createTestDeal, openGroupFromDealPage, submitJoin } from './helpers/shopper';

const contexts: BrowserContext[] = [];
let clients = 0;

async function newPage(browser: Browser, viewport = { width: 390, height: 844 }): Promise<Page> {
  clients += 1;
  const ctx = await browser.newContext({
    viewport,
    extraHTTPHeaders: { 'x-forwarded-for': `10.91.0.${clients}` },
  });
  contexts.push(ctx);
  return ctx.newPage();
}

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** Joins the group open on `page` as `alias` and returns its room. */
async function joinAndOpenRoom(page: Page, alias: string) {
  await submitJoin(page, { alias, email: `${alias.toLowerCase()}-${Date.now()}@example.test` });
  await expect(page.getByTestId('member-panel')).toBeVisible();
  const room = page.getByTestId('room');
  await expect(room.getByRole('heading', { name: 'Group chat' })).toBeVisible();
  return room;
}

/** The shop's inbox with the room of the deal titled `title` open. */
async function openInboxRoom(staff: Page, title: string) {
  await staff.goto('/merchant/inbox');
  await staff.getByTestId('inbox-row').filter({ hasText: title }).first().click();
  const room = staff.getByTestId('inbox-room');
  await expect(room).toBeVisible();
  return room;
}

test('a member asks, the shop answers from the inbox and the member sees it live; a newcomer reads nothing from before', async ({
  browser,
  request,
}) => {
  const title = `Room kettle ${Date.now()}`;
  const deal = await createTestDeal(request, {
    ownerEmail: DEMO_MERCHANT.email,
    title,
    listPrice: 5000,
    tiers: [{ minMembers: 3, unitPrice: 4000 }],
  });
  const ana = await newPage(browser);
  const code = await openGroupFromDealPage(ana, deal.slug);
  const anaRoom = await joinAndOpenRoom(ana, 'Ana');
  await anaRoom.getByLabel('Your message').fill('Does it come in blue?');
  await anaRoom.getByRole('button', { name: 'Send' }).click();
  // The sent message, not the box that still holds the text until the send returns.
  await expect(anaRoom.getByTestId('room-message').getByText('Does it come in blue?')).toBeVisible();

  const staff = await newPage(browser, { width: 1280, height: 800 });
  await signInMerchant(staff);
  await staff.goto('/merchant/inbox');
  // A member's question waits for a reply: that room is first.
  await expect(staff.getByTestId('inbox-row').first()).toContainText(title);
  await expect(staff.getByTestId('inbox-row').first()).toContainText('Waiting for a reply');
  const inboxRoom = await openInboxRoom(staff, title);
  await expect(inboxRoom.getByText('Does it come in blue?')).toBeVisible();
  await inboxRoom.getByLabel(/^Reply as /).fill('Yes: blue and green.');
  await inboxRoom.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(inboxRoom.getByText('Yes: blue and green.')).toBeVisible();
  expect(await seriousAxeViolations(staff), 'concierge inbox').toEqual([]);
  await staff.screenshot({ path: 'test-results/room-inbox-1280x800.png', fullPage: true });

  // Live on the member's page, with the staff badge; no reload.
  await expect(anaRoom.getByText('Yes: blue and green.')).toBeVisible();
  await expect(anaRoom.getByText('Staff', { exact: true })).toBeVisible();
  expect(await seriousAxeViolations(ana), 'group room').toEqual([]);
  await ana.screenshot({ path: 'test-results/room-member-390x844.png', fullPage: true });

  // A newcomer joins later: the room starts from their join.
  const ben = await newPage(browser);
  await ben.goto(`/g/${code}`);
  const benRoom = await joinAndOpenRoom(ben, 'Ben');
  await expect(benRoom.getByText('Ben joined')).toBeVisible();
  await expect(benRoom.getByText('Does it come in blue?')).toHaveCount(0);
  await expect(benRoom.getByText('Yes: blue and green.')).toHaveCount(0);
  await benRoom.getByLabel('Your message').fill('Hi all!');
  await benRoom.getByRole('button', { name: 'Send' }).click();
  await expect(anaRoom.getByText('Hi all!')).toBeVisible();
  await ben.setViewportSize({ width: 1280, height: 800 });
  await ben.screenshot({ path: 'test-results/room-newcomer-1280x800.png', fullPage: true });
});

test('a product card from the shop leads a member to open a group on another deal', async ({
  browser,
  request,
}) => {
  const stamp = Date.now();
  const here = await createTestDeal(request, {
    ownerEmail: DEMO_MERCHANT.email,
    title: `Room teapot ${stamp}`,
    listPrice: 5000,
    tiers: [{ minMembers: 3, unitPrice: 4000 }],
  });
  const other = await createTestDeal(request, {
    ownerEmail: DEMO_MERCHANT.email,
    title: `Room cups ${stamp}`,
    listPrice: 3000,
    tiers: [
      { minMembers: 2, unitPrice: 2500 },
      { minMembers: 4, unitPrice: 2000 },
    ],
  });
  const mia = await newPage(browser);
  await openGroupFromDealPage(mia, here.slug);
  const room = await joinAndOpenRoom(mia, 'Mia');

  const staff = await newPage(browser, { width: 1280, height: 800 });
  await signInMerchant(staff);
  const inboxRoom = await openInboxRoom(staff, `Room teapot ${stamp}`);
  await inboxRoom.getByLabel('Post a product card').selectOption({ label: `Room cups ${stamp}` });
  await inboxRoom.getByRole('button', { name: 'Post card' }).click();

  const card = room.getByTestId('room-card');
  await expect(card).toContainText(`Room cups ${stamp}`);
  await expect(card).toContainText('$25.00');
  await card.getByRole('link', { name: 'Open a group' }).click();
  await expect(mia).toHaveURL(new RegExp(`/d/${other.slug}`));
  await mia.getByRole('button', { name: 'Start a new group' }).click();
  await expect(mia).toHaveURL(/\/g\/[a-z0-9]+\?join=1/);
  await expect(mia.getByRole('heading', { name: `Room cups ${stamp}` })).toBeVisible();
});

test('a shop opens a community; a visitor joins it by its link under a name, talks, and the shop answers from the inbox', async ({
  browser,
}) => {
  const title = `Spring class ${Date.now()}`;
  const staff = await newPage(browser, { width: 1280, height: 800 });
  await signInMerchant(staff);
  await staff.goto('/merchant/communities');
  await staff.getByLabel('Name').fill(title);
  await staff.getByLabel('Description').fill('For everyone in the spring pottery class.');
  await staff.getByRole('button', { name: 'Create community' }).click();
  const link = staff.getByLabel(`Link to ${title}`);
  await expect(link).toBeVisible();
  const url = new URL(await link.inputValue());
  expect(url.pathname).toMatch(/^\/r\/[A-Za-z0-9]+$/);
  expect(await seriousAxeViolations(staff), 'communities').toEqual([]);
  await staff.screenshot({ path: 'test-results/room-communities-1280x800.png', fullPage: true });

  const kai = await newPage(browser);
  await kai.goto(url.pathname);
  await expect(kai.getByRole('heading', { name: title })).toBeVisible();
  await kai.getByLabel('Your name here').fill('Kai');
  await kai.getByRole('button', { name: 'Join', exact: true }).click();
  const room = kai.getByTestId('room');
  await expect(room).toBeVisible();
  await room.getByLabel('Your message').fill('When is the first lesson?');
  await room.getByRole('button', { name: 'Send' }).click();
  await expect(room.getByTestId('room-message').getByText('When is the first lesson?')).toBeVisible();
  expect(await seriousAxeViolations(kai), 'community page').toEqual([]);
  await kai.screenshot({ path: 'test-results/room-community-390x844.png', fullPage: true });

  const inboxRoom = await openInboxRoom(staff, title);
  await expect(inboxRoom.getByText('When is the first lesson?')).toBeVisible();
  await inboxRoom.getByLabel(/^Reply as /).fill('Saturday at ten.');
  await inboxRoom.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(room.getByText('Saturday at ten.')).toBeVisible();

  // Leaving takes the room away; the page offers the join form again.
  kai.once('dialog', (d) => void d.accept());
  await kai.getByRole('button', { name: 'Leave the community' }).click();
  await expect(kai.getByLabel('Your name here')).toBeVisible();
  await expect(kai.getByText('When is the first lesson?')).toHaveCount(0);
});
