// Helper-sellers and openers get paid (issue 18), in real browsers against the real server, database and
// Stripe emulator: an opener brings two friends with their invite link, the group wins, the opener reads
// their reward, connects a payout account through the demo onboarding and sees both commissions paid.
import { expect, test, type Browser, type BrowserContext, type Page } from './helpers/fixtures';
import { seriousAxeViolations } from './helpers/axe';
import { closeTestGroup, createTestDeal, joinGroup, submitJoin } from './helpers/shopper';

const contexts: BrowserContext[] = [];
let buyerCount = 0;

// Each person is their own browser context (own cookies, own session, own address), like separate phones.
async function newPerson(browser: Browser): Promise<Page> {
  buyerCount += 1;
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    extraHTTPHeaders: { 'x-forwarded-for': `10.77.0.${buyerCount + 1}` },
  });
  contexts.push(ctx);
  return ctx.newPage();
}

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** Reloads `page` until `check` passes (state the worker settles in the background). */
async function untilReloaded(page: Page, check: () => Promise<void>, timeout = 45_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [500, 1000, 2000] });
}

/** The commission row on /me for the friend `alias` shows `amount`. */
async function expectCommission(page: Page, alias: string, amount: string): Promise<void> {
  const row = page
    .getByTestId('earnings')
    .getByTestId('commission')
    .filter({ hasText: `${alias} in your group for` });
  await expect(row.getByTestId('commission-amount')).toHaveText(amount);
}

test('a sharer brings two friends, the group wins, and the sharer connects and is paid 10% of each charge', async ({
  browser,
  request,
}) => {
  const title = `Commission kettle ${Date.now()}`;
  // $50.00 list, $40.00 each from 2 people; the opener gets half off if 3 are in; 10% commission, no wait.
  const terms = {
    title,
    listPrice: 5000,
    tiers: [{ minMembers: 2, unitPrice: 4000 }],
    perBuyerMax: 2,
    openerReward: { minMembers: 3, percent: 50, cap: null },
    commissionBps: 1000,
    commissionHoldDays: 0,
  };
  const deal = await createTestDeal(request, terms);

  const a = await newPerson(browser);
  await a.goto(`/d/${deal.slug}`);
  await expect(a.getByTestId('opener-reward-offer')).toHaveText(
    'Open a group: if it reaches 3 people, you get 50% off yours.',
  );
  expect(await seriousAxeViolations(a), 'deal page').toEqual([]);
  await a.getByRole('button', { name: 'Start a new group' }).click();
  await a.waitForURL(/\/g\/[a-z0-9]{8,16}\?join=1$/);
  const code = new URL(a.url()).pathname.split('/').pop() ?? '';
  await joinGroup(a, { alias: 'Ann' });

  // The opener reads their reward; as a member they read the commission their link earns.
  await expect(a.getByTestId('opener-reward')).toHaveText(
    'You opened this group: if it has 3 people when it closes, you get 50% off your order.',
  );
  const share = a.getByTestId('share-panel');
  await expect(share.getByTestId('commission-terms')).toHaveText(
    'Friends who join with your link and are charged earn you 10% of what they pay, paid once their charge goes through. It is sent to the payout account you connect on My groups.',
  );
  await expect(share.getByTestId('share-message')).toContainText(
    'If it reaches 3 people, I get 50% off mine.',
  );
  expect(await seriousAxeViolations(a), 'group page, opener').toEqual([]);
  const invite = await a.getByTestId('invite-link').inputValue();

  // B (two units) and C (one) join through Ann's personal link.
  const friends: Page[] = [];
  for (const [alias, quantity] of [
    ['Ben', 2],
    ['Cleo', 1],
  ] as const) {
    const p = await newPerson(browser);
    friends.push(p);
    await p.goto(invite);
    await expect(p.getByText('Ann invited you')).toBeVisible();
    // A visitor is told no reward and no commission: both are for the opener and for members.
    await expect(p.getByTestId('opener-reward')).toHaveCount(0);
    await expect(p.getByTestId('commission-terms')).toHaveCount(0);
    await submitJoin(p, { alias, quantity });
    await expect(p.getByTestId('member-panel')).toBeVisible();
  }
  const [b] = friends;
  if (!b) throw new Error('no second person');
  // A friend is a member now: their own share panel speaks of the commission their link would earn.
  await expect(b.getByTestId('commission-terms')).toBeVisible();
  await expect(b.getByTestId('opener-reward')).toHaveCount(0);
  // Ben opening his own link admits no second join (no self-referral to earn on).
  await b.goto(await b.getByTestId('invite-link').inputValue());
  await expect(b.getByTestId('member-panel')).toBeVisible();
  await expect(b.getByTestId('join-form')).toHaveCount(0);
  // Ann's page, live: the reward's condition is met, and still a condition until the group closes.
  await expect(a.getByTestId('opener-reward')).toHaveText(
    'You opened this group and it has 3 people: if it still has them when it closes, you get 50% off your order.',
  );

  await closeTestGroup(request, code);
  // Ann is charged half of $40.00 and told her reward in money.
  await expect(a.getByTestId('group-banner')).toContainText('Charged $20.00', { timeout: 30_000 });
  await expect(a.getByTestId('opener-reward')).toHaveText('Your opener reward: $20.00 off.');

  // On /me: two commissions (10% of $80.00 and of $40.00), waiting for an account.
  await a.goto('/me');
  const earnings = a.getByTestId('earnings');
  await untilReloaded(a, async () => {
    await expect(earnings.locator('[data-testid="commission"][data-state="needs_account"]')).toHaveCount(2, {
      timeout: 1000,
    });
  });
  await expectCommission(a, 'Ben', '$8.00');
  await expectCommission(a, 'Cleo', '$4.00');
  await expect(earnings.getByTestId('earnings-totals')).toHaveText('$0.00 paid · $12.00 to come');
  await expect(earnings.getByTestId('opener-rewards')).toHaveText(
    `$20.00 off your order in your group for ${title}`,
  );
  await expect(a.getByTestId('my-opener-reward')).toHaveText('Your opener reward: $20.00 off.');

  // Connect through the demo's stand-in for Stripe's form, which says it is one.
  await earnings.getByRole('button', { name: 'Connect to get paid' }).click();
  await a.waitForURL(/\/connect\/demo\?for=sharer$/);
  await expect(a.getByTestId('demo-notice')).toContainText('This is a demo');
  await expect(a.getByTestId('demo-notice')).toContainText("Stripe's own secure form");
  expect(await seriousAxeViolations(a), 'demo onboarding').toEqual([]);
  await a.getByRole('button', { name: 'Complete onboarding' }).click();
  await a.waitForURL(/\/me\?connect=return$/);
  await expect(a.getByTestId('payout-account')).toHaveText(
    'Your payout account is connected: your commissions are paid into it.',
  );

  // The worker pays both once the account can receive them.
  await untilReloaded(a, async () => {
    await expect(earnings.locator('[data-testid="commission"][data-state="paid"]')).toHaveCount(2, {
      timeout: 1000,
    });
  });
  await expectCommission(a, 'Ben', '$8.00');
  await expectCommission(a, 'Cleo', '$4.00');
  await expect(earnings.getByTestId('earnings-totals')).toHaveText('$12.00 paid · $0.00 to come');
  await expect(earnings.getByTestId('connect-payouts')).toHaveCount(0);
  expect(await seriousAxeViolations(a), '/me with earnings').toEqual([]);

  // Stripe's refresh link (an expired onboarding link) sends a signed-in person to a fresh one: here the demo's.
  await a.goto('/connect/refresh?for=sharer');
  await a.waitForURL(/\/connect\/demo\?for=sharer$/);
  // Signed out, the demo onboarding has no account to complete and says so instead of offering the button.
  const stranger = await newPerson(browser);
  await stranger.goto('/connect/demo?for=sharer');
  await expect(stranger.getByText('Your session has ended.')).toBeVisible();
  await expect(stranger.getByRole('button', { name: 'Complete onboarding' })).toHaveCount(0);

  // Ben brought nobody: he earns nothing, so /me says nothing of earnings.
  await b.goto('/me');
  await expect(b.getByTestId('my-groups')).toContainText(title);
  await expect(b.getByTestId('earnings')).toHaveCount(0);
});
