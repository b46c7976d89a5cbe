// A new shop gets paid (issue 18): it signs up, builds a deal with rewards, is refused publishing until
// its Stripe account can take payments, connects through the Payments page (the demo's onboarding page
// stands in for Stripe's), comes back to "can take payments" and publishes.
import { expect, test, type Page } from './helpers/fixtures';
import { seriousAxeViolations } from './helpers/axe';
import { DESKTOP, shootBoth } from './helpers/screens';

const shoot = (page: Page, name: string) => shootBoth(page, 'connect', name);

test('a new shop connects Stripe from Payments, then publishes the deal it was refused', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(DESKTOP);

  // Sign up and create the shop.
  await page.goto('/merchant/sign-up');
  await page.getByLabel('Your name').fill('Noor Potter');
  await page.getByLabel('E-mail').fill(`potter-${Date.now()}@example.test`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/merchant\/profile$/);
  await page.getByLabel('Shop name').fill('Noor’s Pottery');
  await page.getByRole('button', { name: 'Create my shop' }).click();
  await expect(page.getByRole('heading', { name: 'Noor’s Pottery' })).toBeVisible();

  // The dashboard says what is missing before anything else.
  const banner = page.getByTestId('connect-banner');
  await expect(banner).toContainText('Connect Stripe to publish deals and get paid');
  expect(await seriousAxeViolations(page), 'dashboard, not connected').toEqual([]);
  await shoot(page, 'dashboard');

  // A deal with rewards: the opener's order free from 3 people (up to $20.00), 12.5% to helpers.
  await page.getByRole('link', { name: 'New deal' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Stoneware mugs');
  await page.getByLabel('List price').fill('30.00');
  await page.getByLabel('Bracket 1: from how many people').fill('2');
  await page.getByLabel('Bracket 1: price each, in USD').fill('24.00');
  await page.getByLabel('Bracket 2: from how many people').fill('4');
  await page.getByLabel('Bracket 2: price each, in USD').fill('20.00');
  await page.getByLabel('Time to fill').fill('1');
  await page.getByLabel('Unit').selectOption('days');
  await page.getByLabel('Most people in a group').fill('8');
  await page.getByLabel('Open-link limit').fill('8');
  await page.getByRole('checkbox', { name: 'Pickup points' }).check();
  await page.getByLabel('Name', { exact: true }).fill('Studio door');
  await page.getByLabel('Address', { exact: true }).fill('3 Kiln Lane, Leeds');
  await page.getByLabel('Opening hours').fill('Sat 10:00–14:00');
  await page.getByLabel('Pickup window (days after close)').fill('7');

  const rewards = page.getByTestId('rewards');
  await rewards.getByRole('checkbox', { name: 'Reward the person who opens a group' }).check();
  await rewards.getByLabel('If at least this many join').fill('9');
  await rewards.getByLabel("Discount on the opener's order").fill('100');
  await rewards.getByLabel('Worth at most (USD, optional)').fill('20.00');
  await rewards.getByLabel('Helper commission').fill('12.5');
  // The server's rule beside its field: the reward's group size within the group size.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(
    page.getByText("The opener reward's group size can be at most the group size (8)."),
  ).toBeVisible();
  await rewards.getByLabel('If at least this many join').fill('3');
  await expect(page.getByTestId('opener-reward-summary')).toHaveText(
    'If at least 3 join, the opener gets their order free (worth up to $20.00).',
  );
  await expect(page.getByTestId('commission-summary')).toHaveText(
    'Helpers earn 12.5% of each charge of a buyer they bring.',
  );
  await expect(rewards.getByLabel('Days after a charge before commissions are paid')).toHaveValue('14');
  expect(await seriousAxeViolations(page), 'editor with rewards').toEqual([]);
  await shoot(page, 'editor-rewards');

  // Publishing is refused: the deal is kept as a draft, and the message leads to Payments.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page).toHaveURL(/\/merchant\/deals\/[0-9a-f-]{36}\/edit\?refused=connect$/);
  const editUrl = page.url().replace(/\?.*$/, '');
  await expect(page.getByText(/Connect your shop's Stripe account before you publish/)).toBeVisible();
  await expect(page.getByTestId('opener-reward-summary')).toHaveText(
    'If at least 3 join, the opener gets their order free (worth up to $20.00).',
  );
  await expect(page.getByRole('textbox', { name: 'Helper commission' })).toHaveValue('12.5');
  await shoot(page, 'refused');
  await page.getByRole('link', { name: 'Open Payments' }).click();

  // Payments: not connected yet, the fee in words, nothing paid out yet.
  await expect(page).toHaveURL(/\/merchant\/payments$/);
  const getPaid = page.getByTestId('get-paid');
  await expect(getPaid.getByTestId('account-state')).toHaveText('Your shop is not connected to Stripe yet');
  await expect(page.getByTestId('fee-terms')).toHaveText(
    "Flock's fee: 5% + $0.30 per payment; on a $20.00 payment, $1.30.",
  );
  await expect(page.getByTestId('payouts-empty')).toBeVisible();
  await expect(page.getByTestId('report-empty')).toBeVisible();
  expect(await seriousAxeViolations(page), 'payments, not connected').toEqual([]);
  await shoot(page, 'payments-not-connected');

  // Connect: the demo's stand-in for Stripe's onboarding form, then back to Payments.
  await getPaid.getByRole('button', { name: 'Connect with Stripe' }).click();
  await expect(page).toHaveURL(/\/connect\/demo\?for=merchant/);
  // Back before finishing, as from Stripe's form left half done: what Stripe still needs, in words.
  await page.goto('/merchant/payments?connect=return');
  await expect(getPaid.getByTestId('account-state')).toHaveText('Your shop cannot take payments yet');
  const needs = getPaid.getByTestId('account-needs');
  await expect(needs).toContainText('A bank account to pay out to');
  await expect(needs).toContainText('Your date of birth');
  await expect(needs).toContainText("Your acceptance of Stripe's terms of service");
  await expect(needs).not.toContainText('individual.dob');
  expect(await seriousAxeViolations(page), 'payments, onboarding unfinished').toEqual([]);
  await shoot(page, 'payments-needs');
  await getPaid.getByRole('button', { name: 'Continue onboarding' }).click();
  await expect(page).toHaveURL(/\/connect\/demo\?for=merchant/);
  await page.getByRole('button', { name: 'Complete onboarding' }).click();
  await expect(page).toHaveURL(/\/merchant\/payments/);
  await expect(getPaid.getByTestId('account-state')).toHaveText('Your shop can take payments');
  await expect(getPaid).toContainText('Payouts enabled');
  await expect(getPaid.getByRole('button', { name: /Connect with Stripe|Continue onboarding/ })).toHaveCount(
    0,
  );
  await page.getByRole('button', { name: 'Week' }).click();
  await expect(page.getByRole('button', { name: 'Week' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('report-empty')).toBeVisible();
  expect(await seriousAxeViolations(page), 'payments, connected').toEqual([]);
  await shoot(page, 'payments-connected');

  // The dashboard's banner is gone; the draft publishes now.
  await page.goto('/merchant');
  await expect(page.getByRole('heading', { name: 'Noor’s Pottery' })).toBeVisible();
  await expect(page.getByTestId('connect-banner')).toHaveCount(0);
  await page.goto(editUrl);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('heading', { name: 'Your deal is live' })).toBeVisible({ timeout: 30_000 });
});
